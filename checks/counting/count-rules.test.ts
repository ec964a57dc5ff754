import { describe, expect, it } from 'vitest';
import { characterCount, characterCountCause, digitSum, digitSumCause } from './count-rules.js';
import { explainNumberShape, readNumberReply } from './number-reply.js';

describe('characterCount', () => {
  it.each([
    ['Hallo Welt', 10],
    ['Grüße aus Köln', 14],
    ['5 € für 😀', 9],
    ['Hallo\n', 5],
    ['Hallo\r\n', 5],
    ['Hallo\n\n', 6],
    ['\n', 0],
    ['\r', 1],
    ['  zwei  Leerzeichen  ', 21],
    ['', 0],
    ['Zeile 1\nZeile 2', 15],
  ])('%j has %i characters', (text, n) => expect(characterCount(text)).toBe(n));
});

describe('characterCountCause', () => {
  it.each([
    ['Grüße aus Köln', 17n, 'you counted bytes'],
    ['Hallo\n', 6n, 'you counted the line break at the end'],
    ['Hallo\r\n', 7n, 'you counted the line break at the end'],
    ['  zwei  Leerzeichen  ', 17n, 'with `strip()`?'],
    ['Hallo Welt', 9n, 'you left out the spaces'],
    ['Hallo schöne Welt', 3n, 'you counted words'],
    ['5 € für 😀', 10n, 'UTF-16'],
  ])('%j → %s: %s', (text, got, cause) => expect(characterCountCause(text, got)).toContain(cause));

  it('has no cause for a number that fits nothing', () => {
    expect(characterCountCause('Hallo Welt', 42n)).toBeNull();
  });
});

describe('digitSum', () => {
  it.each([
    ['4711', 13],
    ['0', 0],
    ['0042', 6],
    ['-4711', 13],
    ['+305', 8],
    ['12345\n', 15],
    [' 7 ', 7],
    ['98765432109876543210987654321', 135],
    ['9'.repeat(1000), 9000],
  ])('%j → %i', (text, n) => expect(digitSum(text)).toBe(n));

  it.each(['zwölf', '', '3.14', '1e5', '12 34', '--5', '0x1f', '٣'])('%j is not a number', (text) => expect(digitSum(text)).toBeNull());
});

describe('digitSumCause', () => {
  it.each([
    ['4711', 4711n, 'you sent the number back unchanged'],
    ['-4711', -13n, 'the sign is not a digit'],
    ['-4711', 0n, 'never runs when `zahl` is negative'],
    ['4712', 5n, 'you kept adding until one digit was left (14 → 5)'],
    ['4712', 4n, 'you counted the digits'],
    ['98765432109876543210987654321', 118n, 'too long for a `float`'],
  ])('%j → %s: %s', (input, got, cause) => expect(digitSumCause(input, got)).toContain(cause));
});

describe('readNumberReply and explainNumberShape', () => {
  it('reads a bare number with whitespace around it', () => {
    expect(readNumberReply(Buffer.from(' 13\r\n'))).toEqual({ kind: 'number', value: 13n });
    expect(readNumberReply(Buffer.from('135000000000000000000000000'))).toEqual({ kind: 'number', value: 135000000000000000000000000n });
  });

  it('explains what else came', () => {
    const explain = (text: string | Buffer, expected = 13n) => explainNumberShape(readNumberReply(Buffer.isBuffer(text) ? text : Buffer.from(text)), expected);
    expect(explain('Die Quersumme ist 13')).toContain('contains the right number, 13, but also other text');
    expect(explain('13.0')).toContain('That is a decimal number');
    expect(explain('dreizehn')).toContain('not a plain number');
    expect(explain('  ')).toContain('no number at all');
    expect(explain(Buffer.from('ff31', 'hex'))).toContain('not valid UTF-8');
    expect(explain('13')).toBeNull();
  });
});
