/** The params of a scripted server test, each typed once with its default (issue #14). */
import { paramDefaults } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';

export const SCRIPT_TIMING = paramDefaults({
  ...WIRE_FAULTS,
  /** Longest wait for an answer (a step's `within` overrides it). */
  replyMs: 2000,
  /** Raw TCP answers of unknown length: the silence that ends one. */
  settleMs: 300,
  /** After an exact answer: how long we look for bytes that should not follow. */
  graceMs: 150,
  /** After a connection died: how long we wait for the crash report. */
  exitReportMs: 1000,
});
