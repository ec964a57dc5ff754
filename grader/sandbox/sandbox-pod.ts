import { randomBytes } from 'node:crypto';
import type { ContainerCreateOptions } from 'dockerode';
import type { Duplex, Writable } from 'node:stream';
import type { StudentRunResult } from '../../checks/peer/protocol.js';
import { mainClassOf } from '../../checks/runtimes.js';
import type { RuntimeBuild, RuntimeRef, StudentResourceLimits } from '../../checks/types.js';
import { SandboxStartError, isDockerGone } from '../errors.js';
import { attachStreams } from './attached-streams.js';
import { BoundedOutput } from './bounded-output.js';
import type { ContainerClient, ContainerHandle } from './container-client.js';
import { buildCreateOptions, loaderCreateOptions, peerCreateOptions, studentCreateOptions } from './host-config.js';
import { LABELS, podLabels, type PodRole } from './labels.js';
import { StudentProcess } from './student-process.js';

/** The pod's hostname; `gethostbyname(gethostname())` resolves it to 127.0.0.1. */
export const POD_HOSTNAME = 'sandbox';

export interface SandboxPodOptions {
  client: ContainerClient;
  /** Names the peer container and labels it; a fresh pod takes its first run's id. */
  podId: string;
  peerImage: string;
  /** Extra names that resolve to the pod's loopback (assignments with hard-coded hosts). */
  hostnames: string[];
  signal: AbortSignal;
  log: (line: string) => void;
  /** Where the peer's stdout and stderr go (demuxed). */
  peerStdout: Writable;
  peerStderr: Writable;
  /**
   * Removes what an earlier delivery of the same run id (`podId`) left first (at-least-once
   * job delivery). Only worth its two Docker calls for run ids that can repeat. @defaultValue false
   */
  sweep?: boolean;
  /**
   * A cgroup every container of the pod is created under (Docker's `--cgroup-parent`):
   * its CPU account then adds up all of them, also after they are removed. The bench uses
   * it to tell the pods' CPU from the rest of a shared machine. @defaultValue Docker's own
   */
  cgroupParent?: string;
  /**
   * A pod that may be kept after its run for the next `sockgrade grade` (`kept-pods.ts`):
   * its peer is labelled so (with its hostnames) and Docker removes it once it exits. @defaultValue false
   */
  keepable?: boolean;
}

/** A running peer to adopt as a pod ({@link SandboxPod.adopt}), e.g. one kept between `sockgrade grade` runs. */
export interface AdoptedPeer {
  container: ContainerHandle;
  podId: string;
}

export interface StudentSpec {
  runId: string;
  image: string;
  runtime: RuntimeRef;
  entry: string;
  args: string[];
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  limits: StudentResourceLimits;
  /** Sees the program's output as it arrives, uncut (to link it to the test running then). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
}

/** A compile step: the runtime's build over the submission in the volume (issue #14). */
export interface BuildSpec {
  image: string;
  build: RuntimeBuild;
  entry: string;
  /** The program's CPU share: compiling is not to get more than running. */
  nanoCpus: number;
}

export interface PodPeer {
  container: ContainerHandle;
  /** Write side: the peer's stdin. Read side is demuxed into the pod's peer writables. */
  stream: Duplex;
}

export interface PreparedStudent {
  start(): Promise<StudentProcess>;
  /**
   * Lets go of a run that will never start (its program did not compile): Docker keeps the
   * attach connection of a container removed before it started open, and so the process alive.
   */
  discard(): void;
}

/** One run in a pod: its id (names and labels), a volume with its files, its containers. */
export interface PodRunOptions {
  /** The run's id; a run prepared ahead ({@link SandboxPod.prepareNextRun}) keeps its own. */
  runId: string;
  /** Remove what an earlier delivery of the same run id left first (`SandboxPodOptions.sweep`). */
  sweep?: boolean;
}

interface PodRun {
  id: string;
  volume: string;
  /** The loader, once made (ahead of the run when it was prepared). */
  loader?: ContainerHandle;
  containers: Map<string, { container: ContainerHandle; role: PodRole }>;
  /** Removals begun during the run (the loader's), awaited at its end. */
  removing: Promise<unknown>[];
  serial: number;
}

/**
 * A grading sandbox: the reference peer's container owns the network namespace (no
 * network, only loopback) and the hosts file; each run's student program(s) join it. A
 * run ({@link beginRun} … {@link endRun}) has a volume of its own with the submission
 * and its own containers; a pod whose peer reports clean after a run may serve another
 * (issue #11, `WarmPodPool`). `dispose()` removes every part.
 *
 * Why no separate holder container: a joined container loses its network when the owner
 * stops (moby#10462), which is why the owner must be ours, not the student's; the peer is
 * ours and lives exactly as long as the run needs the network, and one container start
 * fewer per pod saves about 0.25 CPU-s of dockerd, containerd and runc (issue #11).
 */
export class SandboxPod {
  private disposed = false;
  private peerStarted: Promise<void> | undefined;
  private run: PodRun | undefined;
  /** The next run's volume and loader, made while the pod waits (undefined when that failed). */
  private nextRun: Promise<PodRun | undefined> | undefined;
  /** Runs begun in this pod. */
  runsBegun = 0;

  private signal: AbortSignal;
  private log: (line: string) => void;

  private constructor(
    private readonly opts: SandboxPodOptions,
    readonly peer: PodPeer,
  ) {
    this.signal = opts.signal;
    this.log = opts.log;
  }

  /**
   * Creates the pod's peer container, attached but not yet started: a run's containers
   * can be created against the peer's id meanwhile; only their start needs it running
   * ({@link startPeer}).
   */
  static async create(opts: SandboxPodOptions): Promise<SandboxPod> {
    const { client, podId, signal } = opts;
    if (opts.sweep) await sweepRun(client, podId, opts.log);
    let container: ContainerHandle | undefined;
    try {
      const options = peerCreateOptions({
        image: opts.peerImage,
        name: peerName(podId),
        hostname: POD_HOSTNAME,
        hostnames: opts.hostnames,
        labels: { ...podLabels(podId, 'peer'), ...(opts.keepable ? { [LABELS.keep]: keepLabel(opts.hostnames) } : {}) },
        autoRemove: opts.keepable === true,
      });
      container = await client.createContainer({ ...underCgroup(options, opts.cgroupParent), abortSignal: signal } as never);
      opts.log(`created peer ${short(container.id)}`);
      const stream = await attachStreams(client, container, { stdin: true, stdout: opts.peerStdout, stderr: opts.peerStderr, signal });
      return new SandboxPod(opts, { container, stream });
    } catch (error) {
      await container?.remove({ force: true, v: true }).catch(() => {});
      throw new SandboxStartError('creating the pod’s reference peer failed', { cause: error });
    }
  }

  /**
   * A pod around a peer that already runs (a kept pod claimed by this process): attaches
   * to its stdin and output; nothing of its earlier runs is there (each had its own volume
   * and containers, and its peer reported clean).
   */
  static async adopt(opts: Omit<SandboxPodOptions, 'podId' | 'sweep' | 'keepable'>, peer: AdoptedPeer): Promise<SandboxPod> {
    const stream = await attachStreams(opts.client, peer.container, { stdin: true, stdout: opts.peerStdout, stderr: opts.peerStderr, signal: opts.signal });
    const pod = new SandboxPod({ ...opts, podId: peer.podId, keepable: true }, { container: peer.container, stream });
    pod.peerStarted = Promise.resolve();
    return pod;
  }

  /** The pod's id: its peer's name and label. */
  get podId(): string {
    return this.opts.podId;
  }

  get peerImage(): string {
    return this.opts.peerImage;
  }

  /**
   * Lets go of the peer without stopping it (a kept pod handed on to a later process):
   * closes this process's attach connection only; the peer's stdin stays open (`StdinOnce`
   * false). The pod object is of no use afterwards.
   */
  release(): void {
    this.disposed = true;
    this.peer.stream.destroy();
  }

  /** The name of the current run's volume (tests look for it). */
  get runVolume(): string | undefined {
    return this.run?.volume;
  }

  /**
   * Begins a run: its volume (empty), so its containers can be created. The previous run
   * must have ended ({@link endRun}): two runs never share a pod at once.
   */
  async beginRun(run: PodRunOptions): Promise<void> {
    if (this.disposed) throw new SandboxStartError('the pod was already torn down before the run began');
    if (this.run) throw new SandboxStartError(`the pod still has run ${this.run.id}`);
    const { client } = this.opts;
    const next = this.nextRun;
    this.nextRun = undefined;
    const [prepared] = await Promise.all([next, run.sweep ? sweepRun(client, run.runId, this.log) : undefined]);
    if (this.disposed) {
      if (prepared) await this.removeRun(prepared);
      throw new SandboxStartError('the pod was torn down before the run began');
    }
    this.runsBegun += 1;
    if (prepared) {
      this.run = prepared;
      return;
    }
    this.run = emptyRun(run.runId);
    try {
      await this.createRunVolume(this.run);
    } catch (error) {
      throw new SandboxStartError('creating the run’s volume failed', { cause: error });
    }
  }

  /**
   * Makes the next run's volume and loader now, while the pod waits in the pool (issue
   * #11): the run then only copies its files in. Failing here only means the run makes
   * them itself. Idempotent.
   */
  prepareNextRun(): void {
    if (this.disposed || this.run || this.nextRun) return;
    const run = emptyRun(newRunId());
    this.nextRun = (async () => {
      try {
        await this.createRunVolume(run);
        const loader = await this.opts.client.createContainer(underCgroup(this.loaderOptions(run), this.opts.cgroupParent) as never);
        run.loader = loader;
        run.containers.set(loader.id, { container: loader, role: 'loader' });
        return run;
      } catch (error) {
        this.log(`could not prepare the next run: ${error instanceof Error ? error.message : String(error)}`);
        await this.removeRun(run);
        return undefined;
      }
    })();
  }

  /**
   * Removes the run's containers and its volume; the peer stays. True when all of it is
   * gone (a pod whose run left something behind is not used again). Never throws.
   */
  async endRun(): Promise<boolean> {
    const run = this.run;
    if (!run) return true;
    this.run = undefined;
    return this.removeRun(run);
  }

  private createRunVolume(run: PodRun): Promise<unknown> {
    return this.opts.client.createVolume({ Name: run.volume, Labels: podLabels(run.id, 'volume') });
  }

  /** Any image will do for a container that never starts: the peer's is there. */
  private loaderOptions(run: PodRun): ContainerCreateOptions {
    return loaderCreateOptions({ image: this.opts.peerImage, name: `sockgrade-${run.id}-loader`, volume: run.volume, labels: podLabels(run.id, 'loader') });
  }

  private async removeRun(run: PodRun): Promise<boolean> {
    await Promise.all(run.removing);
    const removed = await Promise.all([...run.containers.values()].map(({ container }) => this.removeContainer(container)));
    const volumeRemoved = await removeVolume(this.opts.client, run.volume, this.log);
    return removed.every(Boolean) && volumeRemoved;
  }

  /** Starts the peer, and with it the pod's network; students can start once this resolves. Idempotent. */
  startPeer(): Promise<void> {
    this.peerStarted ??= this.start(this.peer.container, 'peer');
    return this.peerStarted;
  }

  /**
   * Puts the submission (a tar archive) into the run's volume, which every container of
   * the run sees at /submission, through a loader container that is never started (see
   * `loaderCreateOptions`).
   */
  async putSubmission(submissionTar: Buffer): Promise<void> {
    const run = this.requireRun();
    const loader = run.loader ?? (await this.create(this.loaderOptions(run), 'loader'));
    try {
      await loader.putArchive(submissionTar, { path: '/submission', abortSignal: this.signal });
    } catch (error) {
      throw new SandboxStartError('copying the submission into the pod failed', { cause: error });
    }
    // Done with it: removed meanwhile (the program's start need not wait), not at the
    // run's end (a long run would keep it listed). `endRun` waits for it.
    run.removing.push(
      this.removeContainer(loader).then((removed) => {
        if (removed) run.containers.delete(loader.id);
      }),
    );
  }

  /**
   * Hands a pod made ahead of time (a warm pod) to the run that uses it: from now on its
   * Docker calls are cancelled by that run's signal and logged to that run's log.
   */
  bindRun(signal: AbortSignal, log: (line: string) => void): void {
    this.signal = signal;
    this.log = log;
  }

  /** Creates and attaches a run of the student's program; `start()` it once the peer runs. */
  async prepareStudent(spec: StudentSpec): Promise<PreparedStudent> {
    const run = this.requireRun();
    const argv = expandArgv(spec.runtime.command, spec.entry).concat(spec.args);
    const env = Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`);
    const withStdin = spec.stdin !== undefined;
    const container = await this.create(
      studentCreateOptions({
        image: spec.image,
        name: `sockgrade-${run.id}-student-${++run.serial}`,
        networkOwnerId: this.peer.container.id,
        volume: run.volume,
        argv,
        env,
        withStdin,
        limits: spec.limits,
        labels: podLabels(run.id, 'student'),
      }),
      'student',
    );
    const { onOutput } = spec;
    const stdout = new BoundedOutput(spec.limits.outputBytes, onOutput && ((chunk) => onOutput('stdout', chunk)));
    const stderr = new BoundedOutput(spec.limits.outputBytes, onOutput && ((chunk) => onOutput('stderr', chunk)));
    const stream = await attachStreams(this.opts.client, container, { stdin: withStdin, stdout, stderr, signal: this.signal });
    return {
      start: async () => {
        await this.startPeer();
        await this.start(container, 'student');
        if (withStdin) stream.end(Buffer.from(spec.stdin ?? '', 'utf8'));
        return new StudentProcess(spec.runId, container, stream, stdout, stderr, spec.timeoutMs, this.signal);
      },
      discard: () => stream.destroy(),
    };
  }

  /**
   * Runs the compile step to its end (bounded by the build's own time limit) and returns
   * its exit with the compiler's output, stdout and stderr interleaved as a terminal shows them.
   */
  async runBuild(spec: BuildSpec): Promise<StudentRunResult> {
    const run = this.requireRun();
    const container = await this.create(
      buildCreateOptions({
        image: spec.image,
        name: `sockgrade-${run.id}-build`,
        volume: run.volume,
        argv: expandArgv(spec.build.command, spec.entry),
        limits: { memoryBytes: spec.build.memoryBytes, nanoCpus: spec.nanoCpus },
        labels: podLabels(run.id, 'build'),
      }),
      'build',
    );
    const output = new BoundedOutput(spec.build.outputBytes);
    const stream = await attachStreams(this.opts.client, container, { stdin: false, stdout: output, stderr: output, signal: this.signal });
    await this.start(container, 'build');
    return new StudentProcess('build', container, stream, output, output, spec.build.timeoutMs, this.signal).exited;
  }

  async startStudent(spec: StudentSpec): Promise<StudentProcess> {
    return (await this.prepareStudent(spec)).start();
  }

  /** Removes every container (the run's and the peer) and the run's volume. Idempotent; never throws. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const next = this.nextRun;
    this.nextRun = undefined;
    await Promise.all([this.endRun(), next?.then((run) => run && this.removeRun(run)), this.removeContainer(this.peer.container)]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private requireRun(): PodRun {
    if (!this.run) throw new SandboxStartError(this.disposed ? 'the pod was already torn down' : 'no run was begun in this pod');
    return this.run;
  }

  /** True when it is gone (or was already). */
  private async removeContainer(container: ContainerHandle): Promise<boolean> {
    try {
      await container.remove({ force: true, v: true });
      this.log(`removed ${short(container.id)}`);
      return true;
    } catch (error) {
      if (isDockerGone(error)) return true;
      this.log(`could not remove ${short(container.id)}: ${String(error)}`);
      return false;
    }
  }

  private async create(options: { HostConfig?: object }, role: PodRole): Promise<ContainerHandle> {
    const run = this.run;
    if (this.disposed || !run) throw new SandboxStartError(`the pod was already torn down before the ${role} started`);
    try {
      const container = await this.opts.client.createContainer({ ...underCgroup(options, this.opts.cgroupParent), abortSignal: this.signal } as never);
      if (this.disposed || this.run !== run) {
        // Teardown began while Docker was creating it: remove it here, nobody else will.
        await container.remove({ force: true, v: true }).catch(() => {});
        throw new SandboxStartError(`the pod was torn down while the ${role} was being created`);
      }
      run.containers.set(container.id, { container, role });
      this.log(`created ${role} ${short(container.id)}`);
      return container;
    } catch (error) {
      if (error instanceof SandboxStartError) throw error;
      throw new SandboxStartError(`creating the ${role} container failed`, { cause: error });
    }
  }

  private async start(container: ContainerHandle, role: string): Promise<void> {
    try {
      await container.start({ abortSignal: this.signal });
    } catch (error) {
      throw new SandboxStartError(`starting the ${role} container failed`, { cause: error });
    }
  }
}

/** A pod's peer container while a process uses it. */
export function peerName(podId: string): string {
  return `sockgrade-${podId}-peer`;
}

/** The {@link LABELS.keep} value of a pod with these hostnames. */
export function keepLabel(hostnames: readonly string[]): string {
  return [...hostnames].sort().join(',');
}

/** A runtime's argv for an entry file: `{entry}` is `Server.java`, `{main}` is `Server`. */
export function expandArgv(command: readonly string[], entry: string): string[] {
  return command.map((part) => part.replaceAll('{entry}', entry).replaceAll('{main}', mainClassOf(entry)));
}

function underCgroup<T extends { HostConfig?: object }>(options: T, parent: string | undefined): T {
  return parent ? { ...options, HostConfig: { ...options.HostConfig, CgroupParent: parent } } : options;
}

/** A run with nothing made yet; its volume is named after it (`sweepRun` finds it by that name). */
function emptyRun(id: string): PodRun {
  return { id, volume: `sockgrade-${id}`, containers: new Map(), removing: [], serial: 0 };
}

/** A fresh, Docker-safe run id: lowercase letters and digits only. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
}

/** Removes whatever an earlier delivery of the same run left (at-least-once job delivery). */
async function sweepRun(client: ContainerClient, runId: string, log: (line: string) => void): Promise<void> {
  const leftovers = await client.listContainers({ all: true, filters: { label: [`${LABELS.run}=${runId}`] } });
  await Promise.all(
    leftovers.map(async (info) => {
      log(`sweeping leftover ${short(info.Id)} of run ${runId}`);
      await client.getContainer(info.Id).remove({ force: true, v: true }).catch(() => {});
    }),
  );
  await removeVolume(client, `sockgrade-${runId}`);
}

/** True when it is gone (or was already). */
async function removeVolume(client: ContainerClient, name: string, log?: (line: string) => void): Promise<boolean> {
  try {
    await client.getVolume(name).remove();
    return true;
  } catch (error) {
    if (isDockerGone(error)) return true;
    log?.(`could not remove volume ${name}: ${String(error)}`);
    return false;
  }
}

export function short(id: string): string {
  return id.slice(0, 12);
}
