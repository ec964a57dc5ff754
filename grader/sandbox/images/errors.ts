/**
 * Why building the sandbox images failed, one class per failure with a stable code.
 * Each message is the one sentence an operator needs to fix it; the underlying error,
 * when there is one, is the `cause`. (To be merged into `grader/errors.ts` later.)
 */

export type ImageErrorCode =
  | 'NOT_ROOT'
  | 'DEBOOTSTRAP_MISSING'
  | 'DEBOOTSTRAP_FAILED'
  | 'MIRROR_NOT_FOUND'
  | 'IMAGE_RECIPE_INVALID'
  | 'CHECKS_NOT_BUILT'
  | 'BASE_IMAGE_MISSING'
  | 'IMAGE_BUILD_FAILED';

export class NotRootError extends Error {
  readonly code = 'NOT_ROOT';
  constructor(uid: number) {
    super(
      `building images needs root for debootstrap: run as root (uid 0, this process is uid ${uid}) ` +
        'or, on a host whose Docker can pull, use `--source pull`.',
    );
    this.name = 'NotRootError';
  }
}

export class DebootstrapMissingError extends Error {
  readonly code = 'DEBOOTSTRAP_MISSING';
  constructor(options?: { cause?: unknown }) {
    super('debootstrap is not installed: install it with `apt-get install debootstrap`.', options);
    this.name = 'DebootstrapMissingError';
  }
}

export class DebootstrapFailedError extends Error {
  readonly code = 'DEBOOTSTRAP_FAILED';
  constructor(
    readonly recipe: string,
    readonly exitCode: number | null,
    /** The last lines debootstrap printed (and its own log, when it left one). */
    readonly logTail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `debootstrap for the ${recipe} image failed (exit ${exitCode ?? 'by signal'}); last output:\n${logTail}`,
      options,
    );
    this.name = 'DebootstrapFailedError';
  }
}

export class MirrorNotFoundError extends Error {
  readonly code = 'MIRROR_NOT_FOUND';
  constructor(suite: string, searched: string[]) {
    super(
      `no Debian mirror for ${suite}/main found in ${searched.join(', ') || 'the apt configuration'}: ` +
        'set SOCKGRADE_DEBIAN_MIRROR (or --mirror) to the mirror URL.',
    );
    this.name = 'MirrorNotFoundError';
  }
}

export class ImageRecipeInvalidError extends Error {
  readonly code = 'IMAGE_RECIPE_INVALID';
  constructor(file: string, detail: string, options?: { cause?: unknown }) {
    super(`the image recipe ${file} is invalid: ${detail}`, options);
    this.name = 'ImageRecipeInvalidError';
  }
}

export class ChecksNotBuiltError extends Error {
  readonly code = 'CHECKS_NOT_BUILT';
  constructor(checksDir: string, options?: { cause?: unknown }) {
    super(`the compiled checks are missing at ${checksDir}: run \`npm run build\` first.`, options);
    this.name = 'ChecksNotBuiltError';
  }
}

/**
 * Docker's classic builder pulls a `FROM` image that is not present locally, even without
 * `pull: true`: we check first and refuse, so that a build never contacts a registry.
 */
export class BaseImageMissingError extends Error {
  readonly code = 'BASE_IMAGE_MISSING';
  constructor(image: string) {
    super(
      `the base image ${image} is not present locally, and we do not pull unless asked: ` +
        'build with `--source pull` on a host that can reach a registry, or with `--source debootstrap`.',
    );
    this.name = 'BaseImageMissingError';
  }
}

export class ImageBuildFailedError extends Error {
  readonly code = 'IMAGE_BUILD_FAILED';
  constructor(
    readonly image: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`building ${image} failed: ${detail}`, options);
    this.name = 'ImageBuildFailedError';
  }
}
