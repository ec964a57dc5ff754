/**
 * Requests to the student's bank server, one line each, and their replies as data: every
 * way a reply can go wrong (silence, a close, a missing line break) is an `end`.
 */
import { ConnectionLostError } from '../lib/errors.js';
import { readLine } from '../lib/framing.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import type { ServerCheckContext } from '../suite.js';
import type { BankProtocol } from './bank-params.js';
import { type BankReply, parseReply } from './bank-reply.js';
import { wireFaultsParam } from '../lib/wire-faults.js';

export type ExchangeEnd =
  | 'reply' // a line arrived (or the reply was cut by the server closing: that delimits it too)
  | 'silent' // nothing within replyMs
  | 'no-newline' // some bytes, then silence: the reply lacks its line break
  | 'closed' // closed without any reply
  | 'reset'
  | 'too-long'
  | 'lost' // our request could not be sent: the connection was gone
  | 'refused' // no connection at all
  | 'no-accept';

export interface Exchange {
  conn: string;
  /** The request without its line ending. */
  request: string;
  end: ExchangeEnd;
  /** What came back, raw (possibly partial). */
  raw: Buffer;
  /** Set when `end` is `reply`. */
  reply: BankReply | null;
  errorCode?: string;
}

const MAX_REPLY = 1024;

/** Sends one request line on an open connection and reads the reply line. */
export async function exchange(conn: TcpConnection, request: string, protocol: BankProtocol, signal: AbortSignal): Promise<Exchange> {
  const base = { conn: conn.label, request, raw: Buffer.alloc(0), reply: null };
  try {
    await conn.write(`${request}${protocol.lineEnding}`, { signal });
  } catch (error) {
    if (!(error instanceof ConnectionLostError)) throw error;
    return { ...base, end: 'lost', ...(error.errno ? { errorCode: error.errno } : {}) };
  }
  const read = await readLine(conn, { idleTimeoutMs: protocol.replyMs, maxBytes: MAX_REPLY, signal });
  const raw = read.data;
  const got = raw.toString('utf8').trim() !== '';
  switch (read.end) {
    case 'complete':
      return { ...base, raw, end: 'reply', reply: parseReply(raw.toString('utf8'), protocol.words, protocol.decimals) };
    case 'closed':
      return got ? { ...base, raw, end: 'reply', reply: parseReply(raw.toString('utf8'), protocol.words, protocol.decimals) } : { ...base, raw, end: 'closed' };
    case 'reset':
      return { ...base, raw, end: 'reset', ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    case 'max-bytes':
      return { ...base, raw, end: 'too-long' };
    default:
      return { ...base, raw, end: got ? 'no-newline' : 'silent' };
  }
}

export type Opened = { ok: true; conn: TcpConnection } | { ok: false; failure: Exchange };

/** Opens a recorded connection; a refusal becomes a failed exchange for `request`. */
export async function openBank(ctx: ServerCheckContext, label: string, request: string, protocol: BankProtocol): Promise<Opened> {
  const attempt = await tryConnectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: protocol.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  if (attempt.ok) return attempt;
  const end: ExchangeEnd = attempt.end === 'refused' ? 'refused' : 'no-accept';
  return { ok: false, failure: { conn: label, request, end, raw: Buffer.alloc(0), reply: null, ...(attempt.errorCode ? { errorCode: attempt.errorCode } : {}) } };
}

/** Counts connections, so every request on its own connection gets a fresh label. */
export class ConnectionLabels {
  #next = 1;

  next(): string {
    return `conn ${this.#next++}`;
  }
}

/** One request on a connection of its own: connect, send, read, close. */
export async function exchangeOnce(ctx: ServerCheckContext, labels: ConnectionLabels, request: string, protocol: BankProtocol): Promise<Exchange> {
  const opened = await openBank(ctx, labels.next(), request, protocol);
  if (!opened.ok) return opened.failure;
  try {
    return await exchange(opened.conn, request, protocol, ctx.signal);
  } finally {
    await opened.conn.close();
  }
}
