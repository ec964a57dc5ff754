/**
 * Does a message meet an expectation? Pure: bytes in, a verdict and captured variables
 * out, with the reason in words a student reads ("expected the line `OK`, got `ok`").
 */
import { decodeUtf8, quoteBytes } from '../lib/bytes-text.js';
import type { Expectation } from './script.js';
import { escapeRegex, repeatToBytes, substitute } from './template.js';

export type MatchResult =
  | { ok: true; captures: Record<string, string> }
  /** `expected`: the bytes we wanted, for the side-by-side comparison, when there is one. */
  | { ok: false; why: string; expected?: Buffer };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The bytes an exact expectation wants, variables filled in. */
export function expectedBytes(expect: Extract<Expectation, { kind: 'text' | 'hex' | 'line' }>, vars: ReadonlyMap<string, string>): Buffer {
  if (expect.kind === 'hex') return Buffer.from(expect.hex.replace(/\s+/g, ''), 'hex');
  const text = Buffer.from(substitute(expect.text, vars), 'utf8');
  return expect.kind === 'text' ? repeatToBytes(text, expect.repeatToBytes) : text;
}

/** One trailing `\r\n` or `\n` removed: how a line compares. */
export function withoutLineEnding(bytes: Buffer): Buffer {
  if (bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a) return bytes.subarray(0, -2);
  if (bytes.length >= 1 && bytes[bytes.length - 1] === 0x0a) return bytes.subarray(0, -1);
  return bytes;
}

/**
 * Judges `message` (already cut by the framing: no delimiter, no length prefix). `closed`
 * and `silence` are about the connection, not a message: the caller judges those.
 */
export function matchMessage(expect: Expectation, message: Buffer, vars: ReadonlyMap<string, string>): MatchResult {
  switch (expect.kind) {
    case 'text':
    case 'hex': {
      const want = expectedBytes(expect, vars);
      if (message.equals(want)) return { ok: true, captures: {} };
      return { ok: false, why: `expected ${quoteBytes(want)} (${want.length} bytes), but got ${quoteBytes(message)} (${message.length} bytes).${mismatchHint(want, message)}`, expected: want };
    }
    case 'line': {
      const want = expectedBytes(expect, vars);
      const got = withoutLineEnding(message);
      if (got.equals(want)) return { ok: true, captures: {} };
      return { ok: false, why: `expected the line ${quoteBytes(want)}, but got ${quoteBytes(message)}.${mismatchHint(want, got)}`, expected: want };
    }
    case 'regex':
      return matchRegex(expect, message, vars);
    case 'number':
      return matchNumber(expect, message, vars);
    case 'json':
      return matchJson(expect.subset, message, vars);
    default:
      return { ok: false, why: 'this expectation is about the connection, not a message.' };
  }
}

function textOf(message: Buffer): string {
  return decodeUtf8(message) ?? message.toString('utf8');
}

function matchRegex(expect: Extract<Expectation, { kind: 'regex' }>, message: Buffer, vars: ReadonlyMap<string, string>): MatchResult {
  const pattern = substitute(expect.pattern, vars, escapeRegex);
  const text = textOf(withoutLineEnding(message));
  const found = new RegExp(pattern, expect.flags).exec(text);
  if (!found) return { ok: false, why: `expected an answer matching \`${pattern}\`, but got ${quoteBytes(message)}.` };
  const captures: Record<string, string> = {};
  for (const [name, value] of Object.entries(found.groups ?? {})) if (value !== undefined) captures[name] = value;
  return { ok: true, captures };
}

function matchNumber(expect: Extract<Expectation, { kind: 'number' }>, message: Buffer, vars: ReadonlyMap<string, string>): MatchResult {
  const wantText = substitute(expect.value, vars).trim();
  const want = Number(wantText);
  const shown = expect.tolerance > 0 ? `${wantText} (± ${expect.tolerance})` : wantText;
  const text = decodeUtf8(message)?.trim();
  if (text === undefined) return { ok: false, why: `expected the number \`${shown}\`, but got bytes that are not UTF-8 text: ${quoteBytes(message)}. Send the number as text, e.g. \`str(zahl).encode()\`.` };
  if (!NUMBER.test(text)) {
    const inside = text.match(/[+-]?\d+(?:\.\d+)?/g) ?? [];
    const hint = inside.some((n) => Math.abs(Number(n) - want) <= expect.tolerance)
      ? ' Your answer contains the right number, but also other text: send only the number.'
      : text === '' ? ' Your answer contains no number at all.' : '';
    return { ok: false, why: `expected the number \`${shown}\`, but got ${quoteBytes(message)}.${hint}`, expected: Buffer.from(wantText) };
  }
  if (Math.abs(Number(text) - want) <= expect.tolerance) return { ok: true, captures: {} };
  return { ok: false, why: `expected the number \`${shown}\`, but got \`${text}\`.`, expected: Buffer.from(wantText) };
}

function matchJson(subset: unknown, message: Buffer, vars: ReadonlyMap<string, string>): MatchResult {
  const text = decodeUtf8(message);
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return { ok: false, why: `expected JSON, but got ${quoteBytes(message)}, which is not valid JSON.` };
  }
  const problem = subsetProblem(subset, value, vars, '');
  if (problem === null) return { ok: true, captures: {} };
  return { ok: false, why: `expected JSON containing \`${JSON.stringify(fill(subset, vars))}\`, but got ${quoteBytes(message, 200)}: ${problem}.` };
}

/** Variables filled into every string of a JSON subset. */
function fill(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return substitute(value, vars);
  if (Array.isArray(value)) return value.map((item) => fill(item, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** Null when `actual` contains `want`; else where it differs (`.items[2].name is "x", not "y"`). */
export function subsetProblem(want: unknown, actual: unknown, vars: ReadonlyMap<string, string>, path: string): string | null {
  const at = path || 'the answer';
  if (Array.isArray(want)) {
    if (!Array.isArray(actual)) return `${at} is not a list`;
    if (actual.length !== want.length) return `${at} has ${actual.length} items, not ${want.length}`;
    for (const [i, item] of want.entries()) {
      const problem = subsetProblem(item, actual[i], vars, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (want && typeof want === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return `${at} is not an object`;
    for (const [key, item] of Object.entries(want)) {
      if (!Object.prototype.hasOwnProperty.call(actual, key)) return `${path ? `${path}.` : ''}${key} is missing`;
      const problem = subsetProblem(item, (actual as Record<string, unknown>)[key], vars, `${path ? `${path}.` : ''}${key}`);
      if (problem) return problem;
    }
    return null;
  }
  const filled = typeof want === 'string' ? substitute(want, vars) : want;
  return Object.is(filled, actual) || filled === actual ? null : `${at} is ${JSON.stringify(actual)}, not ${JSON.stringify(filled)}`;
}

/** The usual reasons two texts differ, in one sentence; '' when none fits. */
export function mismatchHint(want: Buffer, got: Buffer): string {
  if (got.length > want.length && got.subarray(0, want.length).equals(want)) {
    const tail = got.subarray(want.length);
    if (tail.equals(Buffer.from('\n')) || tail.equals(Buffer.from('\r\n'))) return ' Your answer has a line break at the end that does not belong there.';
    return ` After the expected bytes came ${tail.length} more (${quoteBytes(tail, 40)}).`;
  }
  if (got.length < want.length && want.subarray(0, got.length).equals(got) && got.length > 0) {
    return ` Only the first ${got.length} of ${want.length} bytes came: TCP keeps no message boundaries, so one recv() may return just part of a message; read in a loop and send everything with sendall().`;
  }
  const a = decodeUtf8(want);
  const b = decodeUtf8(got);
  if (a !== null && b !== null) {
    if (b === a.trimEnd() || b.trim() === a.trim()) return ' Only spaces or line breaks at the start or end differ (with `strip()`?).';
    if (b.toLowerCase() === a.toLowerCase()) return ' Only upper and lower case differ.';
  }
  return '';
}
