/**
 * The pickle decoder against real pickles: Python writes every value in every protocol
 * (0–5), and the decoder must give back exactly the value — checked twice, against the
 * literal parsed in TypeScript and against Python's own `repr()`. Malicious, truncated
 * and garbage input must come back as problems, never as exceptions.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPython } from '../../testing/has-python.js';
import { decodePickle } from './pickle-decoder.js';
import { firstDifference } from './py-compare.js';
import { parsePyLiteral } from './py-literal.js';
import { pyRepr } from './py-repr.js';

const withPython = hasPython();

/** Runs Python with a fixed hash seed (set order) and returns its stdout as JSON. */
function python<T>(script: string): T {
  const out = execFileSync('python3', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONHASHSEED: '0' }, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as T;
}

const LITERALS = [
  'None',
  'True',
  'False',
  '0',
  '-1',
  '255',
  '256',
  '65535',
  '65536',
  '-2147483648',
  '2147483647',
  '2147483648',
  '12345678901234567890123',
  '-12345678901234567890123',
  '2**0 if False else 1',
  '3.25',
  '-0.0',
  '1e100',
  '1e-7',
  '0.1',
  "''",
  "'Hallo'",
  "'Grüße aus Köln: 5 € 😀'",
  "'a\\\\b\\n\\r\\t\\x00\\x1a\\u2028'",
  "'\\udcff'",
  "b''",
  "b'\\x00\\xff\\n\"\\''",
  'bytearray(b"\\x00\\x01")',
  '[]',
  '()',
  '{}',
  'set()',
  'frozenset()',
  "[1, 2, 3, 'vier', 5.0]",
  '(1,)',
  "(1, 2, 3, (4, 5), [6])",
  "{'name': 'Jörg', 'noten': [1, 2, 3], 'adresse': {'stadt': 'Köln', 'plz': '50667'}, 'aktiv': True, 'partner': None}",
  '{1, 2, 3}',
  "{'a', 'b', 'c'}",
  "frozenset({1, 'x', (2, 3)})",
  "{(1, 2): 'tupel', 3: frozenset({4}), 'b': b'\\x01'}",
  "[[[[[[[[[[]]]]]]]]]]",
  "list(range(300))",
  "['Eintrag %d' % i for i in range(3000)]",
  "'x' * 70000",
  "b'y' * 70000",
  "[{'k': i, 'v': [i, str(i)]} for i in range(50)]",
  "[2**64, -2**64, 2**1000]",
];

// Values that have no literal form (ranges, comprehensions, bytearray): Python's repr is the reference then.
const NO_LITERAL = /range|%|\*|bytearray|frozenset\(|if False/;

interface Case {
  source: string;
  protocol: number;
  hex: string;
  repr: string;
}

describe.skipIf(!withPython)('decodePickle on pickles written by Python', () => {
  const cases = withPython
    ? python<Case[]>(`
import json, pickle
sources = ${JSON.stringify(LITERALS)}
out = []
for source in sources:
    value = eval(source)
    for protocol in range(6):
        out.append({"source": source, "protocol": protocol, "hex": pickle.dumps(value, protocol=protocol).hex(), "repr": repr(value)})
print(json.dumps(out))
`)
    : [];

  const bySource = new Map<string, Case[]>();
  for (const c of cases) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);

  it.each([...bySource.keys()])('%s, in protocols 0 to 5', (source) => {
    for (const c of bySource.get(source) ?? []) {
      const result = decodePickle(Buffer.from(c.hex, 'hex'));
      if (!result.ok) throw new Error(`protocol ${c.protocol}: not decoded: ${JSON.stringify(result.problem)}`);
      expect(pyRepr(result.value, 1_000_000), `protocol ${c.protocol}`).toBe(c.repr);
      expect(result.consumed).toBe(c.hex.length / 2);
      expect(result.protocol).toBe(c.protocol >= 2 ? c.protocol : null);
      if (!NO_LITERAL.test(c.source)) expect(firstDifference(parsePyLiteral(c.source), result.value), `protocol ${c.protocol}`).toBeNull();
    }
  });

  it('refuses a __reduce__ that calls os.system, in every protocol, naming it', () => {
    const hexes = python<string[]>(`
import json, os, pickle
class Boese:
    def __reduce__(self):
        return (os.system, ("echo pwned",))
print(json.dumps([pickle.dumps(Boese(), protocol=p).hex() for p in range(6)]))
`);
    for (const [protocol, hex] of hexes.entries()) {
      const result = decodePickle(Buffer.from(hex, 'hex'));
      expect(result.ok, `protocol ${protocol}`).toBe(false);
      if (result.ok) continue;
      expect(result.problem).toMatchObject({ kind: 'runs-code', global: 'posix.system', opcode: protocol >= 4 ? 'STACK_GLOBAL' : 'GLOBAL' });
    }
  });

  it('refuses instances of classes, functions, complex numbers and other library types', () => {
    const found = python<Array<[string, string]>>(`
import json, pickle, datetime, collections, os
class Punkt:
    def __init__(self): self.x = 1
def f(): pass
values = {"Punkt": Punkt(), "f": f, "len": len, "complex": 1+2j, "date": datetime.date(2024, 1, 2), "od": collections.OrderedDict(a=1), "type": int}
print(json.dumps([[name, pickle.dumps(v, protocol=p).hex()] for name, v in values.items() for p in range(6)]))
`);
    for (const [name, hex] of found) {
      const result = decodePickle(Buffer.from(hex, 'hex'));
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.problem.kind, name).toBe('runs-code');
    }
  });

  it('never throws on any prefix of real pickles: truncated, or a clear problem', () => {
    const hexes = python<string[]>(`
import json, pickle
v = {"a": [1, 2.5, "drei", (4, 5), {6, 7}, b"\\x00", 10**30, None, True]}
print(json.dumps([pickle.dumps(v, protocol=p).hex() for p in range(6)]))
`);
    for (const hex of hexes) {
      const bytes = Buffer.from(hex, 'hex');
      for (let n = 0; n < bytes.length; n += 1) {
        const result = decodePickle(bytes.subarray(0, n));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['truncated', 'invalid']).toContain(result.problem.kind);
      }
    }
  });
});

describe('decodePickle without Python', () => {
  const decode = (hex: string) => decodePickle(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

  it('decodes a protocol 4 list written by Python 3.11', () => {
    // pickle.dumps([1, 2, 3, 'vier', 5.0])
    const result = decode('8004951b000000000000005d94284b014b024b038c047669657294474014000000000000652e');
    expect(result.ok && pyRepr(result.value)).toBe("[1, 2, 3, 'vier', 5.0]");
  });

  it('refuses the os.system pickle of protocol 0 by name', () => {
    const result = decodePickle(Buffer.from("cposix\nsystem\np0\n(Vecho pwned\np1\ntp2\nRp3\n.", 'latin1'));
    expect(result).toMatchObject({ ok: false, problem: { kind: 'runs-code', opcode: 'GLOBAL', global: 'posix.system', offset: 0 } });
  });

  it('refuses BUILD, NEWOBJ, INST, OBJ, PERSID and EXT opcodes even without a global', () => {
    for (const [hex, opcode] of [
      ['5d7d62', 'BUILD'],
      ['80022981', 'NEWOBJ'],
      ['286f', 'OBJ'],
      ['5034320a', 'PERSID'],
      ['4e51', 'BINPERSID'],
      ['8201', 'EXT1'],
      ['80048c01618c016292', 'NEWOBJ_EX'],
    ] as const) {
      const result = decode(hex);
      expect(result, opcode).toMatchObject({ ok: false, problem: { kind: 'runs-code', opcode } });
    }
    expect(decodePickle(Buffer.from('(i__main__\nPunkt\n(dp0\nb.', 'latin1'))).toMatchObject({ ok: false, problem: { kind: 'runs-code', opcode: 'INST', global: '__main__.Punkt' } });
  });

  it('calls text, JSON and random bytes not a pickle, and empty input truncated', () => {
    expect(decodePickle(Buffer.from("[1, 2, 3, 'vier', 5.0]"))).toMatchObject({ ok: false, problem: { kind: 'invalid', offset: 0 } });
    expect(decodePickle(Buffer.from('{"a": 1}'))).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
    expect(decodePickle(Buffer.alloc(0))).toMatchObject({ ok: false, problem: { kind: 'truncated', offset: 0 } });
    let seed = 7;
    for (let round = 0; round < 300; round += 1) {
      const bytes = Buffer.alloc(1 + (round % 40));
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      expect(() => decodePickle(bytes)).not.toThrow();
    }
  });

  it('rejects protocol 6 and more', () => {
    expect(decode('80064e2e')).toMatchObject({ ok: false, problem: { kind: 'invalid', reason: expect.stringContaining('protocol 6') } });
  });

  it('bounds size, depth, shared-value blow-ups, memo and huge ints', () => {
    expect(decodePickle(Buffer.alloc(2000, 0x4e), { maxBytes: 1000 })).toMatchObject({ ok: false, problem: { kind: 'limit', what: 'bytes' } });
    // 150 nested lists: ] ( ] ( ] … a a a, one list inside the next.
    const deep = Buffer.concat([Buffer.from('5d'.repeat(150), 'hex'), Buffer.from('61'.repeat(149), 'hex'), Buffer.from('2e', 'hex')]);
    expect(decodePickle(deep)).toMatchObject({ ok: false, problem: { kind: 'limit', what: 'depth' } });
    // Billion laughs: l0 = []; l(n+1) = [ln, ln]; 40 levels share one list each time.
    const laughs: number[] = [0x5d, 0x94];
    for (let level = 0; level < 40; level += 1) laughs.push(0x5d, 0x28, 0x68, level, 0x68, level, 0x65, 0x94);
    laughs.push(0x2e);
    expect(decodePickle(Buffer.from(laughs))).toMatchObject({ ok: false, problem: { kind: 'limit', what: 'nodes' } });
    // A frozenset of one shared tuple of 2^30 expanded nodes, added many times.
    const tuples: number[] = [0x29, 0x94];
    for (let level = 0; level < 30; level += 1) tuples.push(0x68, level, 0x68, level, 0x86, 0x94);
    tuples.push(0x28, ...Array.from({ length: 500 }, () => [0x68, 30]).flat(), 0x91, 0x2e);
    expect(decodePickle(Buffer.from(tuples))).toMatchObject({ ok: false, problem: { kind: 'limit', what: 'nodes' } });
    const hugeLong = Buffer.concat([Buffer.from('8b', 'hex'), Buffer.from([0, 0, 1, 0]), Buffer.alloc(65536, 1), Buffer.from('2e', 'hex')]);
    expect(decodePickle(hugeLong)).toMatchObject({ ok: false, problem: { kind: 'limit', what: 'int' } });
    expect(decode('8b0000008000')).toMatchObject({ ok: false });
  });

  it('handles a list that contains itself, like Python prints it', () => {
    // l = []; l.append(l) in protocol 2: ] q0 h0 a .
    const result = decode('80025d71006800612e');
    expect(result.ok && pyRepr(result.value)).toBe('[[...]]');
  });

  it('reports GET of a memo entry that was never stored, and unhashable dict keys', () => {
    expect(decode('680a2e')).toMatchObject({ ok: false, problem: { kind: 'invalid', reason: expect.stringContaining('memo entry 10') } });
    expect(decode('7d5d4e732e')).toMatchObject({ ok: false, problem: { kind: 'invalid', reason: expect.stringContaining('not hashable') } });
  });
});
