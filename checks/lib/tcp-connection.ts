import type net from 'node:net';
import { ActivityWaiter } from './activity-waiter.js';
import { abortReason } from './any-signal.js';
import { formatDuration, sleep } from './deadline.js';
import { CheckUsageError, ConnectionLostError } from './errors.js';
import { type FloodNote, MAX_RECEIVED_BYTES_PER_CONNECTION, floodEvent } from './flood-limits.js';
import type { TranscriptRecorder } from './transcript.js';
import { NO_WIRE_FAULTS, type WireFaults } from './wire-faults.js';

/**
 * How a write goes on the wire. `whole`: one write per message; `coalesced`: all messages
 * in one write (two lines in one segment); `bytewise`: one byte per write; `chunked`:
 * `chunkSize` bytes per write. Groundwork for wire-fault options: a server that reads
 * once per message must cope with the last three.
 */
export type WriteMode = 'whole' | 'coalesced' | 'bytewise' | 'chunked';

export interface WriteOptions {
  /** @defaultValue 'whole' */
  mode?: WriteMode;
  /** For `chunked`. @defaultValue 16 */
  chunkSize?: number;
  /** Pause between pieces, so they leave in separate segments. @defaultValue 0 for whole/coalesced, 5 otherwise */
  delayMs?: number;
  signal?: AbortSignal;
}

/** When a read is done: after N bytes, after a delimiter (inclusive), or when the other side closes. */
export type ReadUntil = { bytes: number } | { delimiter: Uint8Array | string } | 'close';

export interface ReadOptions {
  /** @defaultValue 'close' */
  until?: ReadUntil;
  /** Never return more than this; a read that hits it ends with `max-bytes`. @defaultValue 1 MiB */
  maxBytes?: number;
  /** Longest silence, counted from the start of the read or the last byte. @defaultValue none */
  idleTimeoutMs?: number;
  /** Longest read overall. @defaultValue none */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
}

export type ReadEnd = 'complete' | 'closed' | 'reset' | 'idle-timeout' | 'total-timeout' | 'max-bytes';

/** A read's outcome is data: a silent or closing student is what checks grade. */
export interface ReadResult {
  data: Buffer;
  end: ReadEnd;
  elapsedMs: number;
  /** Node's error code for `reset`, e.g. `ECONNRESET`. */
  errorCode?: string;
}

const DEFAULT_MAX_READ = 1024 * 1024;
// Past this much unread input we stop reading from the socket (backpressure), so a
// student's flood cannot fill our memory.
const PAUSE_ABOVE = 4 * 1024 * 1024;

/** One client connection of the reference peer, recorded in the transcript. */
export class TcpConnection {
  readonly label: string;
  readonly #socket: net.Socket;
  readonly #transcript: TranscriptRecorder;
  #buffer: Buffer = Buffer.alloc(0);
  #remoteEnded = false;
  #errorCode: string | null = null;
  #closed = false;
  #weClosed = false;
  #weShutWrite = false;
  #reading = false;
  readonly #activity = new ActivityWaiter();
  readonly #wire: WireFaults;
  /** Paused by the slow-reader fault: only its timer resumes. */
  #throttled = false;
  #receivedTotal = 0;
  #flood: FloodNote | null = null;

  /**
   * `maxReceivedBytes`: bytes the other side may send on this connection at all; past it
   * we close the connection and reads end with `max-bytes` (issue #13: a student's flood
   * must not outgrow the peer). Unread input is bounded anyway by pausing above 4 MiB.
   */
  constructor(socket: net.Socket, label: string, transcript: TranscriptRecorder, wire: WireFaults = NO_WIRE_FAULTS, maxReceivedBytes = MAX_RECEIVED_BYTES_PER_CONNECTION) {
    this.label = label;
    this.#socket = socket;
    this.#transcript = transcript;
    this.#wire = wire;
    socket.on('data', (chunk: Buffer) => {
      if (this.#flood) return;
      this.#receivedTotal += chunk.length;
      if (this.#receivedTotal > maxReceivedBytes) {
        this.#flood = { kind: 'too-much-data', receivedBytes: this.#receivedTotal, unreadBytes: socket.writableLength };
        transcript.event(label, floodEvent(this.#flood));
        socket.destroy();
        this.#activity.notify();
        return;
      }
      transcript.recv(label, chunk);
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      if (this.#buffer.length > PAUSE_ABOVE) socket.pause();
      if (wire.readDelayMs > 0) this.#throttle(wire.readDelayMs);
      this.#activity.notify();
    });
    socket.on('end', () => {
      this.#remoteEnded = true;
      if (!this.#weClosed) transcript.event(label, 'closed by your program');
      this.#activity.notify();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.#errorCode = error.code ?? 'ERROR';
      if (!this.#weClosed) {
        const what = error.code === 'ECONNRESET' ? 'connection reset by your program' : `connection error (${this.#errorCode})`;
        transcript.event(label, what);
      }
      this.#activity.notify();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#activity.notify();
    });
  }

  /** The student closed (FIN) or reset the connection. */
  get remoteClosed(): boolean {
    return this.#remoteEnded || this.#errorCode !== null || this.#closed;
  }

  /** Set when we closed the connection because the other side sent more than the cap. */
  get flood(): FloodNote | null {
    return this.#flood;
  }

  /** Bytes the other side sent on this connection. */
  get receivedTotal(): number {
    return this.#receivedTotal;
  }

  get localPort(): number | undefined {
    return this.#socket.localPort;
  }

  /** Writes one message or several (see {@link WriteMode}); throws ConnectionLostError. */
  async write(data: Uint8Array | string | ReadonlyArray<Uint8Array | string>, options: WriteOptions = {}): Promise<void> {
    const mode = options.mode ?? this.#wire.writeMode;
    const pieces = splitForWrite(data, mode, options.chunkSize ?? 16);
    const delayMs = options.delayMs ?? (mode === 'bytewise' || mode === 'chunked' ? 5 : 0);
    for (const [index, piece] of pieces.entries()) {
      if (index > 0 && delayMs > 0) await sleep(delayMs, options.signal);
      options.signal?.throwIfAborted();
      if (this.#socket.destroyed || !this.#socket.writable || this.#errorCode) {
        throw new ConnectionLostError(this.label, this.#errorCode ?? undefined);
      }
      this.#transcript.send(this.label, piece);
      await this.#writePiece(piece, options.signal);
    }
  }

  /** Reads per {@link ReadOptions}; the result says why it ended. Rejects only on abort. */
  async read(options: ReadOptions = {}): Promise<ReadResult> {
    if (this.#reading) throw new CheckUsageError(`${this.label}: read() while another read is pending`);
    const until = options.until ?? 'close';
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ;
    const signal = options.signal;
    const startedAt = Date.now();
    let lastProgressAt = startedAt;
    let seen = this.#buffer.length;
    this.#reading = true;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const elapsedMs = Date.now() - startedAt;
        const complete = this.#takeIfComplete(until, maxBytes);
        if (complete) return { ...complete, elapsedMs };
        if (this.#flood) return { data: this.#take(maxBytes), end: 'max-bytes', elapsedMs };
        if (this.#errorCode) return { data: this.#take(maxBytes), end: 'reset', elapsedMs, errorCode: this.#errorCode };
        if (this.#remoteEnded || this.#closed) return { data: this.#take(maxBytes), end: 'closed', elapsedMs };
        const now = Date.now();
        if (this.#buffer.length !== seen) {
          seen = this.#buffer.length;
          lastProgressAt = now;
        }
        const idleLeft = options.idleTimeoutMs === undefined ? Infinity : lastProgressAt + options.idleTimeoutMs - now;
        const totalLeft = options.totalTimeoutMs === undefined ? Infinity : startedAt + options.totalTimeoutMs - now;
        if (idleLeft <= 0 || totalLeft <= 0) {
          const end = totalLeft <= 0 ? 'total-timeout' : 'idle-timeout';
          const ms = end === 'total-timeout' ? (options.totalTimeoutMs as number) : (options.idleTimeoutMs as number);
          const note = end === 'total-timeout' ? `read stopped after ${formatDuration(ms)}` : `nothing more from your program for ${formatDuration(ms)}`;
          if (!this.remoteClosed) this.#transcript.event(this.label, note);
          return { data: this.#take(maxBytes), end, elapsedMs: now - startedAt };
        }
        await this.#activity.wait(Math.min(idleLeft, totalLeft), signal);
      }
    } finally {
      this.#reading = false;
    }
  }

  /**
   * Sends our FIN but keeps reading (a TCP half-close, `shutdown(SHUT_WR)`): the other side's
   * recv() returns b'' and it may still answer. Protocols where the sender marks the end of
   * its data by closing need it (an upload ends this way); open the connection with
   * `allowHalfOpen`. Idempotent.
   */
  shutdownWrite(): void {
    if (this.#weShutWrite || this.#socket.destroyed) return;
    this.#weShutWrite = true;
    this.#transcript.event(this.label, "we finished sending (half-close: your recv() now returns b'')");
    this.#socket.end();
  }

  /** Ends our side, waits up to `graceMs` for the socket to close, then destroys it. Idempotent. */
  async close(graceMs = 200): Promise<void> {
    if (this.#socket.destroyed) return this.destroy();
    // After our half-close and their FIN both sides are closed already: nothing more to say
    // (and whether Node has destroyed the socket by now is a race the transcript must not show).
    if (!this.#weClosed && !(this.#weShutWrite && this.#remoteEnded)) this.#transcript.event(this.label, 'we closed the connection');
    this.#weClosed = true;
    this.#socket.end();
    if (!this.#closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, graceMs);
        this.#socket.once('close', done);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    this.destroy();
  }

  /** Destroys the socket at once and drops our listeners. Idempotent. */
  destroy(): void {
    this.#weClosed = true;
    this.#socket.removeAllListeners();
    // A late error from the kernel must not become an unhandled 'error' event.
    this.#socket.on('error', () => {});
    this.#socket.destroy();
    this.#closed = true;
    this.#activity.notify();
  }

  #writePiece(piece: Uint8Array, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      // A student that never reads would leave this write pending forever; abort destroys the socket.
      const onAbort = (): void => {
        this.#socket.destroy();
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#socket.write(piece, (error) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return;
        if (error) reject(new ConnectionLostError(this.label, (error as NodeJS.ErrnoException).code, { cause: error }));
        else resolve();
      });
    });
  }

  #takeIfComplete(until: ReadUntil, maxBytes: number): Pick<ReadResult, 'data' | 'end'> | null {
    if (until !== 'close' && 'bytes' in until) {
      if (this.#buffer.length >= until.bytes && until.bytes <= maxBytes) return { data: this.#take(until.bytes), end: 'complete' };
    } else if (until !== 'close') {
      const delimiter = typeof until.delimiter === 'string' ? Buffer.from(until.delimiter) : until.delimiter;
      const index = this.#buffer.indexOf(delimiter);
      if (index >= 0 && index + delimiter.length <= maxBytes) return { data: this.#take(index + delimiter.length), end: 'complete' };
    }
    if (this.#buffer.length >= maxBytes) return { data: this.#take(maxBytes), end: 'max-bytes' };
    return null;
  }

  #take(count: number): Buffer {
    const data = this.#buffer.subarray(0, count);
    this.#buffer = this.#buffer.subarray(data.length);
    this.#resumeIfRoom();
    return Buffer.from(data);
  }

  #resumeIfRoom(): void {
    if (this.#socket.isPaused() && !this.#throttled && this.#buffer.length <= PAUSE_ABOVE && !this.#socket.destroyed) this.#socket.resume();
  }

  /** The slow-reader fault: stop reading for a while after every piece, so the sender's buffers fill. */
  #throttle(delayMs: number): void {
    if (this.#throttled) return;
    this.#throttled = true;
    this.#socket.pause();
    const timer = setTimeout(() => {
      this.#throttled = false;
      this.#resumeIfRoom();
    }, delayMs);
    timer.unref?.();
  }
}

function splitForWrite(data: Uint8Array | string | ReadonlyArray<Uint8Array | string>, mode: WriteMode, chunkSize: number): Buffer[] {
  const messages = (typeof data === 'string' || data instanceof Uint8Array ? [data] : [...data]).map(toBuffer);
  if (mode === 'whole') return messages.filter((message) => message.length > 0);
  const all = Buffer.concat(messages);
  if (mode === 'coalesced') return all.length > 0 ? [all] : [];
  const size = mode === 'bytewise' ? 1 : Math.max(1, chunkSize);
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < all.length; offset += size) pieces.push(all.subarray(offset, offset + size));
  return pieces;
}

function toBuffer(data: Uint8Array | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
