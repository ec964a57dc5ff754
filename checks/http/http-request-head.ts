/**
 * A request head as the client sent it (RFC 9112 §2.1, §3): the request line, the header
 * fields, and how each line ended. Parsed leniently — a bare `\n` ends a line, as
 * RFC 9112 §2.2 allows a server to accept — with every deviation kept for the checks.
 */
import { bytesToVisibleText, decodeUtf8 } from '../lib/bytes-text.js';

export type LineEnd = 'crlf' | 'lf' | 'none';

export interface HeadLine {
  raw: Buffer;
  end: LineEnd;
}

/** How the head ended: the empty line, a pause without it, the client closing, or our size cap. */
export type HeadEnd = 'blank-line' | 'settled' | 'closed' | 'too-large';

export interface RequestHead {
  /** Every line as received, the empty line that ends the head included. */
  lines: HeadLine[];
  ended: HeadEnd;
  /** The request line as text (invalid UTF-8 escaped). */
  requestLine: string;
  method: string | null;
  target: string | null;
  /** `HTTP/1.1`, `HTTP/1.0`, … as sent; null when the line has no version. */
  version: string | null;
  /** Exactly `method SP target SP HTTP/x.y`, single spaces (RFC 9112 §3). */
  exactRequestLine: boolean;
  fields: Array<{ name: string; value: string }>;
  /** Lines between request line and empty line that are no `name: value` field. */
  badFields: string[];
}

export function lineEnd(raw: Buffer): LineEnd {
  if (raw.length >= 2 && raw[raw.length - 2] === 0x0d && raw[raw.length - 1] === 0x0a) return 'crlf';
  return raw[raw.length - 1] === 0x0a ? 'lf' : 'none';
}

export function lineText(raw: Buffer): string {
  const content = raw.subarray(0, raw.length - (lineEnd(raw) === 'crlf' ? 2 : lineEnd(raw) === 'lf' ? 1 : 0));
  return decodeUtf8(content) ?? bytesToVisibleText(content);
}

/** The head from its lines (request line first, leading empty lines already skipped). */
export function parseRequestHead(lines: HeadLine[], ended: HeadEnd): RequestHead {
  const requestLine = lines[0] ? lineText(lines[0].raw) : '';
  const exact = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d\.\d)$/.exec(requestLine);
  const loose = exact ?? /^\s*(\S+)\s+(\S+)(?:\s+(\S+))?\s*$/.exec(requestLine);
  const fields: Array<{ name: string; value: string }> = [];
  const badFields: string[] = [];
  for (const line of lines.slice(1)) {
    const text = lineText(line.raw);
    if (text === '') break;
    const colon = text.indexOf(':');
    if (colon <= 0 || /\s/.test(text.slice(0, colon))) badFields.push(text);
    else fields.push({ name: text.slice(0, colon), value: text.slice(colon + 1).trim() });
  }
  return {
    lines,
    ended,
    requestLine,
    method: loose?.[1] ?? null,
    target: loose?.[2] ?? null,
    version: loose?.[3] ?? null,
    exactRequestLine: exact !== null,
    fields,
    badFields,
  };
}

/** The values of a field, by case-insensitive name (RFC 9110 §5.1). */
export function fieldValues(head: RequestHead, name: string): string[] {
  return head.fields.filter((f) => f.name.toLowerCase() === name.toLowerCase()).map((f) => f.value);
}

/** The tokens of `Connection` (RFC 9110 §7.6.1), lower case. */
export function connectionTokens(head: RequestHead): string[] {
  return fieldValues(head, 'connection').flatMap((v) => v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}

/** The path of the target, also from absolute-form (`http://host/path`, RFC 9112 §3.2.2), without query. */
export function targetPath(target: string): string {
  const absolute = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
  const path = absolute ? absolute[1] || '/' : target;
  return path.replace(/[?#].*$/, '');
}
