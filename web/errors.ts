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
  | 'NOT_FOUND'
  | 'UNKNOWN_ASSIGNMENT'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
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
