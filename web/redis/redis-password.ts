import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, stat } from 'node:fs/promises';

/**
 * Writes `text` so that no other user can read it at any moment: a new file created 0600
 * (not chmod-ed after the fact), then renamed over the old one.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    // `open`'s mode passes through the umask, which can only take bits away; this is exact.
    await handle.chmod(0o600);
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

/**
 * The private Redis's password: made once (32 random bytes, hex) and kept in `file`, so a
 * restart (the supervisor's, or the next `npm start`) keeps it, and workers on this machine
 * can read it. A file that others could read is no secret any more: a new one replaces it.
 */
export async function redisPassword(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (info && (info.mode & 0o077) === 0) {
    const saved = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(saved)) return saved;
  }
  const password = randomBytes(32).toString('hex');
  await writePrivateFile(file, `${password}\n`);
  await chmod(file, 0o600);
  return password;
}
