import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsFileError, credentialsPath, findLogin, readCredentials, saveLogin } from './credentials-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-credentials-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('the credentials file', () => {
  it('lives in $XDG_CONFIG_HOME/sockgrade, else ~/.config/sockgrade (a relative XDG_CONFIG_HOME is ignored)', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x/config', HOME: '/home/ada' })).toBe('/x/config/sockgrade/credentials.json');
    expect(credentialsPath({ HOME: '/home/ada' })).toBe('/home/ada/.config/sockgrade/credentials.json');
    expect(credentialsPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/ada' })).toBe('/home/ada/.config/sockgrade/credentials.json');
    expect(credentialsPath({ XDG_CONFIG_HOME: '', HOME: '/home/ada' })).toBe('/home/ada/.config/sockgrade/credentials.json');
  });

  it('is written 0600 in a 0700 folder whatever the umask or the folder’s mode before, and keeps one login per service', async () => {
    const path = join(dir, 'config/sockgrade/credentials.json');
    await mkdir(join(dir, 'config/sockgrade'), { recursive: true, mode: 0o755 });
    await chmod(join(dir, 'config/sockgrade'), 0o755);
    const umask = process.umask(0);
    try {
      await saveLogin(path, { url: 'http://127.0.0.1:3000', token: 'sgk_one', name: 'ada', expiresAt: null });
      await saveLogin(path, { url: 'https://grader.example', token: 'sgk_two', name: 'ada', expiresAt: '2027-03-04T00:00:00.000Z' });
      await saveLogin(path, { url: 'http://127.0.0.1:3000', token: 'sgk_three', name: 'ada', expiresAt: null });
    } finally {
      process.umask(umask);
    }
    expect(await mode(path)).toBe(0o600);
    expect(await mode(join(dir, 'config/sockgrade'))).toBe(0o700);
    const file = await readCredentials(path);
    expect(file.current).toBe('http://127.0.0.1:3000');
    expect(Object.keys(file.logins).sort()).toEqual(['http://127.0.0.1:3000', 'https://grader.example']);
    expect(findLogin(file, undefined)?.token).toBe('sgk_three');
    expect(findLogin(file, 'https://grader.example')?.token).toBe('sgk_two');
    expect(findLogin(file, 'https://other.example')).toBeUndefined();
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe(1);
  });

  it('reads a missing file as no logins, and refuses a broken one with what to do', async () => {
    expect(await readCredentials(join(dir, 'none.json'))).toEqual({ version: 1, current: null, logins: {} });
    await writeFile(join(dir, 'broken.json'), '{"version": 1,');
    await expect(readCredentials(join(dir, 'broken.json'))).rejects.toThrow(CredentialsFileError);
    await expect(readCredentials(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json is not valid JSON; delete it and run `sockgrade login <url>` again\./);
  });
});
