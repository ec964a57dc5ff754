/**
 * The MIME decoding a mail client may legitimately apply, undone: encoded words in
 * header fields (RFC 2047), quoted-printable and base64 bodies (RFC 2045 §6.7, §6.8), and
 * charsets. Python's `email` package uses all of them (`EmailMessage.set_content`,
 * `MIMEText(..., "utf-8")`), a raw-socket client none; both must read the same to us.
 */

/** Bytes as text in `charset`; UTF-8 when none is named and the bytes are valid UTF-8, else Latin-1. */
export function decodeCharset(bytes: Buffer, charset: string | null): string {
  const name = (charset ?? '').trim().toLowerCase().replace(/^"|"$/g, '');
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'latin-1') return bytes.toString('latin1');
  if (name === '' || name === 'utf-8' || name === 'utf8' || name === 'us-ascii') return isUtf8Text(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function isUtf8Text(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Quoted-printable (RFC 2045 §6.7): `=XX` bytes and `=` soft line breaks. Lines joined by `\n`. */
export function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const source = text.replace(/[ \t]+$/gm, '').replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] as string;
    const hex = source.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(ch, 'latin1')) bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}

/** Base64 (RFC 2045 §6.8), ignoring line breaks and anything outside the alphabet. */
export function decodeBase64(text: string): Buffer {
  return Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

/** A body in its transfer encoding (`7bit`, `8bit`, `binary`, `quoted-printable`, `base64`) as bytes. */
export function decodeTransferEncoding(body: Buffer, encoding: string | null): Buffer {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === 'base64') return decodeBase64(body.toString('latin1'));
  if (name === 'quoted-printable') return decodeQuotedPrintable(body.toString('latin1'));
  return body;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Header text with RFC 2047 encoded words decoded: `=?utf-8?q?Z=C3=A4hlen?=` → `Zählen`.
 * Whitespace between two adjacent encoded words is dropped (§6.2).
 */
export function decodeHeaderWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(ENCODED_WORD, (_all, charset: string, kind: string, payload: string) => {
    const bytes = kind.toUpperCase() === 'B' ? decodeBase64(payload) : decodeQEncoding(payload);
    return decodeCharset(bytes, charset.replace(/\*.*$/, ''));
  });
}

/** The `Q` encoding of RFC 2047 §4.2: `=XX` bytes, `_` for a space. */
function decodeQEncoding(payload: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i += 1) {
    const ch = payload[i] as string;
    const hex = payload.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(ch === '_' ? 0x20 : ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/** A parameter of a structured field, e.g. `charset` of `text/plain; charset="utf-8"`. */
export function headerParameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(value);
  if (!match) return null;
  return match[2] ?? match[1] ?? null;
}
