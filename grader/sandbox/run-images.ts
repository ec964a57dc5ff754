import type Dockerode from 'dockerode';
import { ImageMissingError, SockgradeError } from '../errors.js';
import { isImagePresent, ON_DEMAND_RUNTIMES, resolveImageTags, type ImageSource, type ImageTags, type OnDemandRuntime } from './images/index.js';

/** The two images one grading run needs. */
export interface RunImages {
  peer: string;
  student: string;
}

export interface RequireRunImagesOptions {
  /**
   * Builds a missing C or Java student image (issue #14: built on the first grading that
   * needs it, so a Python-only course never waits for one). Without it a missing image is
   * `IMAGE_MISSING`, naming the command that builds it.
   */
  buildOnDemand?: ((runtime: OnDemandRuntime) => Promise<unknown>) | undefined;
}

/**
 * The up-to-date tags for an assignment's runtime, checked to exist: a grading run never
 * builds the Python and peer images (that takes a minute and needs root); it says which
 * command does. The compiled runtimes' images are built here when `buildOnDemand` is given.
 */
export async function requireRunImages(
  docker: Dockerode,
  distDir: string,
  runtimeImage: string,
  source: ImageSource = 'auto',
  opts: RequireRunImagesOptions = {},
): Promise<RunImages> {
  const tags = await resolveImageTags({ distDir, docker, source });
  const images = { peer: tags.peer, student: studentTag(tags, runtimeImage) };
  if (isOnDemand(runtimeImage) && opts.buildOnDemand && !(await isImagePresent(docker, images.student))) {
    await opts.buildOnDemand(runtimeImage);
  }
  const missing: string[] = [];
  for (const tag of Object.values(images)) if (!(await isImagePresent(docker, tag))) missing.push(tag);
  if (missing.length > 0) throw new ImageMissingError(missing, isOnDemand(runtimeImage) && missing.includes(images.student) ? runtimeImage : undefined);
  return images;
}

function studentTag(tags: ImageTags, runtimeImage: string): string {
  if (runtimeImage === 'python') return tags.studentPython;
  if (isOnDemand(runtimeImage)) return tags.onDemand[runtimeImage];
  throw new SockgradeError('IMAGE_MISSING', `There is no student runtime image \`${runtimeImage}\`; known: python, ${ON_DEMAND_RUNTIMES.join(', ')}.`);
}

function isOnDemand(runtimeImage: string): runtimeImage is OnDemandRuntime {
  return (ON_DEMAND_RUNTIMES as readonly string[]).includes(runtimeImage);
}
