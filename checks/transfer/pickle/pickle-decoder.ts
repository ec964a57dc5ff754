/**
 * A pickle decoder that never runs code: it reads pickle opcodes (protocols 0–5) and
 * builds plain {@link PyValue}s. Everything that would import or call something on
 * unpickling (GLOBAL, STACK_GLOBAL, REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX, PERSID,
 * BINPERSID, EXT1/2/4) is refused with what it names, e.g. `posix.system`.
 *
 * The one exception: protocols 0–3 have no opcodes for bytes and sets, so `pickle`
 * writes them as calls of `_codecs.encode`, `builtins.set`, `frozenset`, `bytes` and
 * `bytearray`. Those five are recognised by name and emulated here — the named function
 * is never looked up or called — and only with the argument shapes the pickler writes.
 *
 * Bounded: input size, nesting depth, values visited (a memo can share one list many
 * times over), size of ints. A student's bytes are data: problems come back as
 * {@link PickleProblem}, never as exceptions.
 * Opcode reference: CPython `Lib/pickletools.py`.
 */
import type { PickleProblem } from './pickle-problem.js';
import { hashKey, PyBudgetError, type PyValue } from './py-value.js';
import { escapeDecode, rawUnicodeEscape } from './pickle-text-codecs.js';
import { decodeUtf8SurrogatePass } from './utf8-surrogatepass.js';

export interface PickleLimits {
  /** @defaultValue 1 MiB */
  maxBytes: number;
  /** Nesting depth of containers. @defaultValue 100 */
  maxDepth: number;
  /** Values visited when the result is walked, shared values counted each time. @defaultValue 200000 */
  maxNodes: number;
  /** Bytes of one int (LONG1/LONG4/text). @defaultValue 1024 */
  maxIntBytes: number;
}

export const DEFAULT_PICKLE_LIMITS: Readonly<PickleLimits> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDepth: 100,
  maxNodes: 200_000,
  maxIntBytes: 1024,
});

export type PickleDecodeResult =
  | { ok: true; value: PyValue; protocol: number | null; /** Bytes up to and including STOP. */ consumed: number }
  | { ok: false; problem: PickleProblem; protocol: number | null };

export function decodePickle(data: Uint8Array, limits: Partial<PickleLimits> = {}): PickleDecodeResult {
  const all = { ...DEFAULT_PICKLE_LIMITS, ...limits };
  const machine = new Machine(Buffer.from(data.buffer, data.byteOffset, data.byteLength), all);
  try {
    if (data.length > all.maxBytes) throw new Stop({ kind: 'limit', what: 'bytes', limit: all.maxBytes, offset: 0 });
    const value = machine.run();
    walk(value, all, machine.offset);
    return { ok: true, value, protocol: machine.protocol, consumed: machine.offset };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, problem: error.problem, protocol: machine.protocol };
    if (error instanceof PyBudgetError) return { ok: false, problem: { kind: 'limit', what: 'nodes', limit: all.maxNodes, offset: machine.offset }, protocol: machine.protocol };
    throw error;
  }
}

/** Ends decoding with a problem; caught in {@link decodePickle}. */
class Stop extends Error {
  constructor(readonly problem: PickleProblem) {
    super(problem.kind);
  }
}

/** An allow-listed global on the stack: only ever consumed by REDUCE, never called. */
interface GlobalRef {
  kind: 'global';
  name: string;
}

type Item = PyValue | GlobalRef;

const SAFE_GLOBALS = new Set(['builtins.set', 'builtins.frozenset', 'builtins.bytes', 'builtins.bytearray', '_codecs.encode']);

/** Opcodes that build objects by calling code, by byte value. */
const RUNS_CODE: Record<number, string> = {
  0x52: 'REDUCE',
  0x62: 'BUILD',
  0x69: 'INST',
  0x6f: 'OBJ',
  0x81: 'NEWOBJ',
  0x92: 'NEWOBJ_EX',
  0x50: 'PERSID',
  0x51: 'BINPERSID',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
};

class Machine {
  offset = 0;
  protocol: number | null = null;
  #stack: Item[] = [];
  readonly #metastack: Item[][] = [];
  readonly #memo = new Map<number, Item>();
  /** Hash keys of each dict's and set's items, for Python's dedup semantics. */
  readonly #keys = new WeakMap<object, Map<string, number>>();
  /** One budget for all hashing: a set of many copies of one shared deep tuple must not hash it each time in full. */
  readonly #hashBudget: { nodes: number };

  constructor(
    readonly data: Buffer,
    readonly limits: PickleLimits,
  ) {
    this.#hashBudget = { nodes: limits.maxNodes * 5 };
  }

  run(): PyValue {
    for (;;) {
      const at = this.offset;
      if (at >= this.data.length) throw new Stop({ kind: 'truncated', offset: at });
      const op = this.data[at] as number;
      this.offset += 1;
      if (op === 0x2e /* . STOP */) {
        const top = this.#pop(at);
        if (top.kind === 'global') throw new Stop({ kind: 'unsupported', what: `the type \`${top.name}\` itself`, offset: at });
        return top;
      }
      this.#step(op, at);
    }
  }

  #step(op: number, at: number): void {
    switch (op) {
      case 0x80: {
        const proto = this.#u8();
        if (proto > 5) this.#invalid(`pickle protocol ${proto} is not supported (0 to 5 are)`, at);
        this.protocol = proto;
        return;
      }
      case 0x95: {
        const length = this.#u64();
        if (length > this.data.length - this.offset) throw new Stop({ kind: 'truncated', offset: this.data.length });
        return;
      }
      case 0x28 /* ( MARK */:
        if (this.#metastack.length >= this.limits.maxDepth * 2) throw new Stop({ kind: 'limit', what: 'depth', limit: this.limits.maxDepth, offset: at });
        this.#metastack.push(this.#stack);
        this.#stack = [];
        return;
      case 0x30 /* 0 POP */:
        if (this.#stack.length > 0) this.#stack.pop();
        else this.#popMark(at);
        return;
      case 0x31 /* 1 POP_MARK */:
        this.#popMark(at);
        return;
      case 0x32 /* 2 DUP */:
        return this.#push(this.#top(at));
      case 0x4e /* N NONE */:
        return this.#push({ kind: 'none' });
      case 0x88:
        return this.#push({ kind: 'bool', value: true });
      case 0x89:
        return this.#push({ kind: 'bool', value: false });
      case 0x49 /* I INT */: {
        const line = this.#line(at);
        if (line === '01') return this.#push({ kind: 'bool', value: true });
        if (line === '00') return this.#push({ kind: 'bool', value: false });
        return this.#push({ kind: 'int', value: this.#decimal(line, at) });
      }
      case 0x4a /* J BININT */:
        return this.#push({ kind: 'int', value: BigInt(this.#take(4).readInt32LE(0)) });
      case 0x4b /* K BININT1 */:
        return this.#push({ kind: 'int', value: BigInt(this.#u8()) });
      case 0x4d /* M BININT2 */:
        return this.#push({ kind: 'int', value: BigInt(this.#take(2).readUInt16LE(0)) });
      case 0x4c /* L LONG */:
        return this.#push({ kind: 'int', value: this.#decimal(this.#line(at).replace(/L$/, ''), at) });
      case 0x8a /* LONG1 */:
        return this.#push({ kind: 'int', value: this.#long(this.#u8(), at) });
      case 0x8b /* LONG4 */: {
        const n = this.#take(4).readInt32LE(0);
        if (n < 0) this.#invalid('LONG4 with a negative length', at);
        return this.#push({ kind: 'int', value: this.#long(n, at) });
      }
      case 0x46 /* F FLOAT */:
        return this.#push({ kind: 'float', value: this.#float(this.#line(at), at) });
      case 0x47 /* G BINFLOAT */:
        return this.#push({ kind: 'float', value: this.#take(8).readDoubleBE(0) });
      case 0x53 /* S STRING */:
        return this.#push({ kind: 'str', value: this.#ascii(this.#quotedPy2(this.#line(at), at), at) });
      case 0x54 /* T BINSTRING */:
        return this.#push({ kind: 'str', value: this.#ascii(this.#take(this.#i32len(at)), at) });
      case 0x55 /* U SHORT_BINSTRING */:
        return this.#push({ kind: 'str', value: this.#ascii(this.#take(this.#u8()), at) });
      case 0x56 /* V UNICODE */:
        return this.#push({ kind: 'str', value: rawUnicodeEscape(this.#lineBytes(at)) });
      case 0x58 /* X BINUNICODE */:
        return this.#push({ kind: 'str', value: this.#utf8(this.#take(this.#take(4).readUInt32LE(0)), at) });
      case 0x8c /* SHORT_BINUNICODE */:
        return this.#push({ kind: 'str', value: this.#utf8(this.#take(this.#u8()), at) });
      case 0x8d /* BINUNICODE8 */:
        return this.#push({ kind: 'str', value: this.#utf8(this.#take(this.#u64()), at) });
      case 0x42 /* B BINBYTES */:
        return this.#push({ kind: 'bytes', value: Buffer.from(this.#take(this.#take(4).readUInt32LE(0))) });
      case 0x43 /* C SHORT_BINBYTES */:
        return this.#push({ kind: 'bytes', value: Buffer.from(this.#take(this.#u8())) });
      case 0x8e /* BINBYTES8 */:
        return this.#push({ kind: 'bytes', value: Buffer.from(this.#take(this.#u64())) });
      case 0x96 /* BYTEARRAY8 */:
        return this.#push({ kind: 'bytearray', value: Buffer.from(this.#take(this.#u64())) });
      case 0x29 /* ) EMPTY_TUPLE */:
        return this.#push({ kind: 'tuple', items: [] });
      case 0x74 /* t TUPLE */:
        return this.#push({ kind: 'tuple', items: this.#values(this.#popMark(at), at) });
      case 0x85:
      case 0x86:
      case 0x87: {
        const n = op - 0x84;
        if (this.#stack.length < n) this.#invalid('the stack is too short for a tuple', at);
        return this.#push({ kind: 'tuple', items: this.#values(this.#stack.splice(-n), at) });
      }
      case 0x5d /* ] EMPTY_LIST */:
        return this.#push({ kind: 'list', items: [] });
      case 0x6c /* l LIST */:
        return this.#push({ kind: 'list', items: this.#values(this.#popMark(at), at) });
      case 0x61 /* a APPEND */: {
        const value = this.#value(this.#pop(at), at);
        this.#container(at, 'list').items.push(value);
        return;
      }
      case 0x65 /* e APPENDS */: {
        const values = this.#values(this.#popMark(at), at);
        this.#container(at, 'list').items.push(...values);
        return;
      }
      case 0x7d /* } EMPTY_DICT */:
        return this.#push({ kind: 'dict', entries: [] });
      case 0x64 /* d DICT */: {
        const dict: PyValue = { kind: 'dict', entries: [] };
        this.#setItems(dict, this.#values(this.#popMark(at), at), at);
        return this.#push(dict);
      }
      case 0x73 /* s SETITEM */: {
        const value = this.#value(this.#pop(at), at);
        const key = this.#value(this.#pop(at), at);
        this.#setItems(this.#container(at, 'dict'), [key, value], at);
        return;
      }
      case 0x75 /* u SETITEMS */: {
        const values = this.#values(this.#popMark(at), at);
        this.#setItems(this.#container(at, 'dict'), values, at);
        return;
      }
      case 0x8f /* EMPTY_SET */:
        return this.#push({ kind: 'set', items: [] });
      case 0x90 /* ADDITEMS */: {
        const values = this.#values(this.#popMark(at), at);
        this.#addItems(this.#container(at, 'set'), values, at);
        return;
      }
      case 0x91 /* FROZENSET */: {
        const set: PyValue = { kind: 'frozenset', items: [] };
        this.#addItems(set, this.#values(this.#popMark(at), at), at);
        return this.#push(set);
      }
      case 0x70 /* p PUT */:
        return this.#put(Number(this.#decimal(this.#line(at), at)), at);
      case 0x71 /* q BINPUT */:
        return this.#put(this.#u8(), at);
      case 0x72 /* r LONG_BINPUT */:
        return this.#put(this.#take(4).readUInt32LE(0), at);
      case 0x94 /* MEMOIZE */:
        return this.#put(this.#memo.size, at);
      case 0x67 /* g GET */:
        return this.#get(Number(this.#decimal(this.#line(at), at)), at);
      case 0x68 /* h BINGET */:
        return this.#get(this.#u8(), at);
      case 0x6a /* j LONG_BINGET */:
        return this.#get(this.#take(4).readUInt32LE(0), at);
      case 0x63 /* c GLOBAL */: {
        const module = this.#line(at);
        const name = this.#line(at);
        return this.#push(this.#global(module, name, 'GLOBAL', at));
      }
      case 0x93 /* STACK_GLOBAL */: {
        const name = this.#pop(at);
        const module = this.#pop(at);
        if (module.kind !== 'str' || name.kind !== 'str') this.#invalid('STACK_GLOBAL needs two strings', at);
        return this.#push(this.#global(module.value, name.value, 'STACK_GLOBAL', at));
      }
      case 0x52 /* R REDUCE */:
        return this.#push(this.#reduce(at));
      case 0x69 /* i INST */: {
        const module = this.#line(at);
        const name = this.#line(at);
        throw new Stop({ kind: 'runs-code', opcode: 'INST', offset: at, global: `${module}.${name}` });
      }
      case 0x97:
      case 0x98:
        throw new Stop({ kind: 'unsupported', what: 'an out-of-band buffer (pickle protocol 5 `PickleBuffer`)', offset: at });
      default: {
        const name = RUNS_CODE[op];
        if (name) throw new Stop({ kind: 'runs-code', opcode: name, offset: at });
        this.#invalid(`byte 0x${op.toString(16).padStart(2, '0')} is not a pickle opcode`, at);
      }
    }
  }

  #global(module: string, name: string, opcode: string, at: number): GlobalRef {
    const full = `${module === '__builtin__' ? 'builtins' : module}.${name}`;
    if (!SAFE_GLOBALS.has(full)) throw new Stop({ kind: 'runs-code', opcode, offset: at, global: `${module}.${name}` });
    return { kind: 'global', name: full };
  }

  /** Emulates the five allow-listed constructors for the argument shapes `pickle` writes. */
  #reduce(at: number): PyValue {
    const args = this.#pop(at);
    const callable = this.#pop(at);
    if (callable.kind !== 'global') this.#invalid('REDUCE without a callable', at);
    if (args.kind !== 'tuple') this.#invalid('REDUCE needs a tuple of arguments', at);
    const [first, second] = args.items;
    const unsupported = (): never => {
      throw new Stop({ kind: 'unsupported', what: `a call of \`${callable.name}\` with these arguments`, offset: at });
    };
    switch (callable.name) {
      case 'builtins.set':
      case 'builtins.frozenset': {
        const result: PyValue = callable.name === 'builtins.set' ? { kind: 'set', items: [] } : { kind: 'frozenset', items: [] };
        if (args.items.length === 0) return result;
        if (args.items.length !== 1 || !first || !('items' in first)) return unsupported();
        this.#addItems(result, first.items, at);
        return result;
      }
      case 'builtins.bytes':
      case 'builtins.bytearray': {
        const kind = callable.name === 'builtins.bytes' ? 'bytes' : 'bytearray';
        if (args.items.length === 0) return { kind, value: Buffer.alloc(0) };
        if (args.items.length === 1 && first && (first.kind === 'bytes' || first.kind === 'bytearray')) return { kind, value: Buffer.from(first.value) };
        if (kind === 'bytearray' && first?.kind === 'str' && second?.kind === 'str') return { kind, value: this.#encode(first.value, second.value, at) ?? unsupported() };
        return unsupported();
      }
      case '_codecs.encode':
        if (args.items.length === 2 && first?.kind === 'str' && second?.kind === 'str') return { kind: 'bytes', value: this.#encode(first.value, second.value, at) ?? unsupported() };
        return unsupported();
      default:
        return unsupported();
    }
  }

  #encode(text: string, encoding: string, at: number): Buffer | null {
    const name = encoding.toLowerCase().replace(/_/g, '-');
    if (name === 'utf-8' || name === 'utf8') return Buffer.from(text, 'utf8');
    if (!['latin1', 'latin-1', 'iso-8859-1', 'ascii'].includes(name)) return null;
    const limit = name === 'ascii' ? 0x7f : 0xff;
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > limit) this.#invalid(`text does not fit the ${encoding} encoding`, at);
    return Buffer.from(text, 'latin1');
  }

  #setItems(dict: PyValue, flat: PyValue[], at: number): void {
    if (dict.kind !== 'dict') return;
    if (flat.length % 2 !== 0) this.#invalid('a dict needs pairs of key and value', at);
    const index = this.#index(dict);
    for (let i = 0; i < flat.length; i += 2) {
      const key = flat[i] as PyValue;
      const value = flat[i + 1] as PyValue;
      const k = this.#hash(key, 'dict key', at);
      const existing = index.get(k);
      if (existing !== undefined) (dict.entries[existing] as [PyValue, PyValue])[1] = value;
      else index.set(k, dict.entries.push([key, value]) - 1);
    }
  }

  #addItems(set: PyValue, items: PyValue[], at: number): void {
    if (set.kind !== 'set' && set.kind !== 'frozenset') return;
    const index = this.#index(set);
    for (const item of items) {
      const k = this.#hash(item, 'set item', at);
      if (!index.has(k)) index.set(k, set.items.push(item) - 1);
    }
  }

  #index(container: object): Map<string, number> {
    let index = this.#keys.get(container);
    if (!index) {
      index = new Map();
      this.#keys.set(container, index);
    }
    return index;
  }

  #hash(value: PyValue, what: string, at: number): string {
    const key = hashKey(value, this.#hashBudget);
    if (key === null) this.#invalid(`a ${value.kind} cannot be a ${what} (it is not hashable)`, at);
    return key;
  }

  #container<K extends 'list' | 'dict' | 'set'>(at: number, kind: K): Extract<PyValue, { kind: K }> {
    const top = this.#top(at);
    if (top.kind !== kind) this.#invalid(`expected a ${kind} on the stack, found ${top.kind === 'global' ? 'a type' : `a ${top.kind}`}`, at);
    return top as Extract<PyValue, { kind: K }>;
  }

  #put(index: number, at: number): void {
    if (this.#memo.size >= this.limits.maxNodes && !this.#memo.has(index)) throw new Stop({ kind: 'limit', what: 'nodes', limit: this.limits.maxNodes, offset: at });
    this.#memo.set(index, this.#top(at));
  }

  #get(index: number, at: number): void {
    const item = this.#memo.get(index);
    if (item === undefined) this.#invalid(`memo entry ${index} was never stored`, at);
    this.#push(item);
  }

  #push(item: Item): void {
    this.#stack.push(item);
  }

  #top(at: number): Item {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) this.#invalid('the stack is empty', at);
    return top;
  }

  #pop(at: number): Item {
    const top = this.#stack.pop();
    if (top === undefined) this.#invalid('the stack is empty', at);
    return top;
  }

  #popMark(at: number): Item[] {
    const items = this.#stack;
    const previous = this.#metastack.pop();
    if (!previous) this.#invalid('there is no MARK to go back to', at);
    this.#stack = previous;
    return items;
  }

  #value(item: Item, at: number): PyValue {
    if (item.kind === 'global') throw new Stop({ kind: 'unsupported', what: `the type \`${item.name}\` itself`, offset: at });
    return item;
  }

  #values(items: Item[], at: number): PyValue[] {
    return items.map((item) => this.#value(item, at));
  }

  #take(n: number): Buffer {
    if (n > this.data.length - this.offset) throw new Stop({ kind: 'truncated', offset: this.data.length });
    const out = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  #u8(): number {
    return this.#take(1)[0] as number;
  }

  /** An 8-byte little-endian length; anything past the data is simply "truncated". */
  #u64(): number {
    const big = this.#take(8).readBigUInt64LE(0);
    return big > BigInt(this.data.length) ? this.data.length + 1 : Number(big);
  }

  #i32len(at: number): number {
    const n = this.#take(4).readInt32LE(0);
    if (n < 0) this.#invalid('negative length', at);
    return n;
  }

  #lineBytes(at: number): Buffer {
    const end = this.data.indexOf(0x0a, this.offset);
    if (end < 0) throw new Stop({ kind: 'truncated', offset: this.data.length });
    const line = this.data.subarray(this.offset, end);
    this.offset = end + 1;
    if (line.length > this.limits.maxIntBytes * 4 && this.data[at] !== 0x56) throw new Stop({ kind: 'limit', what: 'int', limit: this.limits.maxIntBytes, offset: at });
    return line;
  }

  #line(at: number): string {
    return this.#lineBytes(at).toString('latin1');
  }

  #decimal(text: string, at: number): bigint {
    if (!/^[+-]?\d+$/.test(text)) this.#invalid(`\`${text.slice(0, 40)}\` is not a number`, at);
    if (text.length > this.limits.maxIntBytes * 2.5) throw new Stop({ kind: 'limit', what: 'int', limit: this.limits.maxIntBytes, offset: at });
    return BigInt(text);
  }

  #float(text: string, at: number): number {
    const t = text.trim().toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(t)) return NaN;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) this.#invalid(`\`${text.slice(0, 40)}\` is not a float`, at);
    return Number(t);
  }

  /** Little-endian two's complement, as LONG1/LONG4 store ints. */
  #long(n: number, at: number): bigint {
    if (n > this.limits.maxIntBytes) throw new Stop({ kind: 'limit', what: 'int', limit: this.limits.maxIntBytes, offset: at });
    const bytes = this.#take(n);
    if (n === 0) return 0n;
    const value = BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`);
    return ((bytes[n - 1] as number) & 0x80) !== 0 ? value - (1n << BigInt(8 * n)) : value;
  }

  #utf8(bytes: Buffer, at: number): string {
    const text = decodeUtf8SurrogatePass(bytes);
    if (text === null) this.#invalid('a string that is not valid UTF-8', at);
    return text;
  }

  /** Python 3 reads protocol-0/1 byte strings as ASCII text (`encoding='ASCII'`). */
  #ascii(bytes: Buffer, at: number): string {
    for (const b of bytes) if (b > 0x7f) this.#invalid('a Python 2 string that is not ASCII', at);
    return bytes.toString('latin1');
  }

  /** STRING's argument: a Python 2 repr, quoted, with backslash escapes. */
  #quotedPy2(line: string, at: number): Buffer {
    const q = line[0];
    if (line.length < 2 || (q !== "'" && q !== '"') || line[line.length - 1] !== q) this.#invalid('STRING needs a quoted argument', at);
    return escapeDecode(line.slice(1, -1));
  }

  #invalid(reason: string, at: number): never {
    throw new Stop({ kind: 'invalid', reason, offset: at });
  }
}

/**
 * Checks the finished value: depth and the number of values a walk visits (shared values
 * counted each time, which bounds anything that later prints or compares the value).
 * A list that contains itself is walked once.
 */
function walk(root: PyValue, limits: PickleLimits, offset: number): void {
  let nodes = 0;
  const onPath = new Set<PyValue>();
  const visit = (value: PyValue, depth: number): void => {
    if ((nodes += 1) > limits.maxNodes) throw new Stop({ kind: 'limit', what: 'nodes', limit: limits.maxNodes, offset });
    if (depth > limits.maxDepth) throw new Stop({ kind: 'limit', what: 'depth', limit: limits.maxDepth, offset });
    const children = 'items' in value ? value.items : value.kind === 'dict' ? value.entries.flat() : null;
    if (!children || onPath.has(value)) return;
    onPath.add(value);
    for (const child of children) visit(child, depth + 1);
    onPath.delete(value);
  };
  visit(root, 0);
}
