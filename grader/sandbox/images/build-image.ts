import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { pack } from 'tar-stream';
import type { HashPart } from './content-hash.js';
import { followDockerStream } from './docker-stream.js';
import { ImageBuildFailedError } from './errors.js';

export interface BuildImageOptions {
  tag: string;
  dockerfile: string;
  files: readonly HashPart[];
  buildargs: Record<string, string>;
  labels: Record<string, string>;
  /**
   * Ask Docker to pull the `FROM` image. Only ever true for `--source pull`: a pull
   * contacts a public registry, which this grader must not do unless told to.
   */
  pull: boolean;
  signal?: AbortSignal | undefined;
  /** Build steps as Docker prints them ("Step 2/6 : COPY …"). */
  log: (line: string) => void;
}

/**
 * The build context as a tar: `Dockerfile` plus the files, owned by root, readable by
 * everyone (the peer runs as nobody), with a fixed mtime so the context is reproducible.
 */
export function buildContext(dockerfile: string, files: readonly HashPart[]): NodeJS.ReadableStream {
  const tar = pack();
  const mtime = new Date(0);
  tar.entry({ name: 'Dockerfile', mode: 0o644, uid: 0, gid: 0, mtime }, dockerfile);
  for (const file of files) tar.entry({ name: file.name, mode: 0o644, uid: 0, gid: 0, mtime }, file.content);
  tar.finalize();
  // tar-stream packs with streamx; dockerode pipes a Node stream into the request.
  return Readable.from(tar);
}

export async function buildImage(docker: Dockerode, opts: BuildImageOptions): Promise<void> {
  try {
    const stream = await docker.buildImage(buildContext(opts.dockerfile, opts.files), {
      t: opts.tag,
      labels: opts.labels,
      buildargs: opts.buildargs,
      // Left out entirely unless wanted: an empty `pull=` is still a parameter.
      ...(opts.pull ? { pull: true } : {}),
      rm: true,
      forcerm: true,
      abortSignal: opts.signal,
    });
    await followDockerStream(docker, stream, {
      signal: opts.signal,
      onEvent: (event) => {
        const line = event.stream?.trim();
        if (line?.startsWith('Step ')) opts.log(line);
      },
    });
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw new ImageBuildFailedError(opts.tag, (error as Error).message, { cause: error });
  }
}
