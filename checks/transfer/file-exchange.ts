/**
 * The reference client's side of the file service: uploading (`PUT name`) and
 * downloading (`GET name`) against the student's server, with both framings. Every
 * phase has its own timeout; what happened comes back as an observation, never as an
 * exception, so the checks can explain it.
 */
import { linkSignals } from '../lib/any-signal.js';
import { connectTcp } from '../lib/connect-tcp.js';
import { createDeadline, formatDuration } from '../lib/deadline.js';
import { ConnectFailedError, ConnectionLostError, PhaseTimeoutError } from '../lib/errors.js';
import { encodeLengthPrefix, readLengthPrefixed, readLine } from '../lib/framing.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { ServerCheckContext } from '../suite.js';
import { readParams } from '../lib/param-schema.js';
import { FILE_SERVER, type FileWords, type Framing, fileWords } from './params.js';
import { wireFaultsParam } from '../lib/wire-faults.js';

export interface FileTiming {
  /** Silence after which we stop waiting for a reply. */
  replyMs: number;
  /** Extra reply time per KiB uploaded: a slow server may still be storing when we finish. */
  msPerKiB: number;
  framing: Framing;
  words: FileWords;
}

export function fileTiming(params: Record<string, unknown>): FileTiming {
  const { replyMs, msPerKiB, framing } = readParams(FILE_SERVER, params);
  return { replyMs, msPerKiB, framing, words: fileWords(params) };
}

/** How a request ended before or instead of a complete reply. */
export type ExchangeEnd = 'refused' | 'timeout' | 'closed' | 'reset' | 'lost';

export interface UploadObservation {
  request: Buffer;
  /** Content bytes that went out before the connection failed (all of them when it did not). */
  sentBytes: number;
  /** The reply line, with its `\n` when one came; null when nothing came. */
  reply: Buffer | null;
  /** Set when no complete reply line came. */
  end?: ExchangeEnd;
  /** Our upload stalled: the server stopped reading. */
  stalledAfter?: number;
  errorCode?: string;
}

export interface DownloadObservation {
  request: Buffer;
  /** The first line of the reply, with its `\n`; null when nothing came. */
  status: Buffer | null;
  /** The bytes after the status line (after the length prefix with `length-prefix`). */
  content: Buffer;
  /** `length-prefix`: the length the server announced. */
  announced: number | null;
  /** `complete`: the file ended as the framing says; else why not. */
  end: 'complete' | 'no-close' | 'too-long' | 'no-status' | ExchangeEnd;
  errorCode?: string;
}

// The first write carries the request line and the first 64 KiB of the file together: a
// server must cope with both arriving in one recv() (TCP keeps no message boundaries).
const FIRST_PIECE = 64 * 1024;
const PIECE = 256 * 1024;

/** Uploads `content` as `name`, then reads the reply line. */
export async function upload(ctx: ServerCheckContext, label: string, name: string, content: Buffer, timing: FileTiming): Promise<UploadObservation> {
  const request = Buffer.from(`${timing.words.put} ${name}\n`, 'utf8');
  const head = timing.framing === 'length-prefix' ? Buffer.concat([request, encodeLengthPrefix(content.length, 8)]) : request;
  let conn: TcpConnection;
  try {
    conn = await connectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: timing.replyMs, allowHalfOpen: true, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  } catch (error) {
    return { request, sentBytes: 0, reply: null, ...connectFailure(error) };
  }
  try {
    let sent = 0;
    try {
      for (let offset = 0; offset === 0 || offset < content.length; ) {
        const size = offset === 0 ? FIRST_PIECE : PIECE;
        const piece = content.subarray(offset, offset + size);
        await writeWithin(conn, offset === 0 ? Buffer.concat([head, piece]) : piece, timing.replyMs, ctx.signal, sent);
        offset += size;
        sent = Math.min(offset, content.length);
      }
    } catch (error) {
      if (error instanceof StalledError) return { request, sentBytes: sent, reply: null, end: 'timeout', stalledAfter: error.sentBytes };
      if (!(error instanceof ConnectionLostError)) throw error;
      // The server closed while we were still sending: read what it answered before that.
      const late = await readLine(conn, { maxBytes: 1024, idleTimeoutMs: 50, signal: ctx.signal });
      return { request, sentBytes: sent, reply: late.data.length > 0 ? late.data : null, end: 'lost', ...(error.errno ? { errorCode: error.errno } : {}) };
    }
    if (timing.framing === 'close') conn.shutdownWrite();
    const replyMs = timing.replyMs + Math.ceil((content.length / 1024) * timing.msPerKiB);
    const reply = await readLine(conn, { maxBytes: 1024, idleTimeoutMs: replyMs, signal: ctx.signal });
    if (reply.end === 'complete') return { request, sentBytes: content.length, reply: reply.data };
    return { request, sentBytes: content.length, reply: reply.data.length > 0 ? reply.data : null, end: readEnd(reply.end), ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) };
  } finally {
    await conn.close();
  }
}

/**
 * Downloads `name`. `expectedBytes` bounds what we accept (the file's size when we know
 * it); more than that plus a margin ends the read.
 */
export async function download(ctx: ServerCheckContext, label: string, name: string, expectedBytes: number, timing: FileTiming): Promise<DownloadObservation> {
  const request = Buffer.from(`${timing.words.get} ${name}\n`, 'utf8');
  const base = { request, status: null, content: Buffer.alloc(0), announced: null };
  let conn: TcpConnection;
  try {
    conn = await connectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: timing.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  } catch (error) {
    return { ...base, ...connectFailure(error) };
  }
  try {
    try {
      await conn.write(request, { signal: ctx.signal });
    } catch (error) {
      if (error instanceof ConnectionLostError) return { ...base, end: 'lost', ...(error.errno ? { errorCode: error.errno } : {}) };
      throw error;
    }
    const maxBytes = expectedBytes + 64 * 1024;
    const status = await readLine(conn, { maxBytes: 1024, idleTimeoutMs: timing.replyMs, signal: ctx.signal });
    if (status.end !== 'complete') {
      // No line: maybe the file came without one. Keep what came for the explanation.
      const rest = status.end === 'max-bytes' ? await conn.read({ until: 'close', maxBytes, idleTimeoutMs: timing.replyMs, signal: ctx.signal }) : null;
      const data = Buffer.concat([status.data, rest?.data ?? Buffer.alloc(0)]);
      if (data.length === 0) return { ...base, end: readEnd(status.end), ...(status.errorCode ? { errorCode: status.errorCode } : {}) };
      return { ...base, content: data, end: 'no-status' };
    }
    const line = { ...base, status: status.data };
    if (startsWithWord(status.data, timing.words.error)) return { ...line, end: 'complete' };
    if (!startsWithWord(status.data, timing.words.ok)) {
      // Not a status line: probably the file itself. Keep all of it for the explanation.
      const rest = await conn.read({ until: 'close', maxBytes, idleTimeoutMs: timing.replyMs, signal: ctx.signal });
      return { ...base, content: Buffer.concat([status.data, rest.data]), end: 'no-status' };
    }
    if (timing.framing === 'length-prefix') {
      const frame = await readLengthPrefixed(conn, { prefixBytes: 8, maxBytes, idleTimeoutMs: timing.replyMs, signal: ctx.signal });
      const content = frame.payload.length > 0 ? frame.payload : frame.prefix;
      if (frame.end === 'complete') return { ...line, content: frame.payload, announced: frame.length, end: 'complete' };
      if (frame.end === 'too-long') return { ...line, content, announced: frame.length, end: 'too-long' };
      return { ...line, content, announced: frame.length, end: readEnd(frame.end) };
    }
    const body = await conn.read({ until: 'close', maxBytes, idleTimeoutMs: timing.replyMs, signal: ctx.signal });
    if (body.end === 'closed') return { ...line, content: body.data, end: 'complete' };
    if (body.end === 'max-bytes') return { ...line, content: body.data, end: 'too-long' };
    if (body.end === 'idle-timeout' && body.data.length > 0) return { ...line, content: body.data, end: 'no-close' };
    if (body.end === 'idle-timeout' && expectedBytes === 0) return { ...line, content: body.data, end: 'no-close' };
    return { ...line, content: body.data, end: readEnd(body.end), ...(body.errorCode ? { errorCode: body.errorCode } : {}) };
  } finally {
    await conn.close();
  }
}

/** True when `line` starts with `word` followed by a space, `\r`, `\n` or its end. */
export function startsWithWord(line: Buffer | null, word: string): boolean {
  if (!line) return false;
  const text = line.toString('latin1');
  return text.startsWith(word) && /^(\s|$)/.test(text.slice(word.length));
}

class StalledError extends Error {
  constructor(readonly sentBytes: number) {
    super(`upload stalled after ${sentBytes} bytes`);
  }
}

/** One write that must be taken off our hands within `ms`: else the server stopped reading. */
async function writeWithin(conn: TcpConnection, piece: Buffer, ms: number, signal: AbortSignal, sentBefore: number): Promise<void> {
  const deadline = createDeadline(ms, 'upload', `the server took nothing for ${formatDuration(ms)}`);
  const linked = linkSignals([signal, deadline.signal]);
  try {
    await conn.write(piece, { signal: linked.signal });
  } catch (error) {
    if (deadline.signal.aborted && !signal.aborted && error instanceof PhaseTimeoutError) throw new StalledError(sentBefore);
    throw error;
  } finally {
    linked.dispose();
    deadline.dispose();
  }
}

function connectFailure(error: unknown): { end: ExchangeEnd; errorCode?: string } {
  if (error instanceof ConnectFailedError) return { end: 'refused', ...(error.errno ? { errorCode: error.errno } : {}) };
  if (error instanceof PhaseTimeoutError) return { end: 'timeout' };
  throw error;
}

function readEnd(end: string): ExchangeEnd {
  return end === 'closed' ? 'closed' : end === 'reset' ? 'reset' : 'timeout';
}
