/**
 * The two text encodings of pickle's protocol-0 opcodes: `raw-unicode-escape` (UNICODE)
 * and Python 2 string escapes (STRING). Python 3 writes only the first; the second is
 * here for pickles from older tools.
 */

/** `codecs.escape_decode`: Python 2 string escapes; unknown ones stay as they are. */
export function escapeDecode(text: string): Buffer {
  const out: number[] = [];
  const simple: Record<string, number> = { '\\': 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (ch !== '\\' || i + 1 >= text.length) {
      out.push(text.charCodeAt(i) & 0xff);
      continue;
    }
    const next = text[i + 1] as string;
    const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(i + 1));
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1));
    if (next in simple) [out[out.length], i] = [simple[next] as number, i + 1];
    else if (hex) [out[out.length], i] = [parseInt(hex[1] as string, 16), i + 3];
    else if (octal) [out[out.length], i] = [parseInt(octal[0], 8) & 0xff, i + octal[0].length];
    else out.push(0x5c);
  }
  return Buffer.from(out);
}

/** `raw-unicode-escape`: bytes are Latin-1, except `\uXXXX` and `\UXXXXXXXX` after an odd run of backslashes. */
export function rawUnicodeEscape(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '\\') {
      out += text[i];
      i += 1;
      continue;
    }
    let run = 0;
    while (text[i + run] === '\\') run += 1;
    const after = text[i + run];
    const width = after === 'u' ? 4 : after === 'U' ? 8 : 0;
    const digits = text.slice(i + run + 1, i + run + 1 + width);
    if (run % 2 === 1 && width > 0 && new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits) && parseInt(digits, 16) <= 0x10ffff) {
      out += '\\'.repeat(run - 1) + String.fromCodePoint(parseInt(digits, 16));
      i += run + 1 + width;
    } else {
      out += '\\'.repeat(run);
      i += run;
    }
  }
  return out;
}
