import { randomBytes } from 'node:crypto';
import type { Duplex, Writable } from 'node:stream';
import type { StudentRunResult } from '../../checks/peer/protocol.js';
import { mainClassOf } from '../../checks/runtimes.js';
import type { RuntimeBuild, RuntimeRef, StudentResourceLimits } from '../../checks/types.js';
import { SandboxStartError, isDockerGone } from '../errors.js';
import { attachStreams } from './attached-streams.js';
import { BoundedOutput } from './bounded-output.js';
import type { ContainerClient, ContainerHandle } from './container-client.js';
import { buildCreateOptions, peerCreateOptions, studentCreateOptions } from './host-config.js';
import { LABELS, podLabels, type PodRole } from './labels.js';
import { StudentProcess } from './student-process.js';

/** The pod's hostname; `gethostbyname(gethostname())` resolves it to 127.0.0.1. */
export const POD_HOSTNAME = 'sandbox';

export interface SandboxPodOptions {
  client: ContainerClient;
  runId: string;
  peerImage: string;
  /** Extra names that resolve to the pod's loopback (assignments with hard-coded hosts). */
  hostnames: string[];
  signal: AbortSignal;
  log: (line: string) => void;
  /** Where the peer's stdout and stderr go (demuxed). */
  peerStdout: Writable;
  peerStderr: Writable;
  /**
   * Removes what an earlier delivery of the same run id left first (at-least-once job
   * delivery). Only worth its two Docker calls for run ids that can repeat. @defaultValue false
   */
  sweep?: boolean;
  /**
   * A cgroup every container of the pod is created under (Docker's `--cgroup-parent`):
   * its CPU account then adds up all of them, also after they are removed. The bench uses
   * it to tell the pods' CPU from the rest of a shared machine. @defaultValue Docker's own
   */
  cgroupParent?: string;
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

/**
 * One grading run's sandbox: the reference peer's container owns the network namespace
 * (no network, only loopback) and the hosts file; the student's program(s) join it. A
 * volume carries the submission. `dispose()` removes every part.
 *
 * Why no separate holder container: a joined container loses its network when the owner
 * stops (moby#10462), which is why the owner must be ours, not the student's; the peer is
 * ours and lives exactly as long as the run needs the network, and one container start
 * fewer per pod saves about 0.25 CPU-s of dockerd, containerd and runc (issue #11).
 */
export class SandboxPod {
  private readonly containers = new Map<string, { container: ContainerHandle; role: PodRole }>();
  private disposed = false;
  private serial = 0;
  private peerStarted: Promise<void> | undefined;

  private signal: AbortSignal;
  private log: (line: string) => void;

  private constructor(
    private readonly opts: SandboxPodOptions,
    private readonly volumeName: string,
    readonly peer: PodPeer,
  ) {
    this.signal = opts.signal;
    this.log = opts.log;
    this.containers.set(peer.container.id, { container: peer.container, role: 'peer' });
  }

  /**
   * Creates the pod's volume and its peer container, attached but not yet started: the
   * student's containers can be created against the peer's id meanwhile; only their start
   * needs it running ({@link startPeer}).
   */
  static async create(opts: SandboxPodOptions): Promise<SandboxPod> {
    const { client, runId, signal } = opts;
    if (opts.sweep) await sweepRun(client, runId, opts.log);
    const volumeName = `sockgrade-${runId}`;
    await client.createVolume({ Name: volumeName, Labels: podLabels(runId, 'volume') });
    let container: ContainerHandle | undefined;
    try {
      const options = peerCreateOptions({
        image: opts.peerImage,
        name: `sockgrade-${runId}-peer`,
        hostname: POD_HOSTNAME,
        hostnames: opts.hostnames,
        volume: volumeName,
        labels: podLabels(runId, 'peer'),
      });
      container = await client.createContainer({ ...underCgroup(options, opts.cgroupParent), abortSignal: signal } as never);
      opts.log(`created peer ${short(container.id)}`);
      const stream = await attachStreams(client, container, { stdin: true, stdout: opts.peerStdout, stderr: opts.peerStderr, signal });
      return new SandboxPod(opts, volumeName, { container, stream });
    } catch (error) {
      await container?.remove({ force: true, v: true }).catch(() => {});
      await removeVolume(client, volumeName);
      throw new SandboxStartError('creating the pod’s reference peer failed', { cause: error });
    }
  }

  /** Starts the peer, and with it the pod's network; students can start once this resolves. Idempotent. */
  startPeer(): Promise<void> {
    this.peerStarted ??= this.start(this.peer.container, 'peer');
    return this.peerStarted;
  }

  /**
   * Puts the submission (a tar archive) into the volume every container of the pod sees
   * at /submission. Works whether or not the peer runs yet: the daemon mounts the volume
   * for the archive itself.
   */
  async putSubmission(submissionTar: Buffer): Promise<void> {
    try {
      await this.peer.container.putArchive(submissionTar, { path: '/submission', abortSignal: this.signal });
    } catch (error) {
      throw new SandboxStartError('copying the submission into the pod failed', { cause: error });
    }
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
    const argv = expandArgv(spec.runtime.command, spec.entry).concat(spec.args);
    const env = Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`);
    const withStdin = spec.stdin !== undefined;
    const container = await this.create(
      studentCreateOptions({
        image: spec.image,
        name: `sockgrade-${this.opts.runId}-student-${++this.serial}`,
        networkOwnerId: this.peer.container.id,
        volume: this.volumeName,
        argv,
        env,
        withStdin,
        limits: spec.limits,
        labels: podLabels(this.opts.runId, 'student'),
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
    const container = await this.create(
      buildCreateOptions({
        image: spec.image,
        name: `sockgrade-${this.opts.runId}-build`,
        volume: this.volumeName,
        argv: expandArgv(spec.build.command, spec.entry),
        limits: { memoryBytes: spec.build.memoryBytes, nanoCpus: spec.nanoCpus },
        labels: podLabels(this.opts.runId, 'build'),
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

  /** Removes every container and the volume. Idempotent; never throws. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const { client } = this.opts;
    const log = this.log;
    await Promise.all(
      [...this.containers.values()].map(async ({ container }) => {
        try {
          await container.remove({ force: true, v: true });
          log(`removed ${short(container.id)}`);
        } catch (error) {
          if (!isDockerGone(error)) log(`could not remove ${short(container.id)}: ${String(error)}`);
        }
      }),
    );
    await removeVolume(client, this.volumeName, log);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private async create(options: { HostConfig?: object }, role: PodRole): Promise<ContainerHandle> {
    if (this.disposed) throw new SandboxStartError(`the pod was already torn down before the ${role} started`);
    try {
      const container = await this.opts.client.createContainer({ ...underCgroup(options, this.opts.cgroupParent), abortSignal: this.signal } as never);
      if (this.disposed) {
        // Teardown began while Docker was creating it: remove it here, nobody else will.
        await container.remove({ force: true, v: true }).catch(() => {});
        throw new SandboxStartError(`the pod was torn down while the ${role} was being created`);
      }
      this.containers.set(container.id, { container, role });
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

/** A runtime's argv for an entry file: `{entry}` is `Server.java`, `{main}` is `Server`. */
export function expandArgv(command: readonly string[], entry: string): string[] {
  return command.map((part) => part.replaceAll('{entry}', entry).replaceAll('{main}', mainClassOf(entry)));
}

function underCgroup<T extends { HostConfig?: object }>(options: T, parent: string | undefined): T {
  return parent ? { ...options, HostConfig: { ...options.HostConfig, CgroupParent: parent } } : options;
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

async function removeVolume(client: ContainerClient, name: string, log?: (line: string) => void): Promise<void> {
  try {
    await client.getVolume(name).remove();
  } catch (error) {
    if (!isDockerGone(error)) log?.(`could not remove volume ${name}: ${String(error)}`);
  }
}

export function short(id: string): string {
  return id.slice(0, 12);
}
