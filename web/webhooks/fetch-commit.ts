import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes } from '../../grader/submission-files.js';
import { FetchFailedError, PayloadTooLargeError } from '../errors.js';
import { gitEnv } from '../git/student-repositories.js';

export interface FetchCommitOptions {
  /** Where the temporary repository goes (removed again by `release`). */
  workDir: string;
  /** The registered URL: never one a push event names. */
  url: string;
  ref: string;
  commit: string;
  maxBytes: number;
  timeoutMs: number;
}

/** Bytes under `dir`, stopping early past `limit`. */
async function sizeOf(dir: string, limit: number): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    total += await stat(join(entry.parentPath, entry.name)).then((s) => s.size, () => 0);
    if (total > limit) break;
  }
  return total;
}

function runGit(args: string[], cwd: string, env: Record<string, string>, timeoutMs: number, watch: () => Promise<string | null>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopped: string | null = null;
    const child = execFile('git', args, { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      clearInterval(poll);
      if (stopped) return reject(new PayloadTooLargeError(stopped));
      if (error) return reject(new Error(error.killed ? `took longer than ${Math.round(timeoutMs / 1000)} s` : stderr.trim().split('\n').at(-1) || error.message));
      resolve();
    });
    const poll = setInterval(() => {
      void watch().then((problem) => {
        if (problem && !stopped) {
          stopped = problem;
          child.kill('SIGKILL');
        }
      });
    }, 250);
  });
}

/**
 * The pushed commit of a registered repository, fetched into a temporary bare repository:
 * only this one commit (`--depth=1`), over http(s) or file only (`GIT_ALLOW_PROTOCOL`,
 * also for redirects), stopped when the download passes `maxBytes` or takes `timeoutMs`.
 * Returns the repository's path and its `release`.
 */
export async function fetchCommit(options: FetchCommitOptions): Promise<{ gitDir: string; release(): Promise<void> }> {
  const gitDir = await mkdtemp(join(options.workDir, 'fetch-'));
  const release = () => rm(gitDir, { recursive: true, force: true });
  const env = gitEnv(gitDir, { GIT_DIR: gitDir, GIT_ALLOW_PROTOCOL: 'http:https:file', GIT_TERMINAL_PROMPT: '0' });
  const tooBig = async () =>
    (await sizeOf(gitDir, options.maxBytes)) > options.maxBytes ? `The repository's commit is more than ${formatBytes(options.maxBytes)}; commit only your source files.` : null;
  const git = (args: string[]) => runGit(args, gitDir, env, options.timeoutMs, tooBig);
  try {
    await git(['init', '--bare', '--quiet', '--template=', gitDir]);
    // By commit id first (protocol v2 serves any reachable commit); hosts that do not, by the ref.
    try {
      await git(['-c', 'protocol.version=2', 'fetch', '--quiet', '--no-tags', '--depth=1', options.url, options.commit]);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) throw error;
      await git(['fetch', '--quiet', '--no-tags', '--depth=1', options.url, `+${options.ref}:refs/fetched`]);
    }
    await git(['cat-file', '-e', `${options.commit}^{commit}`]).catch(() => {
      throw new Error(`commit ${options.commit.slice(0, 7)} is no longer on ${options.ref}`);
    });
    return { gitDir, release };
  } catch (error) {
    await release();
    if (error instanceof PayloadTooLargeError) throw error;
    throw new FetchFailedError(`We could not fetch ${options.commit.slice(0, 7)} from ${options.url}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
