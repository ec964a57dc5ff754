import { describe, expect, it } from 'vitest';
import { nonEmpty, oneOf, optional, paramDefaults, paramValues, readParams, shaped, signed } from './param-schema.js';

const SCHEMA = paramDefaults({
  replyMs: 2000,
  text: 'Hallo',
  strict: false,
  name: nonEmpty('ascii'),
  framing: oneOf(['close', 'length-prefix'], 'close'),
  hex: optional('string'),
  repeat: optional('nonEmpty'),
  bytes: optional('number'),
  words: shaped<{ ok?: string }>(),
});

describe('readParams', () => {
  it('gives every default when no param is given', () => {
    expect(readParams(SCHEMA, {})).toEqual({
      replyMs: 2000,
      text: 'Hallo',
      strict: false,
      name: 'ascii',
      framing: 'close',
      hex: undefined,
      repeat: undefined,
      bytes: undefined,
      words: undefined,
    });
  });

  it('takes each value that fits its kind', () => {
    const words = { ok: 'JA' };
    const given = { replyMs: 0, text: '', strict: true, name: 'utf8', framing: 'length-prefix', hex: '', repeat: 'ab', bytes: 0.5, words };
    expect(readParams(SCHEMA, given)).toEqual(given);
    expect(readParams(SCHEMA, given).words).toBe(words);
  });

  it('falls back to the default for a value of the wrong kind', () => {
    const wrong = { replyMs: '2000', text: 5, strict: 'yes', name: 7, framing: 'udp', hex: 0xff, repeat: ['a'], bytes: '10' };
    expect(readParams(SCHEMA, wrong)).toEqual(readParams(SCHEMA, {}));
  });

  it('takes only finite numbers ≥ 0', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(readParams(SCHEMA, { replyMs: bad, bytes: bad })).toMatchObject({ replyMs: 2000, bytes: undefined });
    }
  });

  it("counts '' as a string, but not as a `nonEmpty` one", () => {
    expect(readParams(SCHEMA, { text: '', name: '', hex: '', repeat: '' })).toMatchObject({ text: '', name: 'ascii', hex: '', repeat: undefined });
  });

  it('ignores params the schema does not name', () => {
    const read = readParams(SCHEMA, { replyMs: 5, unknownKey: 1, writeMode: 'bytewise' });
    expect(Object.keys(read).sort()).toEqual(Object.keys(SCHEMA).sort());
    expect(read.replyMs).toBe(5);
  });

  it('lets one schema extend another by spreading', () => {
    const wider = paramDefaults({ ...SCHEMA, count: 3 });
    expect(readParams(wider, { count: 4, replyMs: 1 })).toMatchObject({ count: 4, replyMs: 1, name: 'ascii' });
  });

  it('freezes the declared defaults', () => {
    expect(Object.isFrozen(SCHEMA)).toBe(true);
  });

  it('takes any finite number for a `signed` param, negatives included', () => {
    const range = paramDefaults({ min: signed(1), count: 3 });
    expect(readParams(range, { min: -5, count: -5 })).toEqual({ min: -5, count: 3 });
    expect(readParams(range, { min: Number.NaN })).toEqual({ min: 1, count: 3 });
    expect(readParams(range, { min: '0' })).toEqual({ min: 1, count: 3 });
  });
});

describe('paramValues', () => {
  it('gives the constant defaults of the keys asked for, in their order', () => {
    const values = paramValues(SCHEMA, 'framing', 'replyMs', 'name', 'strict');
    expect(values).toEqual({ framing: 'close', replyMs: 2000, name: 'ascii', strict: false });
    expect(Object.keys(values)).toEqual(['framing', 'replyMs', 'name', 'strict']);
  });

  it('reads back as the defaults', () => {
    expect(readParams(SCHEMA, paramValues(SCHEMA, 'replyMs', 'text', 'strict', 'name', 'framing'))).toEqual(readParams(SCHEMA, {}));
  });
});
