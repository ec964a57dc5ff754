import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HookChannel } from './hook-channel.js';
import { StudentRepositories } from './student-repositories.js';

export interface GitRemoteOptions {
  /** `<data dir>/git`: the repositories and the hooks' socket. */
  dir: string;
  /** The compiled project: the hooks run `<distDir>/web/git/push-hook.js`. */
  distDir: string;
  /** Bytes of one push (the pack git sends). @defaultValue 32 MiB */
  maxPushBytes?: number;
  log?: (line: string) => void;
}

/** A unix socket's path has room for 107 bytes (sun_path); a deep data dir gets a private temporary one. */
const MAX_SOCKET_PATH = 100;

/**
 * What the `/git` routes need besides the API's parts: the students' repositories and
 * the channel their hooks talk to the service on. Made once by the service.
 */
export class GitRemote {
  private constructor(
    readonly repositories: StudentRepositories,
    readonly hooks: HookChannel,
    readonly maxPushBytes: number,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async open(options: GitRemoteOptions): Promise<GitRemote> {
    const log = options.log ?? (() => {});
    const maxPushBytes = options.maxPushBytes ?? 32 * 1024 * 1024;
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    let socketDir = options.dir;
    let removeSocketDir = async () => {};
    if (join(socketDir, 'hooks.sock').length > MAX_SOCKET_PATH) {
      socketDir = await mkdtemp(join(tmpdir(), 'sockgrade-git-')); // 0700, as mkdtemp makes it
      removeSocketDir = () => rm(socketDir, { recursive: true, force: true });
    }
    const hooks = await HookChannel.open(join(socketDir, 'hooks.sock'), log);
    const repositories = new StudentRepositories(options.dir, { node: process.execPath, script: join(options.distDir, 'web/git/push-hook.js') }, maxPushBytes);
    return new GitRemote(repositories, hooks, maxPushBytes, async () => {
      await hooks.close();
      await removeSocketDir();
    });
  }

  close(): Promise<void> {
    return this.cleanup();
  }
}
