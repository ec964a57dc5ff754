/**
 * The bank protocol as a teacher configures it. The course leaves the protocol to the
 * class ("Überlegen Sie sich dafür ein geeignetes Protokoll"), so the words are params:
 * a teacher grades the protocol their class agreed on.
 */
import { numberParam, stringParam } from '../lib/params.js';

export interface BankWords {
  deposit: string;
  withdraw: string;
  balance: string;
  ok: string;
  error: string;
}

export const DEFAULT_WORDS: BankWords = { deposit: 'DEPOSIT', withdraw: 'WITHDRAW', balance: 'BALANCE', ok: 'OK', error: 'ERROR' };

export interface BankProtocol {
  /** @defaultValue {@link DEFAULT_WORDS} (param `words`, e.g. `{deposit: 'EINZAHLEN', …}`) */
  words: BankWords;
  /** Decimal places an amount may have: 0 whole units only, 2 for cents (param `decimals`). @defaultValue 0 */
  decimals: number;
  /** Ends every request we send (param `lineEnding`). @defaultValue '\n' */
  lineEnding: string;
  /** Silence after which we stop waiting for a reply. @defaultValue 2000 */
  replyMs: number;
  /** After a reply, how long we wait to see whether the server closes the connection. @defaultValue 150 */
  graceMs: number;
}

export function bankProtocol(params: Record<string, unknown>): BankProtocol {
  return {
    words: bankWords(params.words),
    decimals: Math.min(4, Math.floor(numberParam(params, 'decimals', 0))),
    lineEnding: stringParam(params, 'lineEnding', '\n'),
    replyMs: numberParam(params, 'replyMs', 2000),
    graceMs: numberParam(params, 'graceMs', 150),
  };
}

function bankWords(value: unknown): BankWords {
  if (!value || typeof value !== 'object') return DEFAULT_WORDS;
  const given = value as Record<string, unknown>;
  const pick = (key: keyof BankWords): string => {
    const word = given[key];
    return typeof word === 'string' && word.trim() !== '' && !/\s/.test(word.trim()) ? word.trim() : DEFAULT_WORDS[key];
  };
  return { deposit: pick('deposit'), withdraw: pick('withdraw'), balance: pick('balance'), ok: pick('ok'), error: pick('error') };
}
