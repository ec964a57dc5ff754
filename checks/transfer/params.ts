/** Reading the transfer checks' params: teachers write them as JSON, so every value is checked, with a default. */

/**
 * How the end of a file or object is marked on the wire. `close`: the sender closes
 * (a client half-closes with `shutdown(SHUT_WR)`); `length-prefix`: an 8-byte big-endian
 * length comes first.
 */
export type Framing = 'close' | 'length-prefix';

export function numberParam(params: Record<string, unknown>, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function stringParam(params: Record<string, unknown>, key: string, fallback: string): string {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function framingParam(params: Record<string, unknown>, fallback: Framing): Framing {
  const value = params.framing;
  return value === 'close' || value === 'length-prefix' ? value : fallback;
}

/** The protocol words of the file service (`OK`, `ERROR`, `GET`, `PUT`), configurable per assignment. */
export interface FileWords {
  ok: string;
  error: string;
  get: string;
  put: string;
}

export function fileWords(params: Record<string, unknown>): FileWords {
  return {
    ok: stringParam(params, 'okWord', 'OK'),
    error: stringParam(params, 'errorWord', 'ERROR'),
    get: stringParam(params, 'getWord', 'GET'),
    put: stringParam(params, 'putWord', 'PUT'),
  };
}
