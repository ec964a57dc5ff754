import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoDir } from './harness.js';

// Issue #12: the data dir holds every submission, report, password hash and session, and
// the private Redis every job. `sockgrade serve` as `npm start` runs it (dist/, its own
// umask, its own redis-server), no worker: what other users of the machine can reach.
let tmp: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sockgrade-data-dir-'));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  child = undefined;
  await rm(tmp, { recursive: true, force: true });
});

interface Serve {
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function serve(dataDir: string): Serve {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', SOCKGRADE_DATA_DIR: dataDir, SOCKGRADE_WORKER_CONCURRENCY: '0' };
  delete env.REDIS_URL;
  delete env.SOCKGRADE_ADMIN_TOKEN;
  child = spawn('node', [resolve(repoDir, 'bin/sockgrade.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Serve = { stdout: '', stderr: '', exited: new Promise((done) => child!.once('exit', (code) => done(code))) };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  return out;
}

/** Every file and folder under `dir` with its permission bits, `dir` itself as `.`. */
async function modes(dir: string, prefix = ''): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const here = await stat(dir);
  result[prefix || '.'] = (here.mode & 0o777).toString(8);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(result, await modes(path, name));
    else result[name] = ((await stat(path)).mode & 0o777).toString(8);
  }
  return result;
}

function rawCommand(port: number, command: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no reply within 5000 ms')));
    socket.once('data', (chunk) => {
      socket.destroy();
      done(chunk.toString('utf8').trim());
    });
    socket.once('error', fail);
  });
}

describe('sockgrade serve and its data dir', () => {
  it('makes the data dir 0700 and every file in it 0600, and its Redis answers NOAUTH without the password', async () => {
    const dataDir = join(tmp, 'data');
    const run = serve(dataDir);
    await expect.poll(() => /sockgrade is running at (\S+)/.exec(run.stdout)?.[1], { timeout: 60_000, interval: 100 }).toBeTruthy();
    const url = /sockgrade is running at (\S+)/.exec(run.stdout)![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const found = await modes(dataDir);
    for (const file of ['sockgrade.db', 'sockgrade.db-wal', 'sockgrade.db-shm', 'service.pid', 'redis/password', 'redis/redis.conf']) {
      expect(found[file], file).toBe('600');
    }
    for (const [name, mode] of Object.entries(found)) {
      const isDir = (await stat(join(dataDir, name))).isDirectory();
      expect(`${name} ${mode}`).toBe(`${name} ${isDir ? '700' : '600'}`);
    }

    // The printed URL hides the password; the port is what any local user can find.
    const printed = /redis: private redis-server, (\S+)/.exec(run.stdout)![1]!;
    const password = (await readFile(join(dataDir, 'redis/password'), 'utf8')).trim();
    expect(printed).not.toContain(password);
    expect(run.stdout + run.stderr).not.toContain(password);
    const port = Number(new URL(printed).port);
    expect(await rawCommand(port, 'PING')).toMatch(/^-NOAUTH /);
    expect(await rawCommand(port, `AUTH ${password}`)).toBe('+OK');

    child!.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a data dir that others can read, saying how to fix it', async () => {
    const dataDir = join(tmp, 'open data');
    await mkdir(dataDir);
    await chmod(dataDir, 0o755);
    const run = serve(dataDir);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain(`The data dir ${dataDir} is open to its group and every user of this machine (mode 0755)`);
    expect(run.stderr).toContain(`run \`chmod 700 ${dataDir}\` and start again.`);
    expect(await readdir(dataDir)).toEqual([]);

    await chmod(dataDir, 0o700);
    const again = serve(dataDir);
    await expect.poll(() => again.stdout, { timeout: 60_000, interval: 100 }).toMatch(/sockgrade is running at/);
  });
});
