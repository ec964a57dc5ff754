import type Dockerode from 'dockerode';
import { ImageBuildFailedError } from './errors.js';
import { followDockerStream } from './docker-stream.js';
import { LineTail, spawnGroup } from './group-process.js';

export interface ImportRootfsOptions {
  rootfs: string;
  /** `repo:tag`, applied only once the whole rootfs is in. */
  tag: string;
  /** Dockerfile instructions (`CMD`, `ENV`, `USER`, `LABEL`, …): `changes` of `POST /images/create`. */
  changes: string[];
  signal?: AbortSignal | undefined;
}

/**
 * `tar -C rootfs -c . | POST /images/create?fromSrc=-`, then tags the result.
 *
 * The import is left untagged until tar has exited 0: a tar that fails half-way still
 * ends its archive, Docker would import the half, and a tag on it would make every later
 * `ensureImages` believe the image is fine. `--numeric-owner` keeps the rootfs's uids
 * (e.g. `_apt` = 42) instead of mapping names through the build host's passwd.
 */
export async function importRootfs(docker: Dockerode, opts: ImportRootfsOptions): Promise<string> {
  const tar = spawnGroup('tar', ['-C', opts.rootfs, '--numeric-owner', '-c', '.'], { signal: opts.signal });
  // Awaited below; this only keeps a spawn failure from being unhandled if the import fails first.
  tar.exited.catch(() => undefined);
  const tarErrors = new LineTail(10);
  tar.child.stderr?.on('data', (chunk: Buffer) => tarErrors.push(chunk));
  let imageId: string | undefined;
  try {
    const stream = await docker.importImage(tar.child.stdout!, {
      changes: opts.changes,
      abortSignal: opts.signal,
    } as object);
    const events = await followDockerStream(docker, stream, { signal: opts.signal });
    imageId = events.map((e) => e.status).find((s) => s?.startsWith('sha256:'));
    const { code, signal } = await tar.exited;
    opts.signal?.throwIfAborted();
    if (code !== 0) throw new Error(`tar exited ${code ?? signal}: ${tarErrors.toString()}`);
    if (!imageId) throw new Error('Docker reported no image id for the import');
    const [repo, tag] = splitTag(opts.tag);
    await docker.getImage(imageId).tag({ repo, tag });
    return imageId;
  } catch (error) {
    tar.child.kill('SIGKILL');
    if (imageId) await docker.getImage(imageId).remove({ force: true }).catch(() => undefined);
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw new ImageBuildFailedError(opts.tag, `import of the rootfs: ${(error as Error).message}`, { cause: error });
  }
}

export function splitTag(name: string): [repo: string, tag: string] {
  const colon = name.lastIndexOf(':');
  if (colon <= 0 || name.includes('/', colon)) return [name, 'latest'];
  return [name.slice(0, colon), name.slice(colon + 1)];
}
