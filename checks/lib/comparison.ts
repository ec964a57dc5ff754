/**
 * Expected vs received bytes, for the report's side-by-side view (issue #9). Each side is
 * encoded like a transcript entry's body (text with control characters escaped, or hex),
 * both the same way so a reader can compare them character by character, and cut at a
 * cap: the transcript already holds the whole conversation.
 */
import type { ComparePayload, Comparison } from '../types.js';
import { decodeUtf8, escapeText, toHex } from './bytes-text.js';

/** Bytes shown per side. @defaultValue 4096 */
export const COMPARE_MAX_BYTES = 4096;

const MAX_LABEL_CHARS = 200;

/**
 * Both sides as text when both are valid UTF-8, else both as hex: a reply that differs
 * from our text in one invalid byte must not be compared as text against hex.
 */
export function comparison(expected: Uint8Array | string, received: Uint8Array | string, label?: string, maxBytes = COMPARE_MAX_BYTES): Comparison {
  const a = toBytes(expected);
  const b = toBytes(received);
  const asText = decodeUtf8(a) !== null && decodeUtf8(b) !== null;
  return {
    expected: comparePayload(a, asText, maxBytes),
    received: comparePayload(b, asText, maxBytes),
    ...(label ? { label: label.slice(0, MAX_LABEL_CHARS) } : {}),
  };
}

/** One side: `asText` only for valid UTF-8 (a text cut ends before a split character). */
export function comparePayload(bytes: Uint8Array, asText: boolean, maxBytes = COMPARE_MAX_BYTES): ComparePayload {
  let cut = Math.min(bytes.length, Math.max(0, maxBytes));
  if (asText) while (cut > 0 && cut < bytes.length && ((bytes[cut] as number) & 0xc0) === 0x80) cut -= 1;
  const shown = bytes.subarray(0, cut);
  const text = asText ? decodeUtf8(shown) : null;
  const body = text !== null ? { text: escapeText(text) } : { text: null, hex: toHex(shown) };
  return { ...body, bytes: bytes.length, ...(cut < bytes.length ? { shownBytes: cut } : {}) };
}

/**
 * A comparison from a line someone else wrote (the peer's stdout, a check's return value),
 * rebuilt from its known fields only; null when anything is off, so the caller drops it.
 */
export function parseComparison(value: unknown): Comparison | null {
  if (!isRecord(value)) return null;
  const expected = parsePayload(value.expected);
  const received = parsePayload(value.received);
  if (!expected || !received || (expected.text === null) !== (received.text === null)) return null;
  if (value.label !== undefined && (typeof value.label !== 'string' || value.label.length > MAX_LABEL_CHARS)) return null;
  return { expected, received, ...(value.label ? { label: value.label as string } : {}) };
}

function parsePayload(value: unknown): ComparePayload | null {
  if (!isRecord(value)) return null;
  const { text, hex, bytes, shownBytes } = value;
  if (!isCount(bytes) || (shownBytes !== undefined && (!isCount(shownBytes) || shownBytes > bytes))) return null;
  const shown = shownBytes ?? bytes;
  if (shown > COMPARE_MAX_BYTES) return null;
  const tail = shownBytes !== undefined ? { shownBytes } : {};
  // An escape is at most four characters per byte (`\x1b`); hex is three (`1b `).
  if (typeof text === 'string' && hex === undefined && text.length <= shown * 4) return { text, bytes, ...tail };
  if (text === null && typeof hex === 'string' && /^(?:[0-9a-f]{2}(?: [0-9a-f]{2})*)?$/.test(hex) && hex.length === Math.max(0, shown * 3 - 1)) {
    return { text: null, hex, bytes, ...tail };
  }
  return null;
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
