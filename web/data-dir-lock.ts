import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
}

/**
 * One service per data dir: SQLite has one writer here, and a second service would stop
 * the first one's Redis as stale. The lock is a pid file; a dead owner's file is taken
 * over. Returns the release function.
 */
export async function lockDataDir(dataDir: string, pid = process.pid): Promise<() => Promise<void>> {
  const file = join(dataDir, 'service.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${pid}\n`, { flag: 'wx', mode: 0o600 });
      return async () => {
        if ((await readFile(file, 'utf8').catch(() => '')).trim() === String(pid)) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== pid && (await isNodeProcess(owner))) {
        throw new DataDirInUseError(`Another sockgrade service (pid ${owner}) is using ${dataDir}; stop it first, or set SOCKGRADE_DATA_DIR to another folder.`);
      }
      await rm(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${dataDir}: another service started at the same moment.`);
}

/** Alive and a Node process: a pid reused after a reboot by something else does not hold the lock. */
async function isNodeProcess(pid: number): Promise<boolean> {
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return command.includes('node');
}
