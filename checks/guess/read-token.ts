import type { TcpConnection } from '../lib/tcp-connection.js';
import { scanToken } from './token-scan.js';

export interface TokenReadOptions {
  /** Silence before the reply's first byte (and inside a word) after which we give up. */
  replyMs: number;
  /** How long we wait for a longer word or the digits of a number once a word is complete. */
  graceMs: number;
  /** See {@link ScanOptions.numberAfter}. */
  numberAfter?: number;
  signal: AbortSignal;
}

export type TokenRead =
  | { kind: 'token'; word: number; number: number | null; raw: Buffer }
  /** The reply starts with none of the words; `raw` is the reply as far as we read it. */
  | { kind: 'invalid'; raw: Buffer }
  | { kind: 'silent'; raw: Buffer }
  | { kind: 'closed'; raw: Buffer }
  | { kind: 'reset'; raw: Buffer; errorCode?: string };

/** A reply longer than this is not one of our words. */
const MAX_REPLY = 256;

/**
 * Reads one word from a server that sends bare words (optionally with whitespace around).
 * Byte by byte from the connection's buffer, so whatever follows the word stays unread
 * for the next reply.
 */
export async function readToken(conn: TcpConnection, words: readonly string[], options: TokenReadOptions): Promise<TokenRead> {
  let raw = Buffer.alloc(0);
  let patient = true;
  for (;;) {
    const read = await conn.read({ until: { bytes: 1 }, maxBytes: 1, idleTimeoutMs: patient ? options.replyMs : options.graceMs, signal: options.signal });
    raw = Buffer.concat([raw, read.data]);
    const final = read.end !== 'complete' || raw.length >= MAX_REPLY;
    const scan = scanToken(raw, words, { ...(options.numberAfter !== undefined ? { numberAfter: options.numberAfter } : {}), final });
    if (scan.kind === 'token') return { kind: 'token', word: scan.word, number: scan.number, raw };
    if (scan.kind === 'invalid') return { kind: 'invalid', raw: await readRest(conn, raw, options) };
    if (!final) {
      // Once a whole word is there we only wait briefly for more (a longer word, digits).
      patient = scanToken(raw, words, { ...(options.numberAfter !== undefined ? { numberAfter: options.numberAfter } : {}), final: true }).kind !== 'token';
      continue;
    }
    if (read.end === 'reset') return { kind: 'reset', raw, ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    if (read.end === 'closed') return { kind: 'closed', raw };
    return raw.some((byte) => byte > 0x20) ? { kind: 'invalid', raw } : { kind: 'silent', raw };
  }
}

/** The rest of a wrong reply, for the feedback: up to a line break, a pause or the cap. */
async function readRest(conn: TcpConnection, raw: Buffer, options: TokenReadOptions): Promise<Buffer> {
  if (raw.includes(0x0a) || raw.length >= MAX_REPLY) return raw;
  const rest = await conn.read({ until: { delimiter: '\n' }, maxBytes: MAX_REPLY - raw.length, idleTimeoutMs: options.graceMs, signal: options.signal });
  return Buffer.concat([raw, rest.data]);
}
