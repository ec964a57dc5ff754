import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BuildLockOptions {
  signal?: AbortSignal | undefined;
  log: (line: string) => void;
  /** @defaultValue 1000 */
  pollMs?: number;
  /** A lock older than this is taken over whoever holds it (a build takes about a minute). @defaultValue 30 min */
  staleMs?: number;
  /** Whether a process is alive; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

/**
 * Runs `fn` holding `<lockDir>/<name>.lock`, created with O_EXCL and holding our pid, so
 * two `ensureImages` (in one process or two) never build the same image at once: the
 * second waits, then finds the image built. A lock whose process is gone, or that is
 * older than `staleMs`, is taken over.
 */
export async function withBuildLock<T>(lockDir: string, name: string, fn: () => Promise<T>, opts: BuildLockOptions): Promise<T> {
  await mkdir(lockDir, { recursive: true });
  const path = join(lockDir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
  let waitingLogged = false;
  for (;;) {
    opts.signal?.throwIfAborted();
    const handle = await open(path, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw error;
    });
    if (handle) {
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    }
    const holder = await readFile(path, 'utf8').catch(() => undefined);
    if (holder === undefined) continue; // released between our open and read
    const pid = Number.parseInt(holder, 10);
    const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now());
    // The holder creates the file, then writes its pid: an empty file is a lock being taken,
    // not a dead one (judging it dead let two builders in at once).
    const beingWritten = !(Number.isInteger(pid) && pid > 0) && age < 5_000;
    const alive = beingWritten || (opts.isAlive ?? isProcessAlive)(pid);
    if (!alive || age > (opts.staleMs ?? 30 * 60_000)) {
      // Take over only the lock we judged stale, not one a third process just created.
      if ((await readFile(path, 'utf8').catch(() => undefined)) === holder) await unlink(path).catch(() => undefined);
      continue;
    }
    if (!waitingLogged && !beingWritten) {
      opts.log(`waiting for another build of ${name} (pid ${pid}) to finish…`);
      waitingLogged = true;
    }
    await sleep(opts.pollMs ?? 1000, undefined, { signal: opts.signal }).catch((error: unknown) => {
      throw opts.signal?.aborted ? opts.signal.reason : error;
    });
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
