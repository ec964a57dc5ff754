/**
 * The API's errors: each with an HTTP status and a stable code. The error middleware
 * turns them into `{error: {code, message}}`; the message is written for the person
 * who made the request.
 */
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'SUBMISSION_INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_FAILED'
  | 'NOT_FOUND'
  | 'UNKNOWN_ASSIGNMENT'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'QUOTA_EXCEEDED'
  | 'TOO_MANY_STREAMS'
  | 'TOO_MANY_QUEUED'
  | 'BUDGET_EXHAUSTED'
  | 'DEADLINE_PASSED'
  | 'ASSIGNMENT_CLOSED'
  | 'TOO_MANY_ATTEMPTS'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BUSY'
  | 'FETCH_FAILED'
  | 'INTERNAL';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string, code: 'BAD_REQUEST' | 'SUBMISSION_INVALID' = 'BAD_REQUEST') {
    super(400, code, message);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(message = 'Sign in first: send `Authorization: Bearer <token>`.') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super(403, 'FORBIDDEN', message);
  }
}

/**
 * A request with the browser's session cookie that cannot prove it came from our own
 * page (no or a wrong `X-CSRF-Token`, or an `Origin` that is not ours).
 */
export class CsrfError extends ApiError {
  constructor(message: string) {
    super(403, 'CSRF_FAILED', message);
  }
}

/** Also what a student gets for someone else's submission: whether it exists is none of their business. */
export class NotFoundError extends ApiError {
  constructor(message: string, code: 'NOT_FOUND' | 'UNKNOWN_ASSIGNMENT' = 'NOT_FOUND') {
    super(404, code, message);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(message: string) {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

/** 413: the student's stored submissions would pass their disk quota (issue #12). */
export class QuotaExceededError extends ApiError {
  constructor(message: string) {
    super(413, 'QUOTA_EXCEEDED', message);
  }
}

/** A body in a format we do not read; the message says which formats we do. */
export class UnsupportedMediaTypeError extends ApiError {
  constructor(message: string) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

/** 429: come back later; the error handler sends `Retry-After` with `retryAfterSeconds`. */
export class TooManyRequestsError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code: 'TOO_MANY_QUEUED' | 'BUDGET_EXHAUSTED' | 'TOO_MANY_ATTEMPTS' | 'TOO_MANY_STREAMS',
  ) {
    super(429, code, message);
  }
}

/** The assignment takes no more submissions: past its deadline, or past its late period. */
export class DeadlinePassedError extends ApiError {
  constructor(message: string) {
    super(403, 'DEADLINE_PASSED', message);
  }
}

/** 503: a bounded resource (password hashing) is saturated; the error handler sends `Retry-After`. */
export class ServiceBusyError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, 'BUSY', message);
  }
}

/**
 * A student asked for an assignment that is not open to them: the built-in a teacher's
 * assignment is based on, or any built-in with `SOCKGRADE_STUDENT_ASSIGNMENTS=teacher`.
 */
export class AssignmentClosedError extends ApiError {
  constructor(assignmentId: string) {
    super(
      403,
      'ASSIGNMENT_CLOSED',
      `The assignment \`${assignmentId}\` is not open to students. Hand in to one of your teacher's assignments instead: GET /api/assignments lists them.`,
    );
  }
}

/** 502: a repository we were to fetch (a push webhook, issue #10) could not be fetched; the message says why. */
export class FetchFailedError extends ApiError {
  constructor(message: string) {
    super(502, 'FETCH_FAILED', message);
  }
}
