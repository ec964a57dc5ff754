import { ConnectFailedError, ConnectionLostError, PhaseTimeoutError } from '../lib/errors.js';
import { connectTcp } from '../lib/connect-tcp.js';
import type { TcpConnection, WriteMode } from '../lib/tcp-connection.js';
import type { ServerCheckContext } from '../suite.js';
import type { EchoObservation } from './echo-verdict.js';
import { readParams } from '../lib/param-schema.js';
import { wireFaultsParam } from '../lib/wire-faults.js';
import { ECHO_TIMING } from './echo-params.js';

export interface EchoTiming {
  /** Silence after which we stop waiting for (the rest of) a reply. */
  replyMs: number;
  /** After the full echo arrived, how long we wait for unexpected extra bytes. */
  graceMs: number;
  writeMode: WriteMode;
}

export function echoTiming(params: Record<string, unknown>): EchoTiming {
  const { replyMs, graceMs, writeMode } = readParams(ECHO_TIMING, params);
  return { replyMs, graceMs, writeMode };
}

/** Opens a recorded connection to the student's server, or says why it could not. */
export async function openConnection(ctx: ServerCheckContext, label: string, timing: EchoTiming): Promise<TcpConnection | Pick<EchoObservation, 'end' | 'errorCode'>> {
  try {
    return await connectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: timing.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  } catch (error) {
    if (error instanceof ConnectFailedError) return { end: 'refused', ...(error.errno ? { errorCode: error.errno } : {}) };
    // The backlog is full: the server no longer accepts. For the student that is "no answer".
    if (error instanceof PhaseTimeoutError) return { end: 'timeout' };
    throw error;
  }
}

/**
 * Sends `payload` and reads the echo: until as many bytes came back, the server closed, or it
 * went silent. `last`: no further message follows on this connection (see {@link readEcho}).
 */
export async function sendAndReadEcho(conn: TcpConnection, payload: Buffer, timing: EchoTiming, signal: AbortSignal, last = true): Promise<EchoObservation> {
  const base = { transport: 'tcp' as const, sent: payload, replyMs: timing.replyMs };
  try {
    await conn.write(payload, { mode: timing.writeMode, signal });
  } catch (error) {
    if (error instanceof ConnectionLostError) return { ...base, got: Buffer.alloc(0), end: 'lost', ...(error.errno ? { errorCode: error.errno } : {}) };
    throw error;
  }
  return readEcho(conn, payload, timing, signal, last);
}

/**
 * Reads the echo of an already sent `payload`; see {@link sendAndReadEcho}. After the full
 * echo, a quiet window of `graceMs` shows whether the server sends more than the echo. When
 * this was the `last` message on the connection we finish sending first (half-close,
 * issue #11): a server that reads until recv() returns b'' then closes at once, and its FIN
 * ends the window early. TCP delivers in order, so whatever it sent before closing, extra
 * bytes included, is read before the close; a server that keeps the connection open still
 * gets the whole window.
 */
export async function readEcho(conn: TcpConnection, payload: Buffer, timing: EchoTiming, signal: AbortSignal, last = true): Promise<EchoObservation> {
  const base = { transport: 'tcp' as const, sent: payload, replyMs: timing.replyMs };
  const reply = await conn.read({ until: { bytes: payload.length }, idleTimeoutMs: timing.replyMs, maxBytes: payload.length, signal });
  if (reply.end === 'complete' || reply.end === 'max-bytes') {
    // A server may legally close now or keep the connection open; a short grace shows
    // whether it sent more than the echo (a trailing newline, a second reply).
    if (last && !conn.remoteClosed) conn.shutdownWrite();
    const extra = await conn.read({ until: 'close', idleTimeoutMs: timing.graceMs, maxBytes: 64 * 1024, signal });
    return { ...base, got: Buffer.concat([reply.data, extra.data]), end: 'complete' };
  }
  const end = reply.end === 'closed' ? 'closed' : reply.end === 'reset' ? 'reset' : 'timeout';
  return { ...base, got: reply.data, end, ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) };
}
