import type Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { mainClassOf } from '../../checks/runtimes.js';
import type { RuntimeBuild, RuntimeRef, StudentResourceLimits } from '../../checks/types.js';
import { SandboxStartError, isDockerGone } from '../errors.js';
import { attachStreams } from './attached-streams.js';
import { BoundedOutput } from './bounded-output.js';
import { buildCreateOptions, holderCreateOptions, peerCreateOptions, studentCreateOptions } from './host-config.js';
import { LABELS, podLabels } from './labels.js';
import { StudentProcess } from './student-process.js';
import type { Writable } from 'node:stream';
import type { StudentRunResult } from '../../checks/peer/protocol.js';

/** The pod's hostname; `gethostbyname(gethostname())` resolves it to 127.0.0.1. */
export const POD_HOSTNAME = 'sandbox';

export interface SandboxPodOptions {
  docker: Dockerode;
  runId: string;
  peerImage: string;
  /** Extra names that resolve to the pod's loopback (assignments with hard-coded hosts). */
  hostnames: string[];
  signal: AbortSignal;
  log: (line: string) => void;
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

export interface PreparedPeer {
  container: Dockerode.Container;
  /** Write side: the peer's stdin. Read side is demuxed into the writables given. */
  stream: Duplex;
  start(): Promise<void>;
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
 * One grading run's sandbox: a holder container that owns the network namespace, a
 * volume with the submission, the reference peer and the student's program(s), all
 * joined to the holder's loopback-only network. `dispose()` removes every part.
 */
export class SandboxPod {
  private readonly containers = new Map<string, Dockerode.Container>();
  private disposed = false;
  private serial = 0;

  private signal: AbortSignal;
  private log: (line: string) => void;

  private constructor(
    private readonly opts: SandboxPodOptions,
    private readonly volumeName: string,
    private readonly holder: Dockerode.Container,
  ) {
    this.signal = opts.signal;
    this.log = opts.log;
  }

  /**
   * Creates the pod's volume and holder container, not yet started: the peer and the
   * student containers can be created against the holder's id meanwhile, and only their
   * start needs the holder running (see {@link boot}).
   */
  static async create(opts: SandboxPodOptions): Promise<SandboxPod> {
    const { docker, runId, signal } = opts;
    await sweepRun(docker, runId, opts.log);
    const volumeName = `sockgrade-${runId}`;
    await docker.createVolume({ Name: volumeName, Labels: podLabels(runId, 'volume') } as never);
    try {
      const holder = await docker.createContainer({
        ...holderCreateOptions({
          image: opts.peerImage,
          name: `sockgrade-${runId}-holder`,
          hostname: POD_HOSTNAME,
          hostnames: opts.hostnames,
          volume: volumeName,
          labels: podLabels(runId, 'holder'),
        }),
        abortSignal: signal,
      } as Dockerode.ContainerCreateOptions);
      opts.log(`created holder ${short(holder.id)}`);
      const pod = new SandboxPod(opts, volumeName, holder);
      pod.containers.set(holder.id, holder);
      return pod;
    } catch (error) {
      await removeVolume(docker, volumeName);
      throw new SandboxStartError('creating the pod holder failed', { cause: error });
    }
  }

  /** Starts the holder; containers joining the pod can start once this resolves. */
  async startHolder(): Promise<void> {
    try {
      await (this.holder.start({ abortSignal: this.signal } as never) as unknown as Promise<unknown>);
    } catch (error) {
      throw new SandboxStartError('the pod holder did not start', { cause: error });
    }
  }

  /**
   * Puts the submission (a tar archive) into the volume every container of the pod sees
   * at /submission. Works whether or not the holder runs yet: the daemon mounts the
   * volume for the archive itself.
   */
  async putSubmission(submissionTar: Buffer): Promise<void> {
    try {
      await (this.holder.putArchive(submissionTar, { path: '/submission', abortSignal: this.signal } as never) as unknown as Promise<unknown>);
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

  /** Creates and attaches the peer; `start()` it once the pod is booted. */
  async preparePeer(env: string[], stdout: Writable, stderr: Writable): Promise<PreparedPeer> {
    const container = await this.create(
      peerCreateOptions({
        image: this.opts.peerImage,
        name: `sockgrade-${this.opts.runId}-peer`,
        holderId: this.holder.id,
        env,
        labels: podLabels(this.opts.runId, 'peer'),
      }),
      'peer',
    );
    const stream = await attachStreams(this.opts.docker, container, {
      stdin: true,
      stdout,
      stderr,
      signal: this.signal,
    });
    return { container, stream, start: () => this.start(container, 'peer') };
  }

  /** Creates and attaches a run of the student's program; `start()` it once the pod is booted. */
  async prepareStudent(spec: StudentSpec): Promise<PreparedStudent> {
    const argv = expandArgv(spec.runtime.command, spec.entry).concat(spec.args);
    const env = Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`);
    const withStdin = spec.stdin !== undefined;
    const container = await this.create(
      studentCreateOptions({
        image: spec.image,
        name: `sockgrade-${this.opts.runId}-student-${++this.serial}`,
        holderId: this.holder.id,
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
    const stream = await attachStreams(this.opts.docker, container, {
      stdin: withStdin,
      stdout,
      stderr,
      signal: this.signal,
    });
    return {
      start: async () => {
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
    const stream = await attachStreams(this.opts.docker, container, { stdin: false, stdout: output, stderr: output, signal: this.signal });
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
    const { docker } = this.opts;
    const log = this.log;
    await Promise.all(
      [...this.containers.values()].map(async (container) => {
        try {
          await container.remove({ force: true, v: true });
          log(`removed ${short(container.id)}`);
        } catch (error) {
          if (!isDockerGone(error)) log(`could not remove ${short(container.id)}: ${String(error)}`);
        }
      }),
    );
    await removeVolume(docker, this.volumeName, log);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private async create(options: Dockerode.ContainerCreateOptions, role: string): Promise<Dockerode.Container> {
    if (this.disposed) throw new SandboxStartError(`the pod was already torn down before the ${role} started`);
    try {
      const container = await this.opts.docker.createContainer({ ...options, abortSignal: this.signal } as never);
      if (this.disposed) {
        // Teardown began while Docker was creating it: remove it here, nobody else will.
        await container.remove({ force: true, v: true }).catch(() => {});
        throw new SandboxStartError(`the pod was torn down while the ${role} was being created`);
      }
      this.containers.set(container.id, container);
      this.log(`created ${role} ${short(container.id)}`);
      return container;
    } catch (error) {
      throw new SandboxStartError(`creating the ${role} container failed`, { cause: error });
    }
  }

  private async start(container: Dockerode.Container, role: string): Promise<void> {
    try {
      await container.start({ abortSignal: this.signal } as never);
    } catch (error) {
      throw new SandboxStartError(`starting the ${role} container failed`, { cause: error });
    }
  }
}

/** A runtime's argv for an entry file: `{entry}` is `Server.java`, `{main}` is `Server`. */
export function expandArgv(command: readonly string[], entry: string): string[] {
  return command.map((part) => part.replaceAll('{entry}', entry).replaceAll('{main}', mainClassOf(entry)));
}

/** A fresh, Docker-safe run id: lowercase letters and digits only. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
}

/** Removes whatever an earlier delivery of the same run left (at-least-once job delivery). */
async function sweepRun(docker: Dockerode, runId: string, log: (line: string) => void): Promise<void> {
  const leftovers = await docker.listContainers({ all: true, filters: { label: [`${LABELS.run}=${runId}`] } });
  await Promise.all(
    leftovers.map(async (info) => {
      log(`sweeping leftover ${short(info.Id)} of run ${runId}`);
      await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => {});
    }),
  );
  await removeVolume(docker, `sockgrade-${runId}`);
}

async function removeVolume(docker: Dockerode, name: string, log?: (line: string) => void): Promise<void> {
  try {
    await docker.getVolume(name).remove();
  } catch (error) {
    if (!isDockerGone(error)) log?.(`could not remove volume ${name}: ${String(error)}`);
  }
}

export function short(id: string): string {
  return id.slice(0, 12);
}
