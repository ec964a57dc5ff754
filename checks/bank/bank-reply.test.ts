import { describe, expect, it } from 'vitest';
import { DEFAULT_WORDS } from './bank-params.js';
import { parseReply } from './bank-reply.js';

describe('parseReply', () => {
  it.each([
    ['OK 125\n', 125],
    ['OK 125\r\n', 125],
    ['ok 125', 125],
    ['OK: 125', 125],
    ['OK 125 EUR', 125],
    ['OK 25 eingezahlt, Kontostand 125', 125],
    ['OK Kontostand: 125.', 125],
    ['OK 125.0', 125],
    ['OK -3', -3],
  ] as const)('reads %j as balance %i', (line, balance) => {
    expect(parseReply(line, DEFAULT_WORDS, 0)).toMatchObject({ kind: 'ok', balance });
  });

  it('has no balance when there is no readable number', () => {
    expect(parseReply('OK', DEFAULT_WORDS, 0)).toEqual({ kind: 'ok', balance: null, text: 'OK' });
    expect(parseReply('OK 12.5', DEFAULT_WORDS, 0)).toMatchObject({ kind: 'ok', balance: null });
  });

  it('reads cents with decimals', () => {
    expect(parseReply('OK 12.50', DEFAULT_WORDS, 2)).toMatchObject({ kind: 'ok', balance: 1250 });
  });

  it('reads errors with and without a reason', () => {
    expect(parseReply('ERROR not enough money\n', DEFAULT_WORDS, 0)).toEqual({ kind: 'error', reason: 'not enough money', text: 'ERROR not enough money' });
    expect(parseReply('error', DEFAULT_WORDS, 0)).toEqual({ kind: 'error', reason: '', text: 'error' });
  });

  it('knows the words the class agreed on', () => {
    const words = { ok: 'OK', error: 'FEHLER' };
    expect(parseReply('FEHLER Deckung reicht nicht', words, 0)).toMatchObject({ kind: 'error' });
    expect(parseReply('ERROR x', words, 0)).toMatchObject({ kind: 'other' });
  });

  it('calls anything else other', () => {
    expect(parseReply('125', DEFAULT_WORDS, 0)).toEqual({ kind: 'other', text: '125' });
    expect(parseReply('Kontostand: 125', DEFAULT_WORDS, 0)).toMatchObject({ kind: 'other' });
    expect(parseReply('OKAY 5', DEFAULT_WORDS, 0)).toMatchObject({ kind: 'other' });
  });
});
