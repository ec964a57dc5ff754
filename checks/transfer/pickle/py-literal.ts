/**
 * A parser for Python literals, as `ast.literal_eval` accepts them: None, True, False,
 * ints (incl. `0x`, `0o`, `0b`, `_`), floats, strings and bytes (with prefixes, escapes,
 * adjacent-literal concatenation), lists, tuples, dicts, sets and `set()`. The teacher
 * writes the object a client is given as a literal; the peer expects exactly that value.
 * Complex numbers are not supported.
 */
import { hashKey, type PyValue } from './py-value.js';

export class PyLiteralError extends Error {
  readonly code = 'PY_LITERAL';

  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
  }
}

export function parsePyLiteral(source: string): PyValue {
  const parser = new Parser(source);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.done()) parser.fail('unexpected text after the value');
  return value;
}

const MAX_DEPTH = 100;

class Parser {
  #i = 0;
  #depth = 0;

  constructor(readonly src: string) {}

  done(): boolean {
    return this.#i >= this.src.length;
  }

  fail(message: string): never {
    throw new PyLiteralError(message, this.#i);
  }

  skipSpace(): void {
    while (this.#i < this.src.length && /\s/.test(this.src[this.#i] as string)) this.#i += 1;
  }

  value(): PyValue {
    this.skipSpace();
    const ch = this.src[this.#i];
    if (ch === undefined) this.fail('a value is missing');
    if (ch === '[' || ch === '(' || ch === '{') return this.#nested(() => this.#container(ch));
    if (ch === '-' || ch === '+') {
      this.#i += 1;
      const inner = this.value();
      if (inner.kind === 'int') return ch === '-' ? { kind: 'int', value: -inner.value } : inner;
      if (inner.kind === 'float') return ch === '-' ? { kind: 'float', value: -inner.value } : inner;
      this.fail('a sign must be followed by a number');
    }
    if (/[0-9.]/.test(ch)) return this.#number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.#i))?.[0] ?? '';
    if (/^[rRbBuU]{1,2}$/.test(word) && /['"]/.test(this.src[this.#i + word.length] ?? '')) return this.#strings();
    if (ch === "'" || ch === '"') return this.#strings();
    this.#i += word.length;
    if (word === 'None') return { kind: 'none' };
    if (word === 'True') return { kind: 'bool', value: true };
    if (word === 'False') return { kind: 'bool', value: false };
    if (word === 'set') {
      this.skipSpace();
      if (this.src.startsWith('()', this.#i)) {
        this.#i += 2;
        return { kind: 'set', items: [] };
      }
    }
    this.#i -= word.length;
    return this.fail(word ? `\`${word}\` is not a literal` : `unexpected \`${ch}\``);
  }

  #nested(parse: () => PyValue): PyValue {
    if (++this.#depth > MAX_DEPTH) this.fail('nested too deeply');
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  #container(open: string): PyValue {
    const close = open === '[' ? ']' : open === '(' ? ')' : '}';
    this.#i += 1;
    const items: PyValue[] = [];
    const entries: Array<[PyValue, PyValue]> = [];
    let isDict = false;
    let trailingComma = false;
    for (;;) {
      this.skipSpace();
      if (this.src[this.#i] === close) {
        this.#i += 1;
        break;
      }
      const item = this.value();
      this.skipSpace();
      if (open === '{' && this.src[this.#i] === ':' && items.length === 0) {
        isDict = true;
        this.#i += 1;
        entries.push([item, this.value()]);
        this.skipSpace();
      } else if (isDict) {
        this.fail('a dict entry needs `key: value`');
      } else {
        items.push(item);
      }
      trailingComma = this.src[this.#i] === ',';
      if (trailingComma) this.#i += 1;
      else if (this.src[this.#i] !== close) this.fail(`\`,\` or \`${close}\` expected`);
    }
    if (open === '[') return { kind: 'list', items };
    if (open === '(') return items.length === 1 && !trailingComma ? (items[0] as PyValue) : { kind: 'tuple', items };
    if (isDict || items.length === 0) return { kind: 'dict', entries: dedupeEntries(entries, this) };
    return { kind: 'set', items: dedupeItems(items, this) };
  }

  #number(): PyValue {
    const rest = this.src.slice(this.#i);
    const radix = /^0[xX][0-9a-fA-F_]+|^0[oO][0-7_]+|^0[bB][01_]+/.exec(rest)?.[0];
    if (radix) {
      this.#i += radix.length;
      return { kind: 'int', value: BigInt(radix.replace(/_/g, '').toLowerCase()) };
    }
    const match = /^(?:\d[\d_]*)?(?:\.(?:\d[\d_]*)?)?(?:[eE][+-]?\d[\d_]*)?/.exec(rest)?.[0] ?? '';
    if (!/\d/.test(match)) this.fail('a number expected');
    if (/[jJ]/.test(rest[match.length] ?? '')) this.fail('complex numbers are not supported');
    this.#i += match.length;
    const clean = match.replace(/_/g, '');
    if (/[.eE]/.test(clean)) return { kind: 'float', value: Number(clean) };
    if (/^0\d/.test(clean) && /[1-9]/.test(clean)) this.fail('leading zeros are not allowed in Python ints');
    return { kind: 'int', value: BigInt(clean) };
  }

  /** One or more adjacent string (or bytes) literals, concatenated like Python does. */
  #strings(): PyValue {
    let text = '';
    let bytes: number[] | null = null;
    let kind: 'str' | 'bytes' | null = null;
    for (;;) {
      this.skipSpace();
      const prefix = /^[rRbBuU]{0,2}(?=['"])/.exec(this.src.slice(this.#i))?.[0];
      if (prefix === undefined || (kind !== null && !/['"]/.test(this.src[this.#i + prefix.length] ?? ''))) break;
      const lower = prefix.toLowerCase();
      const isBytes = lower.includes('b');
      if (kind !== null && (kind === 'bytes') !== isBytes) this.fail('cannot mix bytes and str literals');
      kind = isBytes ? 'bytes' : 'str';
      this.#i += prefix.length;
      const body = this.#quoted(lower.includes('r'), isBytes);
      if (isBytes) (bytes ??= []).push(...body.map((c) => c));
      else text += String.fromCodePoint(...body);
    }
    if (kind === 'bytes') return { kind: 'bytes', value: Buffer.from(bytes ?? []) };
    return { kind: 'str', value: text };
  }

  /** The code points (str) or byte values (bytes) of one quoted literal. */
  #quoted(raw: boolean, isBytes: boolean): number[] {
    const q = this.src[this.#i] as string;
    const triple = this.src.startsWith(q.repeat(3), this.#i);
    const end = triple ? q.repeat(3) : q;
    this.#i += end.length;
    const out: number[] = [];
    for (;;) {
      if (this.done()) this.fail('unterminated string');
      if (this.src.startsWith(end, this.#i)) {
        this.#i += end.length;
        return out;
      }
      const ch = this.src.codePointAt(this.#i) as number;
      const width = ch > 0xffff ? 2 : 1;
      if (ch === 0x0a && !triple) this.fail('line break inside a string');
      if (isBytes && ch > 0x7f) this.fail('bytes literals may only contain ASCII');
      if (ch !== 0x5c /* \ */) {
        out.push(ch);
        this.#i += width;
        continue;
      }
      if (raw) {
        // In a raw literal a backslash stays, and it keeps a following quote from ending it.
        out.push(ch, this.src.codePointAt(this.#i + 1) as number);
        this.#i += 2;
        continue;
      }
      out.push(...this.#escape(isBytes));
    }
  }

  #escape(isBytes: boolean): number[] {
    const next = this.src[this.#i + 1] ?? '';
    this.#i += 2;
    const simple: Record<string, number> = { '\\': 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (next in simple) return [simple[next] as number];
    if (next === '\n') return [];
    if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(this.src.slice(this.#i - 1))?.[0] as string;
      this.#i += digits.length - 1;
      return [isBytes ? parseInt(digits, 8) & 0xff : parseInt(digits, 8)];
    }
    const widths: Record<string, number> = isBytes ? { x: 2 } : { x: 2, u: 4, U: 8 };
    const width = widths[next];
    if (width !== undefined) {
      const digits = this.src.slice(this.#i, this.#i + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) this.fail(`\\${next} needs ${width} hex digits`);
      this.#i += width;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) this.fail('code point out of range');
      return [code];
    }
    // Python keeps unknown escapes as they are (with a warning).
    return [0x5c, ...(next ? [next.codePointAt(0) as number] : [])];
  }
}

function dedupeEntries(entries: Array<[PyValue, PyValue]>, parser: Parser): Array<[PyValue, PyValue]> {
  const index = new Map<string, number>();
  const out: Array<[PyValue, PyValue]> = [];
  for (const [key, value] of entries) {
    const k = hashKey(key);
    if (k === null) parser.fail('a dict key must be hashable');
    const at = index.get(k);
    // Python keeps the first key object and the last value.
    if (at !== undefined) (out[at] as [PyValue, PyValue])[1] = value;
    else index.set(k, out.push([key, value]) - 1);
  }
  return out;
}

function dedupeItems(items: PyValue[], parser: Parser): PyValue[] {
  const seen = new Set<string>();
  const out: PyValue[] = [];
  for (const item of items) {
    const k = hashKey(item);
    if (k === null) parser.fail('a set item must be hashable');
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}
