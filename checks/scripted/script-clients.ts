/**
 * The reference peer's clients in a script: a TCP connection or a UDP socket, each
 * reading "the next message" the way its framing says, with the same bounded reads,
 * flood caps and transcript as the built-in checks (checks/lib).
 */
import { linkSignals } from '../lib/any-signal.js';
import { sleep } from '../lib/deadline.js';
import { encodeLengthPrefixed, readLengthPrefixed } from '../lib/framing.js';
import { readReply } from '../lib/read-reply.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { UdpEndpoint } from '../lib/udp-endpoint.js';
import type { ServerCheckContext } from '../suite.js';
import { StudentExitedError } from '../suite.js';
import type { Expectation, Framing } from './script.js';
import { expectedBytes } from './match-message.js';

/** How a read ended. `timeout`: nothing (more) within the wait; `exited`: the program ended first. */
export type ReceiveEnd = 'complete' | 'closed' | 'reset' | 'timeout' | 'too-long' | 'exited';

export interface Received {
  /** The message, cut by the framing (no delimiter, no prefix); what came so far when incomplete. */
  message: Buffer;
  end: ReceiveEnd;
  errorCode?: string;
  /** UDP: datagrams that came after the expected one within the grace time. */
  extraDatagrams?: number;
}

export interface ReceiveTiming {
  /** Longest wait for the message. */
  withinMs: number;
  /** Raw TCP, answers of unknown length: the silence that ends one. */
  settleMs: number;
  /** After an exact answer, how long we look for extra bytes (only when no other expect follows). */
  graceMs: number;
  /** How long we wait for the exit report after a UDP answer never came. */
  exitReportMs: number;
  /** Another `expect` on this client follows: what comes next belongs to it, not to this one. */
  moreExpected: boolean;
  signal: AbortSignal;
}

/** Bytes that may arrive as one message of unknown length. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface ScriptClient {
  readonly transport: 'tcp' | 'udp';
  /** Sends one message, framed; throws ConnectionLostError when the other side is gone. */
  send(bytes: Buffer, framed: boolean, signal: AbortSignal): Promise<void>;
  receive(expect: Expectation, vars: ReadonlyMap<string, string>, timing: ReceiveTiming): Promise<Received>;
  halfClose(): void;
  close(): Promise<void>;
}

export class TcpScriptClient implements ScriptClient {
  readonly transport = 'tcp';

  constructor(
    readonly conn: TcpConnection,
    readonly framing: Framing,
  ) {}

  async send(bytes: Buffer, framed: boolean, signal: AbortSignal): Promise<void> {
    await this.conn.write(framed ? frame(bytes, this.framing) : bytes, { signal });
  }

  async receive(expect: Expectation, vars: ReadonlyMap<string, string>, timing: ReceiveTiming): Promise<Received> {
    const { signal } = timing;
    if (expect.kind === 'closed') {
      const read = await this.conn.read({ until: 'close', idleTimeoutMs: timing.withinMs, maxBytes: MAX_MESSAGE_BYTES, signal });
      return { message: read.data, end: endOf(read.end), ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    }
    if (expect.kind === 'silence') {
      const read = await this.conn.read({ until: 'close', totalTimeoutMs: expect.ms, maxBytes: MAX_MESSAGE_BYTES, signal });
      return { message: read.data, end: endOf(read.end), ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    }
    if (this.framing.kind === 'delimited' && expect.kind !== 'line') {
      const read = await this.conn.read({ until: { delimiter: this.framing.delimiter }, idleTimeoutMs: timing.withinMs, maxBytes: MAX_MESSAGE_BYTES, signal });
      const message = read.end === 'complete' ? read.data.subarray(0, read.data.length - this.framing.delimiter.length) : read.data;
      return { message, end: endOf(read.end, 'too-long'), ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    }
    if (this.framing.kind === 'length-prefixed') {
      const read = await readLengthPrefixed(this.conn, { prefixBytes: this.framing.prefixBytes, idleTimeoutMs: timing.withinMs, maxBytes: 1024 * 1024, signal });
      return { message: read.end === 'complete' ? read.payload : Buffer.concat([read.prefix, read.payload]), end: read.end === 'too-long' ? 'too-long' : endOf(read.end) };
    }
    if (expect.kind === 'line') {
      const read = await this.conn.read({ until: { delimiter: '\n' }, idleTimeoutMs: timing.withinMs, maxBytes: MAX_MESSAGE_BYTES, signal });
      return { message: read.data, end: endOf(read.end, 'too-long'), ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    }
    if (expect.kind === 'text' || expect.kind === 'hex') return this.#receiveExact(expectedBytes(expect, vars).length, timing);
    const reply = await readReply(this.conn, { firstByteMs: timing.withinMs, settleMs: timing.settleMs, maxBytes: MAX_MESSAGE_BYTES, signal });
    const end: ReceiveEnd = reply.end === 'silent' ? 'timeout' : reply.end === 'settled' || reply.end === 'max-bytes' ? 'complete' : reply.end;
    return { message: reply.data, end, ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) };
  }

  /**
   * Raw TCP, an exact answer: as many bytes as expected, then (unless another expect
   * follows) a short grace for bytes that should not be there, like the echo check.
   */
  async #receiveExact(length: number, timing: ReceiveTiming): Promise<Received> {
    const { signal } = timing;
    const read = await this.conn.read({ until: { bytes: length }, idleTimeoutMs: timing.withinMs, maxBytes: Math.max(1, length), signal });
    if (read.end !== 'complete' && read.end !== 'max-bytes') return { message: read.data, end: endOf(read.end), ...(read.errorCode ? { errorCode: read.errorCode } : {}) };
    if (timing.moreExpected) return { message: read.data, end: 'complete' };
    const extra = await this.conn.read({ until: 'close', idleTimeoutMs: timing.graceMs, maxBytes: MAX_MESSAGE_BYTES, signal });
    return { message: Buffer.concat([read.data, extra.data]), end: 'complete' };
  }

  halfClose(): void {
    this.conn.shutdownWrite();
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

export class UdpScriptClient implements ScriptClient {
  readonly transport = 'udp';

  constructor(
    readonly endpoint: UdpEndpoint,
    readonly ctx: ServerCheckContext,
  ) {}

  async send(bytes: Buffer): Promise<void> {
    await this.endpoint.send(bytes, this.ctx.target.host, this.ctx.target.port);
  }

  /**
   * The next datagram. The wait also ends when the program exits: a crashed UDP server
   * otherwise looks like a slow one.
   */
  async receive(expect: Expectation, _vars: ReadonlyMap<string, string>, timing: ReceiveTiming): Promise<Received> {
    const { ctx } = this;
    const linked = linkSignals([timing.signal, ctx.student.exited]);
    const waitMs = expect.kind === 'silence' ? expect.ms : timing.withinMs;
    try {
      const reply = await this.endpoint.receive({ timeoutMs: waitMs, signal: linked.signal });
      if (!reply) {
        if (expect.kind === 'silence') return { message: Buffer.alloc(0), end: 'timeout' };
        const exit = await ctx.student.waitForExit(timing.exitReportMs, timing.signal);
        return { message: Buffer.alloc(0), end: exit ? 'exited' : 'timeout' };
      }
      if (timing.moreExpected || expect.kind === 'silence') return { message: reply.data, end: 'complete' };
      // A second sendto, a line break sent on its own: they show up within a short grace.
      await sleep(timing.graceMs, linked.signal).catch(() => {});
      const extra = this.endpoint.drain().length;
      return { message: reply.data, end: 'complete', ...(extra > 0 ? { extraDatagrams: extra } : {}) };
    } catch (error) {
      if (error instanceof StudentExitedError && !timing.signal.aborted) return { message: Buffer.alloc(0), end: 'exited' };
      throw error;
    } finally {
      linked.dispose();
    }
  }

  halfClose(): void {}

  async close(): Promise<void> {
    this.endpoint.close();
  }
}

function frame(bytes: Buffer, framing: Framing): Buffer {
  if (framing.kind === 'delimited') return Buffer.concat([bytes, Buffer.from(framing.delimiter)]);
  if (framing.kind === 'length-prefixed') return encodeLengthPrefixed(bytes, framing.prefixBytes);
  return bytes;
}

/** `full`: what a read that hit its byte cap means here (a whole answer, or one too long to be a message). */
function endOf(end: 'complete' | 'closed' | 'reset' | 'idle-timeout' | 'total-timeout' | 'max-bytes', full: ReceiveEnd = 'complete'): ReceiveEnd {
  if (end === 'idle-timeout' || end === 'total-timeout') return 'timeout';
  if (end === 'max-bytes') return full;
  return end;
}

