import type Dockerode from 'dockerode';
import { ImageMissingError, SockgradeError } from '../errors.js';
import { isImagePresent, resolveImageTags, type ImageSource } from './images/index.js';

/** The two images one grading run needs. */
export interface RunImages {
  peer: string;
  student: string;
}

/**
 * The up-to-date tags for an assignment's runtime, checked to exist: a grading run never
 * builds (that takes a minute and needs root); it says which command does.
 */
export async function requireRunImages(
  docker: Dockerode,
  distDir: string,
  runtimeImage: string,
  source: ImageSource = 'auto',
): Promise<RunImages> {
  const tags = await resolveImageTags({ distDir, docker, source });
  if (runtimeImage !== 'python') {
    throw new SockgradeError('IMAGE_MISSING', `There is no student runtime image \`${runtimeImage}\`; known: python.`);
  }
  const images = { peer: tags.peer, student: tags.studentPython };
  const missing: string[] = [];
  for (const tag of Object.values(images)) if (!(await isImagePresent(docker, tag))) missing.push(tag);
  if (missing.length > 0) throw new ImageMissingError(missing);
  return images;
}
