/**
 * What the client printed, read against the page we served: which paragraphs arrived
 * whole, and when the umlaut paragraph did not, what went wrong with it (decoded as
 * UTF-8, decoded twice, printed as bytes, umlauts dropped). Whitespace and line breaks
 * do not matter; a client may print the HTML or only its text.
 */
import type { HttpPage } from './http-page.js';

export type Garbling = 'replacement' | 'double-encoded' | 'bytes-repr' | 'dropped' | 'other';

export interface OutputReading {
  /** Per page paragraph: printed whole. */
  present: boolean[];
  tokenFound: boolean;
  umlautsFound: boolean;
  /** How the umlaut paragraph came out when not right; null when right or not there at all. */
  garbling: Garbling | null;
  /** The umlaut paragraph as printed, when found garbled. */
  garbled: string | null;
  /** Lines that look like chunk sizes (`5dc`), printed amid the page. */
  chunkSizeLines: string[];
}

/** Collapses every run of whitespace (and `\r`) to one space. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function readOutput(stdout: string, page: HttpPage): OutputReading {
  const flat = squash(stdout);
  // Umlauts are the umlaut test's business: here any rendering of them counts.
  const present = page.paragraphs.map((p) => flat.includes(squash(p)) || anyUmlauts(p).test(flat));
  const umlautsFound = flat.includes(squash(page.umlauts));
  const found = umlautsFound ? null : findGarbled(flat, page.umlauts);
  const chunkSizeLines = stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^[0-9a-fA-F]{1,6}$/.test(line) && !/^\d{1,2}$/.test(line));
  return { present, tokenFound: flat.includes(page.token), umlautsFound, garbling: found?.garbling ?? null, garbled: found?.text ?? null, chunkSizeLines };
}

/**
 * The paragraph with each non-ASCII character written any way a wrong decoding writes it:
 * `\ufffd`, `Ã¼`, `\xfc`, or nothing. ASCII in its place does not count, so a chunk
 * size printed amid a paragraph still breaks it.
 */
function anyUmlauts(paragraph: string): RegExp {
  const pattern = squash(paragraph)
    .split(/([^\x00-\x7f])/)
    .map((part, i) => (i % 2 === 1 ? '(?:[^\\x00-\\x7f]{0,4}|(?:\\\\x[0-9a-fA-F]{2}){1,2})' : escapeRegExp(part)))
    .join('');
  return new RegExp(pattern);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The paragraph with anything (or nothing) in place of each umlaut, and what stands there. */
function findGarbled(flat: string, paragraph: string): { garbling: Garbling; text: string } | null {
  const pattern = squash(paragraph)
    .split(/([^\x00-\x7f])/)
    .map((part, i) => (i % 2 === 1 ? '(.{0,8}?)' : escapeRegExp(part)))
    .join('');
  const match = new RegExp(pattern).exec(flat);
  if (!match) return null;
  const stand = match.slice(1).join('');
  const garbling: Garbling = stand === ''
    ? 'dropped'
    : stand.includes('\ufffd')
      ? 'replacement'
      : /Ã|Â/.test(stand)
        ? 'double-encoded'
        : /\\x[0-9a-f]{2}/i.test(stand)
          ? 'bytes-repr'
          : 'other';
  return { garbling, text: match[0] };
}
