/** The transfer checks' own params; the generic readers are in `checks/lib/params.ts`. */
import { nonEmptyStringParam } from '../lib/params.js';

/**
 * How the end of a file or object is marked on the wire. `close`: the sender closes
 * (a client half-closes with `shutdown(SHUT_WR)`); `length-prefix`: an 8-byte big-endian
 * length comes first.
 */
export type Framing = 'close' | 'length-prefix';

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
    ok: nonEmptyStringParam(params, 'okWord', 'OK'),
    error: nonEmptyStringParam(params, 'errorWord', 'ERROR'),
    get: nonEmptyStringParam(params, 'getWord', 'GET'),
    put: nonEmptyStringParam(params, 'putWord', 'PUT'),
  };
}
