import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { isImagePresent } from './docker-stream.js';
import { dockerfileBaseImage } from './dockerfile-from.js';
import type { ImageRecipeKind } from './image-plan.js';

/**
 * Where the images come from:
 * - `debootstrap`: Debian rootfs bootstrapped from the apt mirror and imported (offline hosts);
 * - `pull`: the Dockerfiles `FROM python:3.12-slim` / `node:20-slim`, pulling those bases;
 * - `auto`: the Dockerfiles if both bases are already present locally, else debootstrap.
 *
 * `auto` never pulls: pulling contacts a public registry, and a grading host may only
 * talk to loopback and its Debian mirror. Only an explicit `pull` may do that.
 */
export type ImageSource = 'auto' | 'debootstrap' | 'pull';

export const IMAGE_SOURCES: readonly ImageSource[] = ['auto', 'debootstrap', 'pull'];

export function isImageSource(value: string): value is ImageSource {
  return (IMAGE_SOURCES as readonly string[]).includes(value);
}

/** The `FROM` images of the pull Dockerfiles (`python:3.12-slim`, `node:20-slim`). */
export async function pullBaseImages(recipesDir: string): Promise<string[]> {
  const files = ['python/Dockerfile', 'peer/Dockerfile.pull'];
  return Promise.all(files.map(async (f) => dockerfileBaseImage(await readFile(join(recipesDir, f), 'utf8'))));
}

/** Turns a source into a recipe; for `auto` this asks Docker which base images it has (never pulls). */
export async function chooseRecipe(
  docker: Dockerode | undefined,
  source: ImageSource,
  recipesDir: string,
): Promise<ImageRecipeKind> {
  if (source === 'pull') return 'dockerfile';
  if (source === 'debootstrap' || docker === undefined) return 'debootstrap';
  for (const image of await pullBaseImages(recipesDir)) {
    if (!(await isImagePresent(docker, image))) return 'debootstrap';
  }
  return 'dockerfile';
}
