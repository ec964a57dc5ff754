import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { z } from 'zod';
import { ImageRecipeInvalidError } from './errors.js';

/** An absolute path inside the rootfs, normalised, that cannot climb out of it. */
const rootfsPath = z
  .string()
  .refine((p) => p.startsWith('/') && posix.normalize(p) === p && p !== '/' && !p.split('/').includes('..'), {
    message: 'must be an absolute, normalised path other than /',
  });

/** A Debian package name (Debian Policy §5.6.1). */
const packageName = z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'not a Debian package name');

/**
 * `docker/<name>/debootstrap.json`: how to bootstrap, slim down and describe one base image.
 * The file's bytes are part of the image's tag, so any edit rebuilds it.
 */
export const debootstrapRecipeSchema = z
  .object({
    $comment: z.string().optional(),
    /** Value of the `sockgrade.image` label. */
    image: z.enum(['student-python', 'student-c', 'student-java', 'peer-base']),
    suite: z.string().regex(/^[a-z]+$/),
    variant: z.enum(['minbase', 'buildd']).default('minbase'),
    include: z.array(packageName).min(1),
    /** Folders whose contents are removed after bootstrapping, except files named in `keep`. */
    prune: z.array(z.object({ dir: rootfsPath, keep: z.array(z.string().min(1)).default([]) })).default([]),
    /** Files emptied after bootstrapping: debootstrap copies the build host's hostname and resolver. */
    truncate: z.array(rootfsPath).default([]),
    /** Dockerfile instructions applied on import (`CMD`, `ENV`, `USER`, `WORKDIR`, …; not `RUN`). */
    changes: z.array(z.string().regex(/^(CMD|ENTRYPOINT|ENV|EXPOSE|USER|WORKDIR|LABEL) /)).default([]),
  })
  .strict();

export type DebootstrapRecipe = z.infer<typeof debootstrapRecipeSchema>;

export function parseDebootstrapRecipe(text: string, file: string): DebootstrapRecipe {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ImageRecipeInvalidError(file, 'not valid JSON', { cause });
  }
  const parsed = debootstrapRecipeSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ImageRecipeInvalidError(file, detail, { cause: parsed.error });
  }
  return parsed.data;
}

/** Reads a recipe; returns its bytes too, since they are hashed into the tag. */
export async function loadDebootstrapRecipe(file: string): Promise<{ recipe: DebootstrapRecipe; text: string }> {
  const text = await readFile(file, 'utf8');
  return { recipe: parseDebootstrapRecipe(text, file), text };
}
