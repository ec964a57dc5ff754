import net from 'node:net';
import type { TranscriptRecorder } from '../lib/transcript.js';

export interface ClosingTcpServerOptions {
  transcript: TranscriptRecorder;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** Close this long after accepting when the client sends nothing. @defaultValue 300 */
  closeAfterMs?: number;
}

export interface ClosedConnection {
  label: string;
  /** What the client sent before we closed (capped at 64 KiB). */
  received: Buffer;
}

/**
 * A server that accepts, reads the client's first message and closes the connection
 * without answering (FIN). Waiting for the message first makes the close a clean one:
 * closing with unread data in the socket would send a reset instead, and the client would
 * see an error on some runs and an empty `recv()` on others. A client that sends nothing
 * is closed on after `closeAfterMs`.
 */
export class ClosingTcpServer {
  readonly connections: ClosedConnection[] = [];
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(options: ClosingTcpServerOptions): Promise<ClosingTcpServer> {
    const server = net.createServer({ allowHalfOpen: true });
    const closing = new ClosingTcpServer(server);
    server.on('connection', (socket) => closing.#accept(socket, options));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return closing;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: net.Socket, options: ClosingTcpServerOptions): void {
    const { transcript } = options;
    const record: ClosedConnection = { label: `conn ${this.connections.length + 1}`, received: Buffer.alloc(0) };
    this.connections.push(record);
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    transcript.event(record.label, `your program connected (from port ${socket.remotePort ?? '?'})`);
    let closed = false;
    const closeNow = (): void => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      socket.end();
      transcript.event(record.label, 'we closed the connection without answering');
    };
    const timer = setTimeout(closeNow, options.closeAfterMs ?? 300);
    socket.on('data', (chunk: Buffer) => {
      transcript.recv(record.label, chunk);
      if (record.received.length < 64 * 1024) record.received = Buffer.concat([record.received, chunk]).subarray(0, 64 * 1024);
      // Let the rest of a message that came in pieces arrive, then close.
      setTimeout(closeNow, 20);
    });
    socket.on('end', () => {
      transcript.event(record.label, 'your program closed its side');
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => transcript.event(record.label, error.code === 'ECONNRESET' ? 'connection reset by your program' : `connection error (${error.code ?? error.message})`));
  }
}
