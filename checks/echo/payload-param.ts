/** The payload param of the echo checks: the bytes a test sends. */
import { readParams } from '../lib/param-schema.js';
import { ECHO_PAYLOAD } from './echo-params.js';

/**
 * The message a test sends: `hex` (raw bytes, for the non-UTF-8 test), or `repeat` cut to
 * `length` bytes (ASCII, for long messages), or `text` (UTF-8).
 */
export function payloadParam(params: Record<string, unknown>): Buffer {
  const given = readParams(ECHO_PAYLOAD, params);
  if (given.hex !== undefined) return Buffer.from(given.hex.replace(/\s+/g, ''), 'hex');
  if (given.repeat !== undefined && typeof given.length === 'number') {
    const unit = Buffer.from(given.repeat, 'utf8');
    const length = Math.max(0, Math.floor(given.length));
    const out = Buffer.alloc(length);
    for (let offset = 0; offset < length; offset += unit.length) unit.copy(out, offset, 0, Math.min(unit.length, length - offset));
    return out;
  }
  return Buffer.from(given.text, 'utf8');
}
