import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPython } from '../../testing/has-python.js';
import { parsePyLiteral, PyLiteralError } from './py-literal.js';
import { floatRepr, pyRepr } from './py-repr.js';

const withPython = hasPython();

const SOURCES = [
  'None',
  ' [1, 2 , 3,] ',
  '(1,)',
  '((1))',
  '()',
  '{}',
  'set()',
  '{1, 1.0, True, 2}',
  "{1: 'a', True: 'b', 1.0: 'c'}",
  '-5',
  '+5',
  '-2.5e-3',
  '0x_ff',
  '0o17',
  '0b101',
  '1_000_000',
  '12345678901234567890123456789',
  '.5',
  '5.',
  '1e16',
  '1e15',
  '123456789012345678.0',
  '0.0001',
  '0.00001',
  '1e-300',
  '1.7976931348623157e308',
  '5e-324',
  "'it''s'",
  '"it\'s"',
  "'say \"hi\"'",
  '\'both \\\' and "\'',
  "'tab\\there\\nnew\\\\ \\x7f \\u00e9 \\U0001F600 \\101 \\0'",
  "r'raw\\n\\''",
  "b'\\x00\\xffabc'",
  "rb'\\x00'",
  "'''triple\nline'''",
  "'Grüße' ' aus ' \"Köln\"",
  "b'a' b'b'",
  "'\\u200b\\u2028\\xa0\\xad\\u0378\\ud800'",
  "[(1, 'a'), {'x': [None, True, False]}, {frozenset and 0 or 3}]".replace('frozenset and 0 or 3', '3'),
];

describe.skipIf(!withPython)('parsePyLiteral and pyRepr agree with Python', () => {
  const expected = withPython
    ? (JSON.parse(
        execFileSync('python3', ['-c', `import ast, json, sys\nprint(json.dumps([repr(ast.literal_eval(s)) for s in json.load(sys.stdin)]))`], {
          input: JSON.stringify(SOURCES),
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONHASHSEED: '0' },
        }).toString('utf8'),
      ) as string[])
    : [];

  it.each(SOURCES.map((source, i) => [source, expected[i] as string]))('%s', (source, repr) => {
    const value = parsePyLiteral(source);
    // Sets print in hash order in Python; compare those as sorted item lists.
    if (value.kind === 'set') expect(pyRepr(value).slice(1, -1).split(', ').sort()).toEqual(repr.slice(1, -1).split(', ').sort());
    else expect(pyRepr(value)).toBe(repr);
  });
});

describe('parsePyLiteral errors', () => {
  it.each(['', '[1, 2', 'foo', '1 2', "'open", '{1: 2, 3}', '{[1]: 2}', '{[1]}', '1+2j', 'x = 1', '[' + '['.repeat(200) + ']'.repeat(201), "b'ü'", '012'])(
    'rejects %j',
    (source) => {
      expect(() => parsePyLiteral(source)).toThrow(PyLiteralError);
    },
  );
});

describe('floatRepr', () => {
  it.each([
    [1, '1.0'],
    [-1.5, '-1.5'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [9999999999999998, '9999999999999998.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.2345e-7, '1.2345e-07'],
    [1e100, '1e+100'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
    [-0, '-0.0'],
  ])('%s → %s', (x, text) => {
    expect(floatRepr(x)).toBe(text);
  });
});
