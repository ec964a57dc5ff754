/**
 * Errors for our own faults and for protocol phases that the checks turn into feedback.
 * A student failing is data (a `TestOutcome`), not one of these; these carry a stable
 * `code` so the runner and the grader can tell them apart without matching messages.
 */

export abstract class CodedError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A protocol phase (connect, reply, startup…) did not finish in time. */
export class PhaseTimeoutError extends CodedError {
  readonly code = 'PHASE_TIMEOUT';

  constructor(
    readonly phase: string,
    readonly ms: number,
    message: string,
  ) {
    super(message);
  }
}

/** A TCP connection could not be opened; `errno` is Node's code, e.g. `ECONNREFUSED`. */
export class ConnectFailedError extends CodedError {
  readonly code = 'CONNECT_FAILED';

  constructor(
    readonly host: string,
    readonly port: number,
    readonly errno: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`could not connect to ${host}:${port}${errno ? ` (${errno})` : ''}`, options);
  }
}

/** Writing to a connection failed because the other side closed or reset it. */
export class ConnectionLostError extends CodedError {
  readonly code = 'CONNECTION_LOST';

  constructor(
    readonly label: string,
    readonly errno: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${label}: connection lost${errno ? ` (${errno})` : ''}`, options);
  }
}

/** Some API was used wrongly by a check: always our fault. */
export class CheckUsageError extends CodedError {
  readonly code = 'CHECK_USAGE';
}
