/**
 * The params of the echo checks, typed once with their defaults (issue #14). A test of an
 * echo assignment may give only these, to the check that takes them (`defineAssignment`).
 */
import type { WireFaults } from '../lib/wire-faults.js';

/** Waits of every echo server check (TCP and UDP). */
export interface EchoTimingParams extends Partial<WireFaults> {
  /** Silence after which we stop waiting for (the rest of) a reply. @defaultValue 2000 */
  replyMs?: number;
  /** After the full echo arrived, how long we wait for unexpected extra bytes. @defaultValue 150 */
  graceMs?: number;
  /** How long we wait for a crashed program's exit report. @defaultValue 1000 */
  exitReportMs?: number;
}

/** The message a test sends (`payloadParam`): `hex`, else `repeat` cut to `length`, else `text`. @defaultValue text `Hallo` */
export interface EchoPayloadParams {
  text?: string;
  hex?: string;
  repeat?: string;
  length?: number;
}

export type EchoOnceParams = EchoTimingParams & EchoPayloadParams;

export interface EchoSuccessiveParams extends EchoTimingParams {
  /** Connections (TCP) or datagrams (UDP) one after the other. @defaultValue 3 */
  count?: number;
  /** TCP only: messages per connection. @defaultValue 1 */
  messagesPerConnection?: number;
}

export interface EchoClientParams {
  /** A key of the assignment's `scenarios`. @defaultValue `ascii` */
  scenario?: string;
  /** The line typed, when the scenario names none. @defaultValue `Hallo Echo-Server!` */
  text?: string;
}
