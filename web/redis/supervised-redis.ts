import { PrivateRedis, type PrivateRedisOptions } from './private-redis.js';

export interface SupervisedRedisOptions extends PrivateRedisOptions {
  /** Waits before each start after a crash; the last repeats. @defaultValue 0.5 s, 1 s, 2 s, … 30 s */
  restartDelaysMs?: readonly number[];
  /** Up this long, a server counts as healthy again and the delays start over. @defaultValue 60 s */
  stableAfterMs?: number;
}

const DEFAULT_DELAYS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * The service's private `redis-server`, started again when it dies (OOM killer, a stray
 * `kill`): on the same port and data dir, so it replays its AOF and every queue
 * connection (ours and remote workers') reconnects to the same address by itself. Without
 * this, `npm start` would keep running with a dead queue until someone noticed.
 */
export class SupervisedRedis {
  private current: PrivateRedis;
  private stopping = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  private readonly delays: readonly number[];
  private readonly log: (line: string) => void;

  private constructor(
    first: PrivateRedis,
    private readonly opts: SupervisedRedisOptions,
  ) {
    this.current = first;
    this.delays = opts.restartDelaysMs?.length ? opts.restartDelaysMs : DEFAULT_DELAYS;
    this.log = opts.log ?? (() => {});
    this.watch(first);
  }

  static async start(opts: SupervisedRedisOptions): Promise<SupervisedRedis> {
    return new SupervisedRedis(await PrivateRedis.start(opts), opts);
  }

  /** Fixed for the service's life: restarts keep the port. */
  get url(): string {
    return this.current.url;
  }

  get pid(): number | undefined {
    return this.current.pid;
  }

  /** Stops the server and the supervision; idempotent. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.restarting?.catch(() => {});
    await this.current.stop();
  }

  private watch(redis: PrivateRedis): void {
    const startedAt = Date.now();
    void redis.exited.then(() => {
      if (this.stopping || redis.stopRequested) return;
      if (Date.now() - startedAt >= (this.opts.stableAfterMs ?? 60_000)) this.attempt = 0;
      this.scheduleRestart(`private redis-server (pid ${redis.pid}) exited`);
    });
  }

  private scheduleRestart(why: string): void {
    const delay = this.delays[Math.min(this.attempt, this.delays.length - 1)]!;
    this.attempt++;
    this.log(`${why}: starting it again on port ${this.current.port} in ${delay} ms`);
    this.timer = setTimeout(() => {
      this.restarting = this.restart().finally(() => (this.restarting = undefined));
    }, delay);
    this.timer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      // Same port and password: every client's URL (ours, remote workers') stays right.
      const next = await PrivateRedis.start({ ...this.opts, port: this.current.port, password: this.current.password });
      if (this.stopping) {
        await next.stop();
        return;
      }
      this.current = next;
      this.watch(next);
    } catch (error) {
      if (!this.stopping) this.scheduleRestart(`could not start redis-server again (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
