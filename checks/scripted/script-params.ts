/** The params of a scripted server test, each typed once with its default (issue #14). */
import { paramDefaults } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';

export const SCRIPT_TIMING = paramDefaults({
  ...WIRE_FAULTS,
  /** Longest wait for an answer (a step's `within` overrides it). */
  replyMs: 2000,
  /** Raw TCP answers of unknown length: the silence that ends one. */
  settleMs: 300,
  /** After an exact answer: how long we look for bytes that should not follow. */
  graceMs: 150,
  ...EXIT_REPORT_PARAMS,
});
