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
  listContainers(options: { all: boolean; filters: { label: string[] } }): Promise<{ Id: string; Labels: Record<string, string> }[]>;
  createVolume(options: { Name: string; Labels: Record<string, string> }): Promise<unknown>;
  getVolume(name: string): { remove(): Promise<unknown> };
  modem: { demuxStream(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void };
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
}
