import type { ContainerCreateOptions } from 'dockerode';

/**
 * What the pod, the warm pool and the student's process need of Docker: a structural
 * subset of dockerode, so a `Dockerode` passes as it is and unit tests pass a fake
 * (`test-support/fake-container-client.ts`). Calls take an `abortSignal` where dockerode
 * honours one. Keep it small: a method here is a method every fake must have.
 */
export interface ContainerClient {
  createContainer(options: ContainerCreateOptions): Promise<ContainerHandle>;
  getContainer(id: string): ContainerHandle;
  listContainers(options: { all: boolean; filters: { label: string[]; name?: string[] } }): Promise<ContainerSummary[]>;
  createVolume(options: { Name: string; Labels: Record<string, string> }): Promise<unknown>;
  getVolume(name: string): { remove(): Promise<unknown> };
  modem: { demuxStream(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void };
}

/** A container as `listContainers` reports it. */
export interface ContainerSummary {
  Id: string;
  Labels: Record<string, string>;
  /** With a leading slash: `/sockgrade-…-peer`. */
  Names: string[];
  /** The image as the container was created from it (a tag), or its id once that tag moved. */
  Image: string;
  /** `running`, `exited`, `created`, … */
  State: string;
}

/** The state `inspect` reports that the grader reads. */
export interface ContainerState {
  State: { Running: boolean; Status: string; ExitCode: number; OOMKilled: boolean };
}

/** One container, as dockerode's `Container` offers it. */
export interface ContainerHandle {
  readonly id: string;
  start(options?: object): Promise<unknown>;
  attach(options: object): Promise<unknown>;
  putArchive(file: Buffer, options: object): Promise<unknown>;
  kill(options?: object): Promise<unknown>;
  wait(options?: object): Promise<unknown>;
  inspect(options?: object): Promise<ContainerState>;
  remove(options?: object): Promise<unknown>;
  /** Docker renames one container at a time: of several renaming it to one name at once, one succeeds. */
  rename(options: { name: string }): Promise<unknown>;
}
