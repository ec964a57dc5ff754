import type Dockerode from 'dockerode';
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { LABELS } from '../../grader/sandbox/labels.js';
import { repoDir } from './harness.js';

const READY_LINE = /grading jobs of queue/;

/**
 * `sockgrade worker` as a separate process (compiled code in dist/, as deployed): its
 * stderr kept line by line, its containers found by its own owner label `<host>/<pid>`.
 */
export class WorkerProcess {
  readonly lines: string[] = [];
  private readonly exited: Promise<number | string>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done(signal ?? code ?? -1)));
    let partial = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      this.lines.push(...parts);
    });
  }

  /** Starts `sockgrade worker --redis <url>` and waits until it takes jobs. */
  static async start(redisUrl: string, opts: { concurrency?: number; env?: NodeJS.ProcessEnv; readyTimeoutMs?: number } = {}): Promise<WorkerProcess> {
    const args = [resolve(repoDir, 'bin/sockgrade.js'), 'worker', '--redis', redisUrl, '--concurrency', String(opts.concurrency ?? 1)];
    const child = spawn('node', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...opts.env } });
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    while (!worker.lines.some((line) => READY_LINE.test(line))) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        await worker.kill();
        throw new Error(`sockgrade worker did not start. Its output:\n${worker.lines.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The `sockgrade.owner` label on everything this process creates. */
  get owner(): string {
    return `${hostname()}/${this.pid}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no shutdown code runs, its locks and containers stay behind. Resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, the orderly stop; SIGKILL after `timeoutMs`. Resolves with the exit code (or signal). */
  async stop(timeoutMs = 30_000): Promise<number | string> {
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Containers of `owner` with the given role, running or not. */
export async function containersOf(docker: Dockerode, owner: string, role?: string): Promise<Dockerode.ContainerInfo[]> {
  const label = [`${LABELS.managed}=true`, `${LABELS.owner}=${owner}`, ...(role ? [`${LABELS.role}=${role}`] : [])];
  return docker.listContainers({ all: true, filters: { label } });
}

/**
 * Cleanup after a failed test: removes what `owner` (one of our children) left, so a
 * broken run does not leave containers for the next. Only that owner's, nobody else's.
 */
export async function removeOwnedBy(docker: Dockerode, owner: string): Promise<void> {
  const filters = { label: [`${LABELS.managed}=true`, `${LABELS.owner}=${owner}`] };
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  await Promise.all((volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => {})));
}
