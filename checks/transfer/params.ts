/** The params of the transfer checks, each typed once with its default (issue #14). */
import { nonEmpty, oneOf, optional, paramDefaults, readParams, shaped } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import { DEFAULT_PICKLE_LIMITS } from './pickle/pickle-decoder.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';

/**
 * How the end of a file or object is marked on the wire. `close`: the sender closes
 * (a client half-closes with `shutdown(SHUT_WR)`); `length-prefix`: an 8-byte big-endian
 * length comes first.
 */
export type Framing = 'close' | 'length-prefix';

const FRAMINGS: readonly Framing[] = ['close', 'length-prefix'];

export const FILE_KINDS = ['text', 'binary', 'empty', 'large'] as const;

export type FileKind = (typeof FILE_KINDS)[number];

/** The protocol words of the file service (`OK`, `ERROR`, `GET`, `PUT`), configurable per assignment. */
export const FILE_WORDS = paramDefaults({
  okWord: nonEmpty('OK'),
  errorWord: nonEmpty('ERROR'),
  getWord: nonEmpty('GET'),
  putWord: nonEmpty('PUT'),
});

/** The file service as both sides speak it. */
export const FILE_SERVICE = paramDefaults({
  ...FILE_WORDS,
  framing: oneOf(FRAMINGS, 'close'),
  /** Silence after which we stop waiting for a reply. */
  replyMs: 3000,
});

/**
 * The file a test transfers (`fileFor`). `name` and `bytes` have no constant default: by
 * kind, e.g. `gruesse.txt` and 3000 bytes for `text` (`file-content.ts`).
 */
export const FILE_CONTENT = paramDefaults({
  file: oneOf(FILE_KINDS, 'text'),
  name: optional('nonEmpty'),
  /** Size of a text, binary or large file. */
  bytes: optional('number'),
});

/** Every file server check. */
export const FILE_SERVER = paramDefaults({
  ...FILE_SERVICE,
  ...WIRE_FAULTS,
  /** Extra reply time per KiB uploaded: a slow server may still be storing when we finish. */
  msPerKiB: 2,
  ...EXIT_REPORT_PARAMS,
});

export const GET_EXISTING = paramDefaults({
  ...FILE_SERVER,
  /** A file the server has from the start; by default its entry file (no constant). */
  name: optional('nonEmpty'),
});

export const ROUND_TRIP = paramDefaults({ ...FILE_SERVER, ...FILE_CONTENT });

export const REFUSES_NAME = paramDefaults({
  ...FILE_SERVER,
  /** A name the server does not have; by default a random `gibt-es-nicht-….txt` from the run's seed. */
  name: optional('nonEmpty'),
  /** Ask for a path out of the server's folder instead (`/etc/passwd`). */
  escape: false,
});

/** A file client test: the file our server offers, or `unknown`: one it does not have. */
export const FILE_CLIENT = paramDefaults({
  ...FILE_SERVICE,
  ...FILE_CONTENT,
  file: oneOf([...FILE_KINDS, 'unknown'], 'text'),
});

/** What the student's client types for an `unknown` file, unless `name` says otherwise. */
export const UNKNOWN_FILE_NAME = 'gibt-es-nicht.txt';

/** A scenario of `scenarios`: a Python literal, or a list of `count` items (`{i}` is the index). */
export type ObjectScenarioSpec = string | { item: string; count: number };

/** An object transfer test. */
export const OBJECT_TRANSFER = paramDefaults({
  /** A key of `scenarios`. */
  scenario: nonEmpty('list'),
  /** Scenario name → the object the client sends (usually an assignment's param). */
  scenarios: shaped<Record<string, ObjectScenarioSpec>>(),
  framing: oneOf(FRAMINGS, 'length-prefix'),
  okWord: nonEmpty('OK'),
  errorWord: nonEmpty('ERROR'),
  /** The largest pickle our server accepts. */
  maxObjectBytes: DEFAULT_PICKLE_LIMITS.maxBytes,
  /** Silence after which we stop waiting for the client. */
  replyMs: 3000,
});

export interface FileWords {
  ok: string;
  error: string;
  get: string;
  put: string;
}

export function fileWords(params: Record<string, unknown>): FileWords {
  const words = readParams(FILE_WORDS, params);
  return { ok: words.okWord, error: words.errorWord, get: words.getWord, put: words.putWord };
}
