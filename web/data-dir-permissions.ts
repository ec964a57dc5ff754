import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The data dir can be read or written by other users of the machine: the service does not start. */
export class DataDirPermissionsError extends Error {
  readonly code = 'DATA_DIR_NOT_PRIVATE';
}

/** Owner only: the data dir holds every submission, report, password hash and session (issue #12). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes the data dir, 0700, when it does not exist; refuses one that exists and lets
 * group or others in (the sandbox's uid 65534 on the host is such an "other"). We do not
 * chmod it silently: a dir someone opened on purpose, or that others could already read,
 * is for the operator to look at, and the sentence says how.
 */
export async function ensurePrivateDataDir(dir: string): Promise<void> {
  const existing = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!existing) {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    // mkdir's mode passes through the umask; this one must be exact.
    await chmod(dir, PRIVATE_DIR_MODE);
    return;
  }
  if (!existing.isDirectory()) throw new DataDirPermissionsError(`The data dir ${dir} is not a directory; set SOCKGRADE_DATA_DIR to a folder.`);
  const open = existing.mode & 0o077;
  if (open !== 0) {
    const who = [open & 0o070 ? 'its group' : '', open & 0o007 ? 'every user' : ''].filter(Boolean).join(' and ');
    throw new DataDirPermissionsError(
      `The data dir ${dir} is open to ${who} of this machine (mode ${(existing.mode & 0o777).toString(8).padStart(4, '0')}), ` +
        `but it holds every submission, password hash and session: run \`chmod 700 ${dir}\` and start again.`,
    );
  }
}

/**
 * Owner-only modes for what is already there: files made before the service set its umask
 * (an older version's `sockgrade.db`, `-wal`, `-shm`, Redis's AOF) or by a program that
 * ignores it. `names` are relative to `dir`; missing ones are skipped. A folder gets 0700
 * and, with `recursive`, its files 0600 and sub-folders 0700.
 */
export async function restrictModes(dir: string, names: readonly string[], opts: { recursive?: boolean } = {}): Promise<void> {
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (info.isDirectory()) {
      await chmod(path, PRIVATE_DIR_MODE);
      if (opts.recursive) await restrictModes(path, await readdir(path), opts);
    } else if (info.isFile()) {
      await chmod(path, PRIVATE_FILE_MODE);
    }
  }
}
