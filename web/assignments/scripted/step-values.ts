/**
 * The values of script steps as a teacher writes them (what to send, what to expect, a
 * random value, a framing), checked and compiled one by one; shared by server scripts
 * (compile-script.ts) and the mock server's scripts of client tests (compile-client-script.ts).
 */
import type { DataSpec, Expectation, Framing, RandomSpec } from '../../../checks/scripted/script.js';
import { closest, type IssuePath } from '../describe-issue.js';

const SEND_KINDS = ['text', 'hex', 'line', 'ending', 'repeatToBytes'];
const EXPECT_KINDS = ['text', 'hex', 'line', 'regex', 'number', 'json', 'closed', 'silence'];
const EXPECT_OPTIONS = ['flags', 'tolerance', 'repeatToBytes'];
export const MAX_WAIT_MS = 60_000;

/** `line` → `\n`, `crlf` → `\r\n`, `nul` → `\0`, `length-prefixed` with `prefixBytes`; null for anything else. */
export function framingByName(name: string, prefixBytes: unknown = 4): Framing | null {
  if (name === 'raw') return { kind: 'raw' };
  if (name === 'line') return { kind: 'delimited', delimiter: '\n' };
  if (name === 'crlf') return { kind: 'delimited', delimiter: '\r\n' };
  if (name === 'nul') return { kind: 'delimited', delimiter: '\0' };
  if (name === 'length-prefixed' && (prefixBytes === 1 || prefixBytes === 2 || prefixBytes === 4)) return { kind: 'length-prefixed', prefixBytes };
  return null;
}

export type UseVariables = (template: string, rest: IssuePath) => void;

export function dataOf(value: unknown, problem: (rest: IssuePath, message: string) => void, useVariables: UseVariables): DataSpec | null {
  if (typeof value === 'string' || typeof value === 'number') {
    useVariables(String(value), ['send']);
    return { text: String(value) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(['send'], 'must be text, or a mapping with `text:`, `hex:` or `line:`');
    return null;
  }
  const spec = value as Record<string, unknown>;
  const unknown = Object.keys(spec).filter((key) => !SEND_KINDS.includes(key));
  for (const key of unknown) problem(['send', key], `\`${key}\` is not a field of \`send\`${didYouMean(key, SEND_KINDS)}. The fields are: ${SEND_KINDS.join(', ')}`);
  const kinds = ['text', 'hex', 'line'].filter((key) => key in spec);
  if (unknown.length > 0) return null;
  if (kinds.length !== 1) {
    problem(['send'], kinds.length === 0 ? 'needs one of `text:`, `hex:` or `line:`' : `holds ${kinds.join(' and ')}; a send has one of them`);
    return null;
  }
  if ('hex' in spec) {
    const hex = typeof spec.hex === 'string' ? spec.hex.replace(/\s+/g, '') : '';
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return problem(['send', 'hex'], 'must be bytes in hex, two digits each (spaces allowed), e.g. `48 61 ff`'), null;
    return { hex };
  }
  if ('line' in spec) {
    if (typeof spec.line !== 'string') return problem(['send', 'line'], 'must be text'), null;
    const ending = spec.ending ?? '\n';
    if (ending !== '\n' && ending !== '\r\n' && ending !== '\0' && ending !== '') return problem(['send', 'ending'], 'must be "\\n", "\\r\\n", "\\0" or "" (in double quotes)'), null;
    useVariables(spec.line, ['send', 'line']);
    return { line: spec.line, ending: ending as string };
  }
  if (typeof spec.text !== 'string') return problem(['send', 'text'], 'must be text'), null;
  useVariables(spec.text, ['send', 'text']);
  const repeat = spec.repeatToBytes;
  if (repeat !== undefined && (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > 1024 * 1024)) {
    return problem(['send', 'repeatToBytes'], 'must be a whole number of bytes from 1 to 1048576'), null;
  }
  if (repeat !== undefined && spec.text === '') return problem(['send', 'text'], 'is empty; `repeatToBytes` needs text to repeat'), null;
  return repeat === undefined ? { text: spec.text } : { text: spec.text, repeatToBytes: repeat };
}

export function expectationOf(value: unknown, problem: (rest: IssuePath, message: string) => void, useVariables: UseVariables, transport: 'tcp' | 'udp'): Expectation | null {
  if (typeof value === 'string' || typeof value === 'number') {
    useVariables(String(value), ['expect']);
    return { kind: 'text', text: String(value) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(['expect'], `must be text, or a mapping with one of ${EXPECT_KINDS.map((k) => `\`${k}:\``).join(', ')}`);
    return null;
  }
  const spec = value as Record<string, unknown>;
  const unknown = Object.keys(spec).filter((key) => !EXPECT_KINDS.includes(key) && !EXPECT_OPTIONS.includes(key));
  for (const key of unknown) problem(['expect', key], `\`${key}\` is not a field of \`expect\`${didYouMean(key, [...EXPECT_KINDS, ...EXPECT_OPTIONS])}. The kinds are: ${EXPECT_KINDS.join(', ')}`);
  const kinds = EXPECT_KINDS.filter((key) => key in spec);
  if (unknown.length > 0) return null;
  if (kinds.length !== 1) {
    problem(['expect'], kinds.length === 0 ? `needs one of ${EXPECT_KINDS.map((k) => `\`${k}:\``).join(', ')}` : `holds ${kinds.join(' and ')}; an expect has one of them`);
    return null;
  }
  const kind = kinds[0]!;
  const at = ['expect', kind];
  const item = spec[kind];
  if ('flags' in spec && kind !== 'regex') problem(['expect', 'flags'], 'goes only with `regex`');
  if ('tolerance' in spec && kind !== 'number') problem(['expect', 'tolerance'], 'goes only with `number`');
  switch (kind) {
    case 'text':
    case 'line': {
      if (typeof item !== 'string' && typeof item !== 'number') return problem(at, 'must be text'), null;
      useVariables(String(item), at);
      const repeat = spec.repeatToBytes;
      if (repeat === undefined) return { kind, text: String(item) };
      if (kind !== 'text' || typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > 1024 * 1024 || String(item) === '') {
        return problem(['expect', 'repeatToBytes'], 'goes only with a non-empty `text`, as a whole number of bytes from 1 to 1048576'), null;
      }
      return { kind: 'text', text: String(item), repeatToBytes: repeat };
    }
    case 'hex': {
      const hex = typeof item === 'string' ? item.replace(/\s+/g, '') : '';
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return problem(at, 'must be bytes in hex, two digits each (spaces allowed)'), null;
      return { kind, hex };
    }
    case 'regex': {
      const flags = spec.flags ?? '';
      if (typeof item !== 'string') return problem(at, 'must be a regular expression as text, e.g. `regex: "^OK (?<id>\\\\d+)$"`'), null;
      if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags)) return problem(['expect', 'flags'], 'may hold only i, m, s and u'), null;
      try {
        new RegExp(item.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'x'), flags);
      } catch (error) {
        return problem(at, `is not a valid regular expression: ${(error as Error).message}`), null;
      }
      useVariables(item, at);
      return { kind, pattern: item, flags };
    }
    case 'number': {
      const tolerance = spec.tolerance ?? 0;
      if (typeof tolerance !== 'number' || !(tolerance >= 0)) return problem(['expect', 'tolerance'], 'must be a number of at least 0'), null;
      if (typeof item === 'number' && Number.isFinite(item)) return { kind, value: String(item), tolerance };
      if (typeof item === 'string' && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(item.trim())) {
        useVariables(item, at);
        return { kind, value: item.trim(), tolerance };
      }
      return problem(at, 'must be a number, or one variable such as `${n}`'), null;
    }
    case 'json':
      if (item === null || typeof item !== 'object') return problem(at, 'must be a mapping or a list: the part of the JSON answer that must be there'), null;
      forEachString(item, (text) => useVariables(text, at));
      return { kind, subset: item };
    case 'closed':
      if (item !== true) return problem(at, 'must be `true`: `expect: {closed: true}`'), null;
      if (transport === 'udp') return problem(at, 'UDP has no connection that could close; expect `silence` instead'), null;
      return { kind: 'closed' };
    default: {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 1 || item > MAX_WAIT_MS) return problem(at, `must be a whole number of milliseconds from 1 to ${MAX_WAIT_MS}`), null;
      return { kind: 'silence', ms: item };
    }
  }
}

export function expectModifiers(modifiers: Record<string, unknown>, problem: (rest: IssuePath, message: string) => void, useVariables: UseVariables): { withinMs?: number; points?: number; feedback?: string } | null {
  const out: { withinMs?: number; points?: number; feedback?: string } = {};
  const { within, points, feedback } = modifiers;
  if (within !== undefined) {
    if (typeof within !== 'number' || !Number.isInteger(within) || within < 1 || within > MAX_WAIT_MS) return problem(['within'], `must be a whole number of milliseconds from 1 to ${MAX_WAIT_MS}`), null;
    out.withinMs = within;
  }
  if (points !== undefined) {
    if (typeof points !== 'number' || !(points >= 0) || points > 10_000) return problem(['points'], 'must be a number from 0 to 10000'), null;
    out.points = points;
  }
  if (feedback !== undefined) {
    if (typeof feedback !== 'string' || feedback.trim() === '' || feedback.length > 2000) return problem(['feedback'], 'must be text of at most 2000 characters: what a student should check when this step fails'), null;
    useVariables(feedback, ['feedback']);
    out.feedback = feedback;
  }
  return out;
}

export function randomSpecOf(value: unknown, problem: (message: string) => void): RandomSpec | null {
  const spec = value as Record<string, unknown> | null;
  const usage = 'must be `{int: [min, max]}`, `{word: <length>}` or `{choice: [a, b, …]}`';
  if (!spec || typeof spec !== 'object' || Array.isArray(spec) || Object.keys(spec).length !== 1) return problem(usage), null;
  if ('int' in spec) {
    const range = spec.int;
    if (Array.isArray(range) && range.length === 2 && range.every((v) => Number.isSafeInteger(v)) && (range[0] as number) <= (range[1] as number)) return { int: [range[0] as number, range[1] as number] };
    return problem('`int` must be `[min, max]` with whole numbers, min ≤ max'), null;
  }
  if ('word' in spec) {
    if (Number.isInteger(spec.word) && (spec.word as number) >= 1 && (spec.word as number) <= 64) return { word: spec.word as number };
    return problem('`word` must be a length from 1 to 64'), null;
  }
  if ('choice' in spec) {
    if (Array.isArray(spec.choice) && spec.choice.length > 0 && spec.choice.every((v) => typeof v === 'string' || typeof v === 'number')) return { choice: spec.choice.map(String) };
    return problem('`choice` must be a list of texts'), null;
  }
  return problem(usage), null;
}

/** Named groups of a pattern: `(?<name>`. */
export function namedGroups(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
}

function forEachString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => forEachString(item, visit));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => forEachString(item, visit));
}

function didYouMean(word: string, options: readonly string[]): string {
  const guess = closest(word, options);
  return guess ? `; did you mean \`${guess}\`?` : '';
}
