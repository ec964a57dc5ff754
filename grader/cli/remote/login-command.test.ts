import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, testPasswordHash, type ApiHarness } from '../../../web/testing/api-harness.js';
import { loginCommand } from './login-command.js';
import { readLoginInput } from './read-login-input.js';

let h: ApiHarness;
let dir: string;

beforeEach(async () => {
  h = await startApiHarness();
  h.addUser('ada', 'student', { passwordHash: await testPasswordHash('correct horse') });
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-login-'));
});

afterEach(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

async function login(args: string[], stdinText: string) {
  let stdout = '';
  let stderr = '';
  const code = await loginCommand(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, {
    env: { XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir },
    input: { stdin: Readable.from([stdinText]), prompt: new PassThrough() },
  });
  return { code, stdout, stderr };
}

const path = () => join(dir, 'config/sockgrade/credentials.json');

describe('sockgrade login', () => {
  it('reads name and password from stdin when it is not a terminal, gets a token and keeps it 0600', async () => {
    const result = await login([`${h.base}/`], 'ada\ncorrect horse\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Signed in to ${h.base} as ada \\(student\\)\\. The token \\(valid until \\d{4}-\\d\\d-\\d\\d\\) is kept in ${path()}\\.\\n$`));
    expect((await stat(path())).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'config/sockgrade'))).mode & 0o777).toBe(0o700);
    const file = JSON.parse(await readFile(path(), 'utf8'));
    expect(file.current).toBe(h.base);
    const token = file.logins[h.base].token;
    // The kept token works, and it is labelled as the CLI's.
    const tokens = await h.api('GET', '/api/tokens', token);
    expect(tokens.status).toBe(200);
    expect(tokens.body.tokens.find((t: { current: boolean }) => t.current).label).toMatch(/^sockgrade CLI on /);
  });

  it('takes only the password from stdin with --name', async () => {
    expect((await login([h.base, '--name', 'ada'], 'correct horse\n')).code).toBe(0);
  });

  it('says so and keeps nothing for a wrong password; usage and a bad URL exit 2', async () => {
    const wrong = await login([h.base], 'ada\nwrong\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/name or password/i);
    await expect(stat(path())).rejects.toThrow(/ENOENT/);
    expect((await login([], '')).code).toBe(2);
    expect(await login(['ftp://x'], '')).toMatchObject({ code: 2, stderr: '`ftp://x` is not the URL of a service: write it as http://host:port or https://host.\n' });
    expect(await login([h.base], 'ada\n')).toMatchObject({ code: 1, stderr: 'A name and a password are needed.\n' });
  });

  it('warns before a password goes over plain HTTP to another machine', async () => {
    const result = await login(['http://192.0.2.1:3000', '--name', 'ada'], '');
    expect(result.stderr).toMatch(/^warning: http:\/\/192\.0\.2\.1:3000 is plain HTTP to another machine/);
  });
});

describe('asking on a terminal', () => {
  it('does not echo the password, and takes backspace', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(raw: boolean) { this.rawModes.push(raw); } });
    const prompt = new PassThrough();
    let shown = '';
    prompt.on('data', (chunk) => (shown += String(chunk)));
    const reading = readLoginInput({ stdin, prompt }, 'ada');
    stdin.write('secrex');
    stdin.write('\u007ft\r');
    expect(await reading).toEqual({ name: 'ada', password: 'secret' });
    expect(shown).toBe('Password: \n');
    expect(stdin.rawModes).toEqual([true, false]);
  });
});
