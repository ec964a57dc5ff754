import { describe, expect, it } from 'vitest';
import { scanToken } from './token-scan.js';

const COURSE = ['-', '+', '='];
const scan = (text: string, words = COURSE, options = {}) => scanToken(Buffer.from(text, 'utf8'), words, options);

describe('scanToken', () => {
  it.each([
    ['-', 0, 1],
    ['+', 1, 1],
    ['=', 2, 1],
    ['+\n', 1, 1],
    ['\r\n-', 0, 3],
    ['  =\n', 2, 3],
    ['+-', 1, 1],
  ])('finds the word in %j', (text, word, consumed) => {
    expect(scan(text)).toEqual({ kind: 'token', word, consumed, number: null });
  });

  it('waits while there is only whitespace or nothing', () => {
    expect(scan('')).toEqual({ kind: 'need-more' });
    expect(scan('\n \r\n')).toEqual({ kind: 'need-more' });
  });

  it('rejects other text and says where it starts', () => {
    expect(scan('zu klein')).toEqual({ kind: 'invalid', start: 0 });
    expect(scan('\n50')).toEqual({ kind: 'invalid', start: 1 });
  });

  it('waits for a word that arrives in pieces, and decides when no more comes', () => {
    const words = ['kleiner', 'größer', 'richtig'];
    expect(scan('kl', words)).toEqual({ kind: 'need-more' });
    expect(scan('grö'.slice(0, 2), words)).toEqual({ kind: 'need-more' });
    expect(scan('kleiner', words)).toEqual({ kind: 'token', word: 0, consumed: 7, number: null });
    expect(scan('größer\n', words)).toEqual({ kind: 'token', word: 1, consumed: Buffer.byteLength('größer'), number: null });
    expect(scan('kl', words, { final: true })).toEqual({ kind: 'invalid', start: 0 });
  });

  it('prefers the longer word when one is a prefix of another', () => {
    const words = ['OK', 'OKAY', 'NO'];
    expect(scan('OK', words)).toEqual({ kind: 'need-more' });
    expect(scan('OK', words, { final: true })).toEqual({ kind: 'token', word: 0, consumed: 2, number: null });
    expect(scan('OKAY', words)).toEqual({ kind: 'token', word: 1, consumed: 4, number: null });
    expect(scan('OK\n', words)).toEqual({ kind: 'token', word: 0, consumed: 2, number: null });
  });

  it('is case-sensitive, like the protocol words', () => {
    expect(scan('Richtig', ['kleiner', 'größer', 'richtig'])).toEqual({ kind: 'invalid', start: 0 });
  });

  describe('with a number after `=` (the guess count)', () => {
    const options = { numberAfter: 2 };
    it.each([
      ['= 7\n', 7, 3],
      ['=7\n', 7, 2],
      ['=: 12 ', 12, 5],
      ['-', null, 1],
    ])('reads %j', (text, number, consumed) => {
      const result = scan(text, COURSE, options);
      expect(result).toMatchObject({ kind: 'token', number, consumed });
    });

    it('waits for digits that may still come, and settles when none do', () => {
      expect(scan('=', COURSE, options)).toEqual({ kind: 'need-more' });
      expect(scan('= 1', COURSE, options)).toEqual({ kind: 'need-more' });
      expect(scan('= 1', COURSE, { ...options, final: true })).toEqual({ kind: 'token', word: 2, consumed: 3, number: 1 });
      expect(scan('=', COURSE, { ...options, final: true })).toEqual({ kind: 'token', word: 2, consumed: 1, number: null });
      expect(scan('=\n', COURSE, options)).toEqual({ kind: 'token', word: 2, consumed: 1, number: null });
    });
  });
});
