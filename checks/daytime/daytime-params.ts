/** The params of the daytime checks, each typed once with its default (issue #14). */
import { optional, paramDefaults, shaped } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';

/** How long we wait before the nudge once a server has answered only after one. */
export const SHORT_NUDGE_WAIT_MS = 250;

/** Every daytime server check: the waits of one exchange, and how exact the clock must be. */
export const DAYTIME_SERVER = paramDefaults({
  ...WIRE_FAULTS,
  /** Longest wait for an answer (TCP: its first byte). */
  replyMs: 2000,
  /** TCP: silence after the first bytes after which the answer counts as complete. */
  closeMs: 1000,
  /** UDP: how long we collect datagrams after the first. */
  graceMs: 150,
  ...EXIT_REPORT_PARAMS,
  /** Once a server answered only after a nudge: how long later tests wait before theirs (issue #11). */
  nudgeAfterMs: SHORT_NUDGE_WAIT_MS,
  /** What we send when a server waits for input; no constant default: a line break over TCP, a question over UDP. */
  nudge: optional('string'),
  /** How far the server's time may be from ours. */
  toleranceSec: 5,
});

export const DAYTIME_SUCCESSIVE = paramDefaults({
  ...DAYTIME_SERVER,
  /** Clients one after the other. */
  count: 3,
  /** Pause between two of them. */
  gapMs: 1000,
});

export const DAYTIME_CLIENT = paramDefaults({
  /** A key of `scenarios`, or `rfc` / `german` (built in). */
  scenario: 'rfc',
  /** Scenario name → the time our server sends (usually an assignment's param). */
  scenarios: shaped<Record<string, string>>(),
});
