/**
 * The message a client sent after DATA, read as RFC 5322 (header fields, an empty line,
 * the body) with MIME undone (see `mime-decode.ts`), so that a hand-written message and
 * one built by Python's `email` package compare the same.
 */
import { decodeCharset, decodeHeaderWords, decodeTransferEncoding, headerParameter } from './mime-decode.js';

export interface HeaderField {
  name: string;
  /** Unfolded (RFC 5322 §2.2.3), as sent. */
  value: string;
  /** With RFC 2047 encoded words decoded. */
  decoded: string;
}

export interface MailMessage {
  fields: HeaderField[];
  /** An empty line ended the header (RFC 5322 §2.1); false when the body followed at once. */
  separated: boolean;
  /** The first line was no header field: the message has no header at all. */
  headerless: boolean;
  /** The text the reader sees: the body, transfer encoding and charset undone; of a multipart, its first text part. */
  bodyText: string;
  /** The transfer encoding that was undone (`base64`, `quoted-printable`), null when none. */
  encoding: string | null;
}

const FIELD = /^[\x21-\x39\x3b-\x7e]+:/;

/** The message from its lines (contents without line ends, dots already unstuffed). */
export function parseMailMessage(lines: readonly Buffer[], depth = 0): MailMessage {
  const fields: HeaderField[] = [];
  let index = 0;
  let separated = false;
  const headerless = lines.length > 0 && !FIELD.test(text(lines[0] as Buffer)) && (lines[0] as Buffer).length > 0;
  if (!headerless) {
    for (; index < lines.length; index += 1) {
      const line = text(lines[index] as Buffer);
      if (line === '') {
        separated = true;
        index += 1;
        break;
      }
      const last = fields[fields.length - 1];
      if (/^[ \t]/.test(line) && last) {
        last.value += line.replace(/^[ \t]+/, ' ');
        last.decoded = decodeHeaderWords(last.value);
      } else if (FIELD.test(line)) {
        const colon = line.indexOf(':');
        const value = line.slice(colon + 1).trim();
        fields.push({ name: line.slice(0, colon).trim(), value, decoded: decodeHeaderWords(value) });
      } else {
        break;
      }
    }
  }
  const body = lines.slice(index);
  const { bodyText, encoding } = decodeBody(fields, body, depth);
  return { fields, separated, headerless, bodyText, encoding };
}

/** The first field of that name (case-insensitive), undefined when there is none. */
export function headerField(message: MailMessage, name: string): HeaderField | undefined {
  return message.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

export function headerFields(message: MailMessage, name: string): HeaderField[] {
  return message.fields.filter((f) => f.name.toLowerCase() === name.toLowerCase());
}

function decodeBody(fields: HeaderField[], body: readonly Buffer[], depth: number): { bodyText: string; encoding: string | null } {
  const type = fields.find((f) => f.name.toLowerCase() === 'content-type')?.value ?? 'text/plain';
  const cte = fields.find((f) => f.name.toLowerCase() === 'content-transfer-encoding')?.value.trim().toLowerCase() ?? null;
  const boundary = headerParameter(type, 'boundary');
  if (/^\s*multipart\//i.test(type) && boundary && depth < 3) {
    const parts = splitMultipart(body, boundary).map((part) => ({ part, message: parseMailMessage(part, depth + 1) }));
    const typeOf = (m: MailMessage): string => m.fields.find((f) => f.name.toLowerCase() === 'content-type')?.value.toLowerCase() ?? 'text/plain';
    const chosen = parts.find((p) => typeOf(p.message).startsWith('text/plain')) ?? parts.find((p) => typeOf(p.message).startsWith('text/'));
    if (chosen) return { bodyText: chosen.message.bodyText, encoding: chosen.message.encoding ?? 'multipart' };
  }
  const raw = Buffer.concat(body.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from('\n'), line])));
  const decoded = decodeTransferEncoding(raw, cte);
  const encoding = cte === 'base64' || cte === 'quoted-printable' ? cte : null;
  return { bodyText: decodeCharset(decoded, headerParameter(type, 'charset')), encoding };
}

/** The parts between `--boundary` lines (RFC 2046 §5.1.1), the closing `--boundary--` ending them. */
function splitMultipart(body: readonly Buffer[], boundary: string): Buffer[][] {
  const parts: Buffer[][] = [];
  let current: Buffer[] | null = null;
  for (const line of body) {
    const t = text(line).trimEnd();
    if (t === `--${boundary}--`) break;
    if (t === `--${boundary}`) {
      if (current) parts.push(current);
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current);
  return parts;
}

function text(line: Buffer): string {
  return decodeCharset(line, null);
}
