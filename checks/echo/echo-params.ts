/**
 * The params of the echo checks, each typed once with its default (issue #14). A test of an
 * echo assignment may give only these, to the check that takes them (`defineAssignment`).
 */
import { optional, paramDefaults, shaped } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';
import { SILENCE_PARAMS } from '../lib/silent-server.js';

/** Waits of every echo server check (TCP and UDP), and the wire faults (TCP only). */
export const ECHO_TIMING = paramDefaults({
  ...WIRE_FAULTS,
  ...SILENCE_PARAMS,
  /** Silence after which we stop waiting for (the rest of) a reply. */
  replyMs: 2000,
  /** After the full echo arrived, how long we wait for unexpected extra bytes. */
  graceMs: 150,
  ...EXIT_REPORT_PARAMS,
});

/**
 * The message a test sends (`payloadParam`): `hex`, else `repeat` cut to `length`, else
 * `text`. `hex` and `repeat` have no default (absent means "not this way"); `length` is any
 * number, checked where it is used (a negative one gives an empty message).
 */
export const ECHO_PAYLOAD = paramDefaults({
  /** UTF-8 text. */
  text: 'Hallo',
  /** Raw bytes in hex (spaces allowed), for the non-UTF-8 test. */
  hex: optional('string'),
  /** ASCII repeated up to `length` bytes, for long messages. */
  repeat: optional('nonEmpty'),
  length: shaped<number>(),
});

export const ECHO_ONCE = paramDefaults({ ...ECHO_TIMING, ...ECHO_PAYLOAD });

export const ECHO_SUCCESSIVE = paramDefaults({
  ...ECHO_TIMING,
  /** Connections (TCP) or datagrams (UDP) one after the other. */
  count: 3,
  /** TCP only: messages per connection. */
  messagesPerConnection: 1,
});

export const ECHO_CLIENT = paramDefaults({
  /** A key of `scenarios`, or `ascii` / `utf8` (built in). */
  scenario: 'ascii',
  /** Scenario name → the line typed (usually an assignment's param). */
  scenarios: shaped<Record<string, string>>(),
  /** The line typed, when the scenario names none. */
  text: 'Hallo Echo-Server!',
});
