import { execFile } from 'node:child_process';
import { chmod, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ASSIGNMENT_ID_PATTERN } from '../assignments/assignment-file-schema.js';

const run = promisify(execFile);

/** What every git we run sees: no user's or system's configuration, nothing of our environment. */
export function gitEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...extra };
}

/** `'it'\''s'`: one argument for sh, whatever the path holds. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Each student's bare repositories, one per assignment: `<root>/u<userId>/<assignment>.git`,
 * the path made from the user's id and an assignment id of the catalog (never from what the
 * request says), so a student's URL can only ever lead to their own. Everything 0700.
 */
export class StudentRepositories {
  /**
   * @param root `<data dir>/git`
   * @param hookProgram the hook's command before its argument: node and `push-hook.js`
   */
  constructor(
    readonly root: string,
    private readonly hookProgram: { node: string; script: string },
    private readonly maxPushBytes: number,
  ) {}

  /** `GIT_PROJECT_ROOT` of this user's repositories. */
  projectRoot(userId: number): string {
    if (!Number.isSafeInteger(userId) || userId < 0) throw new Error(`not a user id: ${userId}`);
    return join(this.root, `u${userId}`);
  }

  /** `/<assignment>.git`: the repository below the project root. */
  repoPath(assignmentId: string): string {
    if (!ASSIGNMENT_ID_PATTERN.test(assignmentId)) throw new Error(`not an assignment id: ${assignmentId}`);
    return `/${assignmentId}.git`;
  }

  gitDir(userId: number, assignmentId: string): string {
    return join(this.projectRoot(userId), this.repoPath(assignmentId));
  }

  async exists(userId: number, assignmentId: string): Promise<boolean> {
    return stat(join(this.gitDir(userId, assignmentId), 'HEAD')).then(
      () => true,
      () => false,
    );
  }

  /**
   * The repository, made on first use, with our hooks (written again each time: they name
   * the running service's program) and settings: objects checked as they arrive, no dumb
   * HTTP file serving, a cap on a pushed pack.
   */
  async ensure(userId: number, assignmentId: string): Promise<string> {
    const gitDir = this.gitDir(userId, assignmentId);
    const env = gitEnv(this.root);
    if (!(await this.exists(userId, assignmentId))) {
      await mkdir(this.projectRoot(userId), { recursive: true, mode: 0o700 });
      // `--template=`: no sample hooks, nothing but what git needs.
      await run('git', ['init', '--bare', '--quiet', '--template=', '--initial-branch=main', gitDir], { env, timeout: 10_000 });
      await chmod(gitDir, 0o700);
      const settings: [string, string][] = [
        ['http.getanyfile', 'false'],
        ['receive.fsckObjects', 'true'],
        ['receive.maxInputSize', String(this.maxPushBytes)],
        ['core.hooksPath', join(gitDir, 'hooks')],
      ];
      for (const [key, value] of settings) await run('git', ['config', '--file', join(gitDir, 'config'), key, value], { env, timeout: 10_000 });
    }
    await this.writeHooks(gitDir);
    return gitDir;
  }

  private async writeHooks(gitDir: string): Promise<void> {
    const hooks = join(gitDir, 'hooks');
    await mkdir(hooks, { recursive: true, mode: 0o700 });
    for (const hook of ['pre-receive', 'post-receive']) {
      const text = `#!/bin/sh\nexec ${shellQuote(this.hookProgram.node)} ${shellQuote(this.hookProgram.script)} ${hook}\n`;
      const temporary = join(hooks, `.${hook}.${process.pid}.${Math.random().toString(36).slice(2)}`);
      await writeFile(temporary, text, { mode: 0o700 });
      await rename(temporary, join(hooks, hook));
    }
  }
}
