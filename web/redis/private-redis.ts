import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-port.js';
import { writePrivateFile, redisPassword } from './redis-password.js';

/** The private Redis could not start; the message says what to install or look at. */
export class PrivateRedisError extends Error {
  readonly code = 'REDIS_START_FAILED';
}

export interface PrivateRedisOptions {
  /** Its AOF, RDB and pid file live here (`./data/redis/`). */
  dir: string;
  /**
   * Listen on this port: a Redis started again where a stopped one was keeps the URL that
   * queue connections and remote workers hold, so they reconnect by themselves.
   * @defaultValue a free loopback port
   */
  port?: number;
  /** @defaultValue 'redis-server' from PATH */
  binary?: string;
  /**
   * What clients must send (`requirepass`).
   * @defaultValue a random one, made once and kept in `<dir>/password` (mode 0600)
   */
  password?: string;
  /** @defaultValue 15 s */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * A `redis-server` of our own for a one-machine install, the way BullMQ's production
 * guide wants it: AOF on (`appendfsync everysec`: at most a second of jobs lost to a
 * power cut), `noeviction` (an evicted job key is a lost submission), loopback only, on a
 * free port. Stopped with the service; a copy left by a killed service is stopped at the
 * next start (its pid file), since two servers must not share one AOF.
 *
 * With a password (issue #12): any local user, the sandbox's uid 65534 included (no user
 * namespace remapping), can reach a loopback port, and a job holds a submission's files
 * and hidden test parameters; a forged `completed` event would be a forged score. The
 * password is never in the command line (`/proc/<pid>/cmdline` is readable by everyone):
 * it is in `redis.conf`, mode 0600, which is what redis-server is started with.
 */
export class PrivateRedis {
  private stopping: Promise<void> | undefined;
  /** Settles when the server process has ended, for whatever reason. */
  readonly exited: Promise<void>;
  private readonly killOnExit = () => this.child.kill('SIGTERM');

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    /** What clients send (`requirepass`); also in `url`. */
    readonly password: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    // A crash of this process must not leave the server running with our data dir.
    process.once('exit', this.killOnExit);
  }

  /** With the password: `redis://:<password>@127.0.0.1:<port>`. Log `redactRedisUrl(url)`, never this. */
  get url(): string {
    return `redis://:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether `stop()` was called: an exit without it is a crash (or someone else's kill). */
  get stopRequested(): boolean {
    return this.stopping !== undefined;
  }

  static async start(opts: PrivateRedisOptions): Promise<PrivateRedis> {
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    await chmod(opts.dir, 0o700);
    await stopStale(join(opts.dir, 'redis.pid'), opts.log);
    const password = opts.password ?? (await redisPassword(join(opts.dir, 'password')));
    const launchOn = async (port: number) => new PrivateRedis(await launch(opts, port, password), port, password);
    if (opts.port !== undefined) {
      try {
        return await launchOn(opts.port);
      } catch (error) {
        if (!(error instanceof PortTakenError)) throw error;
        throw new PrivateRedisError(`Port ${opts.port} on 127.0.0.1 is taken by another program: stop it, or start Redis on another port.`);
      }
    }
    let lastError: unknown;
    // The free port is only free until someone takes it: try again on a clash.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeLoopbackPort();
      try {
        return await launchOn(port);
      } catch (error) {
        lastError = error;
        if (!(error instanceof PortTakenError)) throw error;
      }
    }
    throw lastError;
  }

  /** SIGTERM: Redis writes the AOF out and exits; SIGKILL if it has not within 10 s. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      process.off('exit', this.killOnExit);
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    })();
    return this.stopping;
  }
}

class PortTakenError extends Error {}

/**
 * A value in redis.conf: quoted, so a data dir with spaces stays one argument; `\\`, `"` and
 * control characters escaped the way Redis's config parser (`sdssplitargs`) reads them.
 */
export function confValue(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}"`;
}

/** The server's whole configuration; written 0600 since it holds the password. */
function redisConf(opts: PrivateRedisOptions, port: number, password: string): string {
  const settings: [string, string][] = [
    ['port', String(port)],
    ['bind', '127.0.0.1'],
    ['protected-mode', 'yes'],
    ['requirepass', password],
    ['dir', opts.dir],
    ['pidfile', join(opts.dir, 'redis.pid')],
    ['appendonly', 'yes'],
    ['appendfsync', 'everysec'],
    ['maxmemory-policy', 'noeviction'],
    ['daemonize', 'no'],
  ];
  return `# Written by sockgrade at each start of its private redis-server; edits are lost.\n${settings
    .map(([key, value]) => `${key} ${confValue(value)}`)
    .join('\n')}\n`;
}

async function launch(opts: PrivateRedisOptions, port: number, password: string): Promise<ChildProcess> {
  const binary = opts.binary ?? 'redis-server';
  const confFile = join(opts.dir, 'redis.conf');
  await writePrivateFile(confFile, redisConf(opts, port, password));
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and
  // Redis must outlive the service's orderly shutdown (the worker's last results), so
  // only `stop()` (or this process exiting) stops it.
  const child = spawn(binary, [confFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const timeoutMs = opts.startTimeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new PrivateRedisError(`redis-server did not start within ${timeoutMs} ms. Its last lines:\n${output.slice(-10).join('\n')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        output.push(line);
        if (output.length > 50) output.shift();
        if (line.includes('Ready to accept connections')) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          child.stderr?.resume();
          opts.log?.(`private redis-server on 127.0.0.1:${port} (pid ${child.pid}), data in ${opts.dir}`);
          resolve(child);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new PrivateRedisError(
              `${binary} is not installed. Install Debian's redis-server (\`npm run setup\` as root does), or set REDIS_URL to a Redis you run.`,
            )
          : new PrivateRedisError(`Could not start ${binary}: ${error.message}`),
      ),
    );
    child.once('exit', (code, signal) => {
      const text = output.join('\n');
      if (/Address already in use/i.test(text)) fail(new PortTakenError(`port ${port} taken`));
      else fail(new PrivateRedisError(`redis-server stopped at start (${signal ?? `exit ${code}`}). Its last lines:\n${output.slice(-10).join('\n')}`));
    });
  });
}

/** Stops a redis-server that a killed earlier service left running on this data dir. */
async function stopStale(pidFile: string, log?: (line: string) => void): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('redis-server')) return;
  log?.(`stopping redis-server ${pid} left running by an earlier start`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!(await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''))) return;
  }
  process.kill(pid, 'SIGKILL');
}
