import net from 'node:net';
import { closeTcpServer } from './close-tcp-server.js';
import { type FloodNote, MAX_RECEIVED_BYTES_PER_CONNECTION, MAX_UNREAD_REPLY_BYTES, floodEvent } from './flood-limits.js';
import type { TranscriptRecorder } from './transcript.js';

export interface RecordingTcpServerOptions {
  transcript: TranscriptRecorder;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** Connection labels are `${labelPrefix} 1`, `… 2`. @defaultValue 'conn' */
  labelPrefix?: string;
  /** Send every received chunk straight back (RFC 862). @defaultValue true */
  echo?: boolean;
  /**
   * What every connection gets at once, without the client sending anything: a server
   * that speaks first, like daytime or quote of the day (with `echo: false`).
   */
  greeting?: () => Buffer;
  /** After a `greeting`, close our side at once (daytime, RFC 867). @defaultValue true */
  closeAfterGreeting?: boolean;
  /** Connections beyond this are closed at once. @defaultValue 8 */
  maxConnections?: number;
  /** Bytes kept per connection; the rest is counted, not stored. @defaultValue 1 MiB */
  maxBytesPerConnection?: number;
  /**
   * Our echo not yet read by the client, per connection: past this we close the
   * connection (a flood, see `flood-limits.ts`). @defaultValue MAX_UNREAD_REPLY_BYTES (1 MiB)
   */
  maxUnreadBytes?: number;
  /** Bytes a connection may send at all; past this we close it. @defaultValue MAX_RECEIVED_BYTES_PER_CONNECTION (32 MiB) */
  maxReceivedBytes?: number;
  /** How the transcript calls what we send back. @defaultValue 'echo' */
  answersName?: string;
}

/** What one connection of the student's client did. */
export interface RecordedTcpConnection {
  label: string;
  /** The bytes the student's client sent, capped at `maxBytesPerConnection`. */
  received: Buffer;
  receivedTotal: number;
  sentTotal: number;
  /** The client closed its side properly (FIN). */
  closedByClient: boolean;
  /** The connection ended with an error, e.g. `ECONNRESET`. */
  errorCode: string | null;
  open: boolean;
  /** Set when we closed the connection because the client flooded it. */
  flood: FloodNote | null;
}

/**
 * A reference TCP server that records every connection: an echo server by default, or
 * one that speaks first (`greeting`), where the client only connects and reads.
 */
export class RecordingTcpServer {
  readonly connections: RecordedTcpConnection[] = [];
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #closing: Promise<void> | null = null;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(options: RecordingTcpServerOptions): Promise<RecordingTcpServer> {
    // Half-open allowed: after our FIN we still record what the client sends, and its own FIN.
    const server = net.createServer({ allowHalfOpen: true });
    const recording = new RecordingTcpServer(server);
    server.on('connection', (socket) => recording.#accept(socket, options));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return recording;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  get host(): string {
    return (this.#server.address() as net.AddressInfo).address;
  }

  /** All bytes the client sent, over all connections, in order of connections. */
  receivedBytes(): Buffer {
    return Buffer.concat(this.connections.map((c) => c.received));
  }

  /** Stops accepting, half-closes open connections, destroys them after `graceMs`. Idempotent. */
  close(graceMs = 200): Promise<void> {
    this.#closing ??= closeTcpServer(this.#server, this.#sockets, graceMs);
    return this.#closing;
  }

  #accept(socket: net.Socket, options: RecordingTcpServerOptions): void {
    const { transcript } = options;
    const label = `${options.labelPrefix ?? 'conn'} ${this.connections.length + 1}`;
    if (this.#sockets.size >= (options.maxConnections ?? 8) || this.#closing) {
      transcript.event(label, 'connection refused: too many connections');
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    const cap = options.maxBytesPerConnection ?? 1024 * 1024;
    const record: RecordedTcpConnection = {
      label,
      received: Buffer.alloc(0),
      receivedTotal: 0,
      sentTotal: 0,
      closedByClient: false,
      errorCode: null,
      open: true,
      flood: null,
    };
    this.connections.push(record);
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    transcript.event(label, `your program connected (from port ${socket.remotePort ?? '?'})`);
    const maxUnread = options.maxUnreadBytes ?? MAX_UNREAD_REPLY_BYTES;
    const maxReceived = options.maxReceivedBytes ?? MAX_RECEIVED_BYTES_PER_CONNECTION;
    // Memory per connection stays below cap + maxUnread + one chunk, however fast the client
    // sends: a client that never reads makes socket.write() buffer without end (issue #13:
    // 363 MiB in 1.6 s). We close instead of pausing: a paused read turns the flood into a
    // silent stall, graded as a timeout that tells the student nothing.
    socket.on('data', (chunk: Buffer) => {
      if (record.flood) return;
      transcript.recv(label, chunk);
      record.receivedTotal += chunk.length;
      if (record.received.length < cap) record.received = Buffer.concat([record.received, chunk.subarray(0, cap - record.received.length)]);
      if (record.receivedTotal > maxReceived) return this.#cut(socket, record, { kind: 'too-much-data', receivedBytes: record.receivedTotal, unreadBytes: socket.writableLength }, options);
      if (options.echo ?? true) {
        transcript.send(label, chunk);
        record.sentTotal += chunk.length;
        socket.write(chunk);
        if (socket.writableLength > maxUnread) this.#cut(socket, record, { kind: 'unread-replies', receivedBytes: record.receivedTotal, unreadBytes: socket.writableLength }, options);
      }
    });
    socket.on('end', () => {
      record.closedByClient = true;
      transcript.event(label, 'your program closed the connection');
      // Half-close handshake: we finish our side too, like a real echo server.
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      record.errorCode = error.code ?? 'ERROR';
      transcript.event(label, error.code === 'ECONNRESET' ? 'connection reset by your program' : `connection error (${record.errorCode})`);
    });
    socket.on('close', () => {
      record.open = false;
      this.#sockets.delete(socket);
    });
    if (options.greeting) this.#greet(socket, record, options.greeting(), options);
  }

  #cut(socket: net.Socket, record: RecordedTcpConnection, flood: FloodNote, options: RecordingTcpServerOptions): void {
    record.flood = flood;
    options.transcript.event(record.label, floodEvent(flood, options.answersName ?? 'echo'));
    socket.destroy();
  }

  #greet(socket: net.Socket, record: RecordedTcpConnection, data: Buffer, options: RecordingTcpServerOptions): void {
    options.transcript.send(record.label, data);
    record.sentTotal += data.length;
    if (options.closeAfterGreeting ?? true) {
      socket.end(data);
      options.transcript.event(record.label, 'we closed the connection');
    } else {
      socket.write(data);
    }
  }
}
