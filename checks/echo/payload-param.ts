/** The payload param of the echo checks: the bytes a test sends. */
import { stringParam } from '../lib/params.js';

/**
 * The message a test sends: `hex` (raw bytes, for the non-UTF-8 test), or `repeat` cut to
 * `length` bytes (ASCII, for long messages), or `text` (UTF-8).
 */
export function payloadParam(params: Record<string, unknown>, fallback = 'Hallo'): Buffer {
  if (typeof params.hex === 'string') return Buffer.from(params.hex.replace(/\s+/g, ''), 'hex');
  if (typeof params.repeat === 'string' && params.repeat.length > 0 && typeof params.length === 'number') {
    const unit = Buffer.from(params.repeat, 'utf8');
    const length = Math.max(0, Math.floor(params.length));
    const out = Buffer.alloc(length);
    for (let offset = 0; offset < length; offset += unit.length) unit.copy(out, offset, 0, Math.min(unit.length, length - offset));
    return out;
  }
  return Buffer.from(stringParam(params, 'text', fallback), 'utf8');
}
