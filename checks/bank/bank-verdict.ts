/**
 * Judging one request's reply against what a correct bank server answers, in words a
 * 16-year-old understands: what we sent, what we expected, what came back, why.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import type { Exchange } from './bank-exchange.js';
import type { BankProtocol } from './bank-params.js';
import { formatAmount } from './money.js';

export type Expectation =
  /** `OK` with this balance (smallest units), or with any readable balance when null. */
  | { kind: 'ok'; balance: number | null }
  /** `ERROR …`; `why` says why in feedback ("the balance is only 125"). */
  | { kind: 'error'; why: string };

export const ok = (balance: number | null): Expectation => ({ kind: 'ok', balance });
export const refused = (why: string): Expectation => ({ kind: 'error', why });

/** What a correct server sends, for feedback: `OK 125`, `OK <balance>`, `ERROR <reason>`. */
export function expectedText(expectation: Expectation, protocol: BankProtocol): string {
  if (expectation.kind === 'error') return `\`${protocol.words.error} <reason>\``;
  return `\`${protocol.words.ok} ${expectation.balance === null ? '<balance>' : formatAmount(expectation.balance, protocol.decimals)}\``;
}

/** Null when the reply is what a correct server sends, else the problem in one paragraph. */
export function judgeExchange(x: Exchange, expectation: Expectation, protocol: BankProtocol): string | null {
  const we = `We sent \`${x.request}\``;
  const expected = expectedText(expectation, protocol);
  if (x.end !== 'reply' || !x.reply) return brokenReply(x, protocol);
  const got = `got ${quoteBytes(Buffer.from(x.reply.text, 'utf8'), 80)}`;
  const { words } = protocol;
  if (x.reply.kind === 'other') {
    return `${we}, expected ${expected}, ${got}. Every reply starts with \`${words.ok}\` or \`${words.error}\` (and a greeting when a client connects is not part of the protocol).`;
  }
  if (expectation.kind === 'error') {
    if (x.reply.kind === 'error') return null;
    return `${we} (${expectation.why}), expected ${expected}, but ${got}: your server carried out a request it must refuse.`;
  }
  if (x.reply.kind === 'error') return `${we}, expected ${expected}, but ${got}: your server refused a valid request.`;
  if (x.reply.balance === null) {
    return `${we}, expected ${expected}, ${got}, without a balance we can read. Reply \`${words.ok}\` followed by the new balance, e.g. ${expectedText(ok(expectation.balance ?? 0), protocol)}.`;
  }
  if (expectation.balance !== null && x.reply.balance !== expectation.balance) return `${we}, expected ${expected}, ${got}.`;
  return null;
}

function brokenReply(x: Exchange, protocol: BankProtocol): string {
  const we = `We sent \`${x.request}\``;
  const wait = formatDuration(protocol.replyMs);
  switch (x.end) {
    case 'silent':
      return `${we} and waited ${wait}, but no reply came. Each request is one line ending with \`\\n\`: reply as soon as the line is complete (do not wait for the connection to close).`;
    case 'no-newline':
      return `${we} and got ${quoteBytes(x.raw, 80)}, but no line break after it: we waited ${wait} for the end of the line. End every reply with \`\\n\`.`;
    case 'closed':
      return `${we}, but your server closed the connection without replying.`;
    case 'reset':
      return `${we}, but your server broke off the connection (${x.errorCode ?? 'reset'})${x.raw.length > 0 ? ` after ${quoteBytes(x.raw, 60)}` : ''}.`;
    case 'lost':
      return `We could not send \`${x.request}\`: your server had already closed the connection (${x.errorCode ?? 'connection lost'}).`;
    case 'refused':
      return `We could not connect to send \`${x.request}\`: nobody accepted the connection (${x.errorCode ?? 'refused'}). Is your server still running?`;
    case 'no-accept':
      return `We could not connect within ${wait} to send \`${x.request}\`: your server did not accept the connection. Is it still busy with another client?`;
    case 'too-long':
      return `${we} and got more than 1024 bytes without a line break. A reply is one short line.`;
    default:
      return `${we}, but the reply went wrong (${x.end}).`;
  }
}

/** The reply as shown in a listing. */
export function replyText(x: Exchange, protocol: BankProtocol): string {
  if (x.end === 'reply' && x.reply) return `\`${x.reply.text}\``;
  const partial = x.raw.length > 0 ? ` after ${quoteBytes(x.raw, 40)}` : '';
  switch (x.end) {
    case 'silent':
      return `no reply within ${formatDuration(protocol.replyMs)}`;
    case 'no-newline':
      return `${quoteBytes(x.raw, 40)} without a line break`;
    case 'refused':
    case 'no-accept':
      return 'could not connect';
    case 'lost':
      return 'could not send: connection gone';
    default:
      return `connection ${x.end}${partial}`;
  }
}
