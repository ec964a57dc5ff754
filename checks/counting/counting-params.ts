/** The params of the counting checks, each typed once with its default (issue #14). */
import { paramDefaults, shaped } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';
import { SILENCE_PARAMS } from '../lib/silent-server.js';

/** Waits of the digit-sum checks, and the wire faults. */
export const DIGIT_SUM_TIMING = paramDefaults({
  ...WIRE_FAULTS,
  ...SILENCE_PARAMS,
  /** Longest wait for the first byte of the answer. */
  replyMs: 2000,
  /** Silence after the first bytes after which the answer counts as complete. */
  settleMs: 300,
  ...EXIT_REPORT_PARAMS,
});

export const DIGIT_SUM = paramDefaults({
  ...DIGIT_SUM_TIMING,
  /** The numbers sent, one connection each (a list of strings, checked where read); else `number`. */
  numbers: shaped<string[]>(),
  number: '4711',
});

export const NOT_A_NUMBER = paramDefaults({
  ...DIGIT_SUM_TIMING,
  /** Sent first: not a number. */
  text: 'zwölf',
  /** The number sent next, on a new connection. */
  followUp: '123',
});

export const COUNT_CHARACTERS = paramDefaults({
  ...SILENCE_PARAMS,
  /** The texts sent, one datagram each (a list of strings, checked where read); else `text`. */
  texts: shaped<string[]>(),
  text: 'Hallo Welt',
  /** Silence after which we stop waiting for an answer. */
  replyMs: 2000,
  /** After an answer, how long we wait for more of it. */
  graceMs: 150,
  ...EXIT_REPORT_PARAMS,
});
