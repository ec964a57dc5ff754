/**
 * Showing bytes to people: as readable text when they are UTF-8, with control characters
 * made visible (a student must see the `\n` their server added), else as hex.
 */

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
};

// C0/C1 controls, DEL, and invisible characters that would make two different replies
// look the same on screen: line/paragraph separators, bidi overrides, BOM, zero widths.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\\\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** Decodes strict UTF-8; null when the bytes are not valid UTF-8. A leading BOM is kept. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

export function isUtf8(bytes: Uint8Array): boolean {
  return decodeUtf8(bytes) !== null;
}

/** Makes control and invisible characters visible: `\n`, `\r`, `\0`, `\x1b`, `\u{200b}`. */
export function escapeText(text: string): string {
  return text.replace(INVISIBLE, (ch) => {
    const named = NAMED_ESCAPES[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Space-separated lowercase hex pairs: `48 61 ff`. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/**
 * Text for feedback even when the bytes are not all UTF-8: valid sequences as characters,
 * each invalid byte as `\xff`. `Hallo \xff\xfe` reads better than a wall of hex.
 */
export function bytesToVisibleText(bytes: Uint8Array): string {
  const whole = decodeUtf8(bytes);
  if (whole !== null) return escapeText(whole);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      out += `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      out += escapeText(strictDecoder.decode(bytes.subarray(i, i + length)));
      i += length;
    }
  }
  return out;
}

/**
 * The bytes quoted for a sentence in feedback: `` `Hallo` ``, cut after `maxBytes` with
 * `…` (the sentence around it states the length when it matters).
 */
export function quoteBytes(bytes: Uint8Array, maxBytes = 80): string {
  if (bytes.length === 0) return 'nothing (0 bytes)';
  const shown = bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
  return `\`${bytesToVisibleText(shown)}${shown.length < bytes.length ? '…' : ''}\``;
}

/** Length of the valid UTF-8 sequence starting at `i`, 0 when the byte there starts none. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i] as number;
  if (first < 0x80) return 1;
  let length: number;
  let min: number;
  if (first >= 0xc2 && first <= 0xdf) [length, min] = [2, 0x80];
  else if (first >= 0xe0 && first <= 0xef) [length, min] = [3, 0x800];
  else if (first >= 0xf0 && first <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (i + length > bytes.length) return 0;
  let code = first & (0xff >> (length + 1));
  for (let k = 1; k < length; k += 1) {
    const next = bytes[i + k] as number;
    if ((next & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return length;
}
