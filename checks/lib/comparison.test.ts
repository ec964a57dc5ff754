import { describe, expect, it } from 'vitest';
import { comparePayload, comparison, COMPARE_MAX_BYTES, parseComparison } from './comparison.js';

describe('comparison', () => {
  it('encodes both sides as escaped text when both are UTF-8', () => {
    expect(comparison('Hallo', Buffer.from('Hallo\r\n'), 'conn 1')).toEqual({
      expected: { text: 'Hallo', bytes: 5 },
      received: { text: 'Hallo\\r\\n', bytes: 7 },
      label: 'conn 1',
    });
  });

  it('encodes both sides as hex when either is not UTF-8', () => {
    expect(comparison(Buffer.from('48ff', 'hex'), Buffer.from('48efbfbd', 'hex'))).toEqual({
      expected: { text: null, hex: '48 ff', bytes: 2 },
      received: { text: null, hex: '48 ef bf bd', bytes: 4 },
    });
  });

  it('keeps markup as plain text: the view decides how it is shown', () => {
    expect(comparison('x', '<img src=x onerror=alert(1)>').received.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('cuts each side at the cap and says how much is shown', () => {
    const big = comparison('a'.repeat(5000), 'b'.repeat(5000));
    expect(big.expected).toEqual({ text: 'a'.repeat(COMPARE_MAX_BYTES), bytes: 5000, shownBytes: COMPARE_MAX_BYTES });
    expect(big.expected.text).toHaveLength(4096);
    // Not UTF-8 on one side: both in hex, 4096 pairs.
    const hex = comparison(Buffer.alloc(5000, 0x41), Buffer.alloc(5000, 0xff));
    expect(hex.received.hex).toHaveLength(4096 * 3 - 1);
    expect(hex.received.shownBytes).toBe(4096);
  });

  it('does not split a character at the cap', () => {
    // 'ä' is two bytes: a cut at 3 bytes would split the second one.
    expect(comparePayload(Buffer.from('ääää'), true, 3)).toEqual({ text: 'ä', bytes: 8, shownBytes: 2 });
  });
});

describe('parseComparison', () => {
  const valid = comparison('Hallo', 'hallo\n', 'Client A');

  it('accepts what comparison() writes, and strips unknown fields', () => {
    expect(parseComparison(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
    expect(parseComparison(comparison(Buffer.alloc(5000, 0xff), 'x'))).not.toBeNull();
    const extra = { ...valid, html: '<b>', expected: { ...valid.expected, onclick: 'x' } };
    expect(parseComparison(extra)).toEqual(valid);
  });

  it.each([
    ['not an object', 'compare'],
    ['an array', [valid.expected, valid.received]],
    ['a side missing', { expected: valid.expected }],
    ['text that is a number', { ...valid, received: { text: 5, bytes: 1 } }],
    ['negative bytes', { ...valid, received: { text: 'x', bytes: -1 } }],
    ['fractional bytes', { ...valid, received: { text: 'x', bytes: 1.5 } }],
    ['shownBytes above bytes', { ...valid, received: { text: 'x', bytes: 1, shownBytes: 2 } }],
    ['more shown than the cap', { ...valid, received: { text: 'x', bytes: 5000 } }],
    ['text longer than its bytes could escape to', { ...valid, received: { text: 'x'.repeat(9), bytes: 2 } }],
    ['text and hex at once', { ...valid, received: { text: 'x', hex: '78', bytes: 1 } }],
    ['hex that is not hex', { expected: { text: null, hex: 'zz', bytes: 1 }, received: { text: null, hex: '78', bytes: 1 } }],
    ['hex of the wrong length', { expected: { text: null, hex: '78 78', bytes: 1 }, received: { text: null, hex: '78', bytes: 1 } }],
    ['one side text, the other hex', { expected: { text: 'x', bytes: 1 }, received: { text: null, hex: '78', bytes: 1 } }],
    ['a label that is not a string', { ...valid, label: { html: '<b>' } }],
    ['a label too long', { ...valid, label: 'x'.repeat(201) }],
  ])('refuses %s', (_what, value) => {
    expect(parseComparison(value)).toBeNull();
  });
});
