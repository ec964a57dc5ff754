import { randomBytes } from 'node:crypto';
import { Duplex } from 'node:stream';
import type { ContainerClient, ContainerHandle, ContainerState, ContainerSummary } from '../container-client.js';

/** A Docker error as dockerode throws it: the status code is what the grader reads. */
function dockerError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode });
}

type Options = {
  name?: string;
  Image?: string;
  Labels?: Record<string, string>;
  HostConfig?: { NetworkMode?: string; Mounts?: { Source: string; ReadOnly?: boolean }[] };
};

/**
 * A Docker engine in memory, for unit tests of the pod, the warm pool and the peer
 * session: containers with a lifecycle (created → running → exited → removed), attach
 * streams, volumes, labels, and a log of the calls in order. A joined container cannot
 * start before its network's owner runs, as in Docker.
 */
export class FakeContainerClient implements ContainerClient {
  readonly containers = new Map<string, FakeContainer>();
  readonly volumes = new Map<string, Record<string, string>>();
  readonly calls: string[] = [];
  /** Makes `createContainer` fail for options it returns an error for. */
  failCreate: (options: Options) => Error | undefined = () => undefined;

  readonly modem = {
    demuxStream: (stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream) => {
      stream.on('data', (chunk: Buffer | { stderr: string }) => {
        if (Buffer.isBuffer(chunk)) stdout.write(chunk);
        else stderr.write(chunk.stderr);
      });
    },
  };

  async createContainer(options: object): Promise<ContainerHandle> {
    const opts = options as Options;
    this.calls.push(`create ${opts.name ?? '?'}`);
    const failure = this.failCreate(opts);
    if (failure) throw failure;
    for (const mount of opts.HostConfig?.Mounts ?? []) {
      if (!this.volumes.has(mount.Source)) throw dockerError(404, `no such volume ${mount.Source}`);
    }
    const container = new FakeContainer(randomBytes(32).toString('hex'), opts, this);
    this.containers.set(container.id, container);
    return container;
  }

  getContainer(id: string): ContainerHandle {
    return this.containers.get(id) ?? new FakeContainer(id, {}, this, true);
  }

  /** As Docker: `all: false` lists running containers only; a `name` filter is a regular expression. */
  async listContainers(options: { all: boolean; filters: { label: string[]; name?: string[] } }): Promise<ContainerSummary[]> {
    return [...this.containers.values()]
      .filter((c) => options.all || c.state === 'running')
      .filter((c) => options.filters.label.every((pair) => matches(c.labels, pair)))
      .filter((c) => (options.filters.name ?? []).every((pattern) => new RegExp(pattern).test(c.name)))
      .map((c) => ({ Id: c.id, Labels: c.labels, Names: [`/${c.name}`], Image: c.image, State: c.state }));
  }

  async createVolume(options: { Name: string; Labels: Record<string, string> }): Promise<unknown> {
    this.calls.push(`volume ${options.Name}`);
    this.volumes.set(options.Name, options.Labels);
    return {};
  }

  getVolume(name: string): { remove(): Promise<unknown> } {
    return {
      remove: async () => {
        this.calls.push(`remove volume ${name}`);
        const users = [...this.containers.values()].filter((c) => c.volumes.includes(name));
        if (users.length > 0) throw dockerError(409, `volume ${name} is in use`);
        if (!this.volumes.delete(name)) throw dockerError(404, `no such volume ${name}`);
        return {};
      },
    };
  }

  /** Containers and volumes left: what a real test asserts is zero. */
  leftovers(): string[] {
    return [...[...this.containers.values()].map((c) => `container ${c.name}`), ...[...this.volumes.keys()].map((v) => `volume ${v}`)];
  }

  byName(suffix: string): FakeContainer | undefined {
    return [...this.containers.values()].find((c) => c.name.endsWith(suffix));
  }
}

function matches(labels: Record<string, string>, pair: string): boolean {
  const [key, value] = pair.split('=') as [string, string | undefined];
  return value === undefined ? key in labels : labels[key] === value;
}

export class FakeContainer implements ContainerHandle {
  state: 'created' | 'running' | 'exited' = 'created';
  exitCode = 0;
  name: string;
  readonly image: string;
  readonly labels: Record<string, string>;
  readonly networkMode: string;
  readonly volumes: string[];
  readonly archives: { path: string; bytes: number }[] = [];
  /** What the grader wrote to the container's stdin. */
  readonly stdin: Buffer[] = [];
  private stream: Duplex | undefined;
  private readonly exitWaiters: (() => void)[] = [];

  constructor(
    readonly id: string,
    options: Options,
    private readonly client: FakeContainerClient,
    private readonly gone = false,
  ) {
    this.name = options.name ?? id.slice(0, 12);
    this.image = options.Image ?? 'image';
    this.labels = options.Labels ?? {};
    this.networkMode = options.HostConfig?.NetworkMode ?? 'default';
    this.volumes = (options.HostConfig?.Mounts ?? []).map((m) => m.Source);
  }

  private check(): void {
    if (this.gone || !this.client.containers.has(this.id)) throw dockerError(404, `no such container ${this.id.slice(0, 12)}`);
  }

  async start(): Promise<unknown> {
    this.check();
    this.client.calls.push(`start ${this.name}`);
    const owner = /^container:(.+)$/.exec(this.networkMode)?.[1];
    if (owner && this.client.containers.get(owner)?.state !== 'running') throw dockerError(409, `cannot join the network of a non-running container ${owner.slice(0, 12)}`);
    if (this.state === 'running') throw dockerError(304, 'already started');
    this.state = 'running';
    return {};
  }

  async attach(): Promise<unknown> {
    this.check();
    this.stream = new Duplex({
      read() {},
      write: (chunk: Buffer, _encoding, callback) => {
        this.stdin.push(chunk);
        callback();
      },
    });
    return this.stream;
  }

  /** The program prints a line on stdout (demuxed by the fake modem). */
  print(text: string): void {
    this.stream?.push(Buffer.from(text));
  }

  async putArchive(file: Buffer, options: object): Promise<unknown> {
    this.check();
    this.archives.push({ path: (options as { path: string }).path, bytes: file.length });
    return {};
  }

  /** The container's main process ends by itself. */
  exit(code: number): void {
    if (this.state === 'exited') return;
    this.state = 'exited';
    this.exitCode = code;
    this.stream?.push(null);
    this.stream?.destroy();
    for (const resolve of this.exitWaiters.splice(0)) resolve();
  }

  async kill(): Promise<unknown> {
    this.check();
    if (this.state !== 'running') throw dockerError(409, 'not running');
    this.exit(137);
    return {};
  }

  async wait(): Promise<unknown> {
    this.check();
    if (this.state !== 'exited') await new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    return { StatusCode: this.exitCode };
  }

  async inspect(): Promise<ContainerState> {
    this.check();
    return { State: { Running: this.state === 'running', Status: this.state, ExitCode: this.exitCode, OOMKilled: false } };
  }

  async rename(options: { name: string }): Promise<unknown> {
    this.check();
    this.client.calls.push(`rename ${this.name} ${options.name}`);
    if (options.name === this.name) throw dockerError(400, 'Renaming a container with the same name as its current name');
    if ([...this.client.containers.values()].some((c) => c.name === options.name)) throw dockerError(409, `the name ${options.name} is already in use`);
    this.name = options.name;
    return {};
  }

  async remove(): Promise<unknown> {
    this.check();
    this.client.calls.push(`remove ${this.name}`);
    this.exit(137);
    this.client.containers.delete(this.id);
    return {};
  }
}
