/**
 * Our own faults, with stable codes. A student's failing program is never one of these:
 * that is a test result. These are for "grading could not run" and carry the sentence
 * a user needs to fix it.
 */
export type ErrorCode =
  | 'DOCKER_UNREACHABLE'
  | 'IMAGE_MISSING'
  | 'SANDBOX_START_FAILED'
  | 'PEER_PROTOCOL'
  | 'UNKNOWN_ASSIGNMENT'
  | 'SUBMISSION_INVALID'
  | 'RUN_ABORTED';

export class SockgradeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class DockerUnreachableError extends SockgradeError {
  constructor(where: string, options?: { cause?: unknown }) {
    super(
      'DOCKER_UNREACHABLE',
      `Cannot reach the Docker engine at ${where}: is dockerd running? Start it with \`npm run setup\` (or \`dockerd &\` as root).`,
      options,
    );
  }
}

export class ImageMissingError extends SockgradeError {
  /** `runtime`: a runtime whose image is built only on demand (`c`, `java`), named in the command. */
  constructor(readonly images: string[], runtime?: string) {
    super(
      'IMAGE_MISSING',
      `The sandbox image${images.length > 1 ? 's' : ''} ${images.join(', ')} ${images.length > 1 ? 'are' : 'is'} not built: run \`npx sockgrade images build${runtime ? ` --runtime ${runtime}` : ''}\`.`,
    );
  }
}

export class SandboxStartError extends SockgradeError {
  constructor(what: string, options?: { cause?: unknown }) {
    super('SANDBOX_START_FAILED', `Could not start the sandbox (${what}).`, options);
  }
}

export class UnknownAssignmentError extends SockgradeError {
  constructor(readonly assignmentId: string, known: string[]) {
    super('UNKNOWN_ASSIGNMENT', `There is no assignment \`${assignmentId}\`. Known: ${known.join(', ')}.`);
  }
}

export class SubmissionInvalidError extends SockgradeError {
  constructor(message: string) {
    super('SUBMISSION_INVALID', message);
  }
}

/** Docker answers 304 "already stopped" / 404 "no such container" / 409 "not running": all mean "done". */
export function isDockerGone(error: unknown): boolean {
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return status === 304 || status === 404 || status === 409;
}
