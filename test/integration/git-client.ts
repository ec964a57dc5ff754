import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitRemote } from '../../web/git/git-remote.js';
import { startApiHarness, type ApiHarness } from '../../web/testing/api-harness.js';
import { distDir } from './harness.js';

/** What a student's git sees: no configuration of this machine, never a prompt (a wrong token fails instead of asking). */
const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.org',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.org',
};

export interface GitResult {
  code: number;
  stdout: string;
  /** What `git push` shows the student: `remote:` lines and the ref summary. */
  stderr: string;
}

/** Runs the real `git` client; never throws for a non-zero exit (the tests check it). */
export function git(cwd: string, args: string[], timeoutMs = 240_000): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: ENV, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** A new work tree with one branch, `main`. */
export async function initWorkTree(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const result = await git(dir, ['init', '--quiet', '--initial-branch=main']);
  if (result.code !== 0) throw new Error(result.stderr);
}

/** Writes the files (relative names) and commits everything. */
export async function commitFiles(dir: string, files: Record<string, string | Buffer>, message = 'work'): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  for (const args of [['add', '--all'], ['commit', '--quiet', '--allow-empty', '-m', message]]) {
    const result = await git(dir, args);
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
}

/** `http://name:token@host:port/git/<assignment>.git`: git sends the token as the basic-auth password after our 401. */
export function remoteUrl(base: string, name: string, token: string, assignment: string): string {
  const url = new URL(`${base}/git/${assignment}.git`);
  url.username = name;
  url.password = token;
  return url.toString();
}

/** The `remote:` lines of a push, without git's prefix and padding. */
export function remoteLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.slice('remote:'.length).replace(/^ /, '').trimEnd());
}

/** The API (in-memory SQLite, the harness's fake queue) with the git remote over a fresh data dir under `tmp`. */
export async function startGitApi(tmp: string): Promise<{ remote: GitRemote; h: ApiHarness }> {
  const dir = await mkdtemp(join(tmp, 'data-'));
  const remote = await GitRemote.open({ dir: join(dir, 'git'), distDir });
  return { remote, h: await startApiHarness({ git: remote }) };
}
