/** Reading one reply line of the bank protocol: `OK <balance>` or `ERROR <reason>`. */
import type { BankWords } from './bank-params.js';
import { parseAmount } from './money.js';

export type BankReply =
  /** `balance` in smallest units; null when the line has no number we can read. */
  | { kind: 'ok'; balance: number | null; text: string }
  | { kind: 'error'; reason: string; text: string }
  | { kind: 'other'; text: string };

const NUMBER = /[+-]?\d+(?:[.,]\d+)?/g;

/**
 * The first word decides (case does not matter, a trailing `:` or `,` is ignored); for
 * `OK`, the balance is the last number in the line, so `OK 25 eingezahlt, Kontostand 125`
 * reads as 125.
 */
export function parseReply(line: string, words: Pick<BankWords, 'ok' | 'error'>, decimals: number): BankReply {
  const text = line.replace(/\r?\n$/, '').trim();
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.replace(/[:,;!.]+$/, '').toLowerCase();
  const after = rest.join(' ');
  if (word === words.error.toLowerCase()) return { kind: 'error', reason: after, text };
  if (word !== words.ok.toLowerCase()) return { kind: 'other', text };
  const numbers = after.match(NUMBER) ?? [];
  const last = numbers[numbers.length - 1];
  return { kind: 'ok', balance: last === undefined ? null : parseAmount(last, decimals), text };
}
