/** Reading check params: teachers write them as JSON, so every value is checked, with a default. */

export function numberParam(params: Record<string, unknown>, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function stringParam(params: Record<string, unknown>, key: string, fallback: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : fallback;
}

export function booleanParam(params: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}

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
