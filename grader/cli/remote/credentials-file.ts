import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';

/** One sign-in kept for later: `sockgrade login` writes it, `sockgrade submit` reads it. */
export interface StoredLogin {
  url: string;
  token: string;
  name: string;
  /** ISO 8601, or null: the token does not expire. */
  expiresAt: string | null;
}

const fileSchema = z.object({
  version: z.literal(1),
  /** The service of the last `sockgrade login`: used when no `--url` or `SOCKGRADE_URL` says otherwise. */
  current: z.string().nullable(),
  logins: z.record(z.object({ url: z.string(), token: z.string(), name: z.string(), expiresAt: z.string().nullable() })),
});
export type CredentialsFile = z.infer<typeof fileSchema>;

const EMPTY: CredentialsFile = { version: 1, current: null, logins: {} };

/** The credentials file is there but not ours to read as such: says where and what to do. */
export class CredentialsFileError extends Error {
  readonly code = 'CREDENTIALS_UNREADABLE';
  constructor(path: string, why: string) {
    super(`${path} ${why}; delete it and run \`sockgrade login <url>\` again.`);
    this.name = 'CredentialsFileError';
  }
}

/**
 * `$XDG_CONFIG_HOME/sockgrade/credentials.json`, else `~/.config/sockgrade/credentials.json`
 * (XDG Base Directory: a relative `XDG_CONFIG_HOME` is invalid and ignored).
 */
export function credentialsPath(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'sockgrade', 'credentials.json');
}

export async function readCredentials(path: string): Promise<CredentialsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw new CredentialsFileError(path, `cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialsFileError(path, 'is not valid JSON');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new CredentialsFileError(path, 'is not a sockgrade credentials file');
  return parsed.data;
}

/** The login for `url`, or for the current service when no URL is given. */
export function findLogin(file: CredentialsFile, url: string | undefined): StoredLogin | undefined {
  const key = url ?? file.current;
  return key === null ? undefined : file.logins[key];
}

/**
 * Adds (or replaces) the login for its URL and makes it the current one. The folder is
 * made 0700 and the file 0600 whatever the umask, since the token is as good as the
 * password; written to a temporary file first, so a crash leaves the old file whole.
 */
export async function saveLogin(path: string, login: StoredLogin): Promise<void> {
  const file = await readCredentials(path);
  const next: CredentialsFile = { version: 1, current: login.url, logins: { ...file.logins, [login.url]: login } };
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}
