/**
 * UTF-8 decoding as pickle does it (`'utf-8', 'surrogatepass'`): lone surrogates, which a
 * Python str may hold (e.g. from `surrogateescape`), are encoded as three bytes `ED A0..BF xx`.
 * `TextDecoder` would turn those into U+FFFD; here they come back as they were.
 */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text, or null when the bytes are not UTF-8 even with surrogates allowed. */
export function decodeUtf8SurrogatePass(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return slowDecode(bytes);
  }
}

function slowDecode(bytes: Uint8Array): string | null {
  const codes: number[] = [];
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    let code: number;
    let length: number;
    if (b0 < 0x80) [code, length] = [b0, 1];
    else if (b0 >= 0xc2 && b0 <= 0xdf) [code, length] = [b0 & 0x1f, 2];
    else if (b0 >= 0xe0 && b0 <= 0xef) [code, length] = [b0 & 0x0f, 3];
    else if (b0 >= 0xf0 && b0 <= 0xf4) [code, length] = [b0 & 0x07, 4];
    else return null;
    if (i + length > bytes.length) return null;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k] as number;
      if ((next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 0x3f);
    }
    const min = length === 2 ? 0x80 : length === 3 ? 0x800 : length === 4 ? 0x10000 : 0;
    if (code < min || code > 0x10ffff) return null;
    codes.push(code);
    i += length;
    if (codes.length >= 4096) out += String.fromCodePoint(...codes.splice(0));
  }
  return out + String.fromCodePoint(...codes);
}
