/**
 * The bank protocol as a teacher configures it. The course leaves the protocol to the
 * class ("Überlegen Sie sich dafür ein geeignetes Protokoll"), so the words are params:
 * a teacher grades the protocol their class agreed on.
 */
import { paramDefaults, readParams, shaped } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';

export interface BankWords {
  deposit: string;
  withdraw: string;
  balance: string;
  ok: string;
  error: string;
}

export const DEFAULT_WORDS: BankWords = { deposit: 'DEPOSIT', withdraw: 'WITHDRAW', balance: 'BALANCE', ok: 'OK', error: 'ERROR' };

/** The protocol params, typed once with their defaults (issue #14); {@link bankProtocol} reads them. */
export const BANK_PROTOCOL = paramDefaults({
  /** The protocol words, e.g. `{deposit: 'EINZAHLEN', …}`; each one not given or not one word is {@link DEFAULT_WORDS}'. */
  words: shaped<Partial<BankWords>>(),
  /** Decimal places an amount may have: 0 whole units only, 2 for cents (at most 4). */
  decimals: 0,
  /** Ends every request we send. */
  lineEnding: '\n',
  /** Silence after which we stop waiting for a reply. */
  replyMs: 2000,
  /** After a reply, how long we wait to see whether the server closes the connection. */
  graceMs: 150,
});

/** Every bank server check. */
export const BANK_CHECK = paramDefaults({
  ...BANK_PROTOCOL,
  ...WIRE_FAULTS,
  ...EXIT_REPORT_PARAMS,
});

export const BANK_TWO_CLIENTS = paramDefaults({
  ...BANK_CHECK,
  /** Deposits each of the two clients makes, interleaved. */
  depositsPerClient: 50,
});

export interface BankProtocol {
  words: BankWords;
  decimals: number;
  lineEnding: string;
  replyMs: number;
  graceMs: number;
}

export function bankProtocol(params: Record<string, unknown>): BankProtocol {
  const given = readParams(BANK_PROTOCOL, params);
  return {
    words: bankWords(given.words),
    decimals: Math.min(4, Math.floor(given.decimals)),
    lineEnding: given.lineEnding,
    replyMs: given.replyMs,
    graceMs: given.graceMs,
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
