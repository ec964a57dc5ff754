import { type ParamsGiven, oneOf, paramDefaults, readParams } from './param-schema.js';
import type { WriteMode } from './tcp-connection.js';

/**
 * Wire faults a teacher can switch on for every TCP server check (params `writeMode`,
 * `readDelayMs`): the reference client then writes each message one byte at a time, in
 * small chunks, or several messages in one write, or reads the answers slowly. A server
 * that takes one recv() for one whole message, or one send() for a whole answer, fails;
 * the course's servers pass the default (no faults).
 */
export const WIRE_FAULTS = paramDefaults({
  /** How messages go on the wire. */
  writeMode: oneOf<WriteMode>(['whole', 'coalesced', 'bytewise', 'chunked'], 'whole'),
  /** Pause after every chunk we receive before reading on, so the server's send buffer fills (at most 1000). */
  readDelayMs: 0,
});

export type WireFaultsParams = ParamsGiven<typeof WIRE_FAULTS>;

export interface WireFaults {
  writeMode: WriteMode;
  readDelayMs: number;
}

export const NO_WIRE_FAULTS: WireFaults = { writeMode: 'whole', readDelayMs: 0 };

export function wireFaultsParam(params: Record<string, unknown>): WireFaults {
  const { writeMode, readDelayMs } = readParams(WIRE_FAULTS, params);
  return { writeMode, readDelayMs: Math.min(readDelayMs, 1000) };
}

/** A sentence for the feedback of a test that failed under wire faults, or null without any. */
export function describeWireFaults(wire: WireFaults): string | null {
  const parts: string[] = [];
  if (wire.writeMode === 'bytewise') parts.push('we sent every message one byte at a time');
  if (wire.writeMode === 'chunked') parts.push('we sent every message in small pieces');
  if (wire.writeMode === 'coalesced') parts.push('we sent several messages in one write');
  if (wire.readDelayMs > 0) parts.push(`we read your answers slowly (a pause of ${wire.readDelayMs} ms after every piece)`);
  if (parts.length === 0) return null;
  return (
    `This test ran with wire faults: ${parts.join(', and ')}. TCP is a stream of bytes, not of messages: ` +
    'one recv() can return part of a message or several at once, and one send() may send only part of the data. ' +
    'Read until the end of a message (its newline, \\0 or length) and use sendall().'
  );
}
