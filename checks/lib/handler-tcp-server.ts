/**
 * A reference TCP server with a protocol of its own: each connection of the student's
 * client is handed, as a recorded {@link TcpConnection}, to an async handler (read a
 * request, answer it). `RecordingTcpServer` only echoes or listens; this one talks.
 * Half-open connections are allowed, so a client may end its sending side (an upload,
 * a request "until close") and still read our answer.
 */
import net from 'node:net';
import { TcpConnection } from './tcp-connection.js';
import type { TranscriptRecorder } from './transcript.js';

export type ConnectionHandler = (conn: TcpConnection, signal: AbortSignal) => Promise<void>;

export interface HandlerTcpServerOptions {
  transcript: TranscriptRecorder;
  handler: ConnectionHandler;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** Connection labels are `${labelPrefix} 1`, `… 2`. @defaultValue 'conn' */
  labelPrefix?: string;
  /** Connections beyond this are closed at once. @defaultValue 8 */
  maxConnections?: number;
  /** Where a handler's own error (our fault) is logged. */
  log?: (line: string) => void;
}

export class HandlerTcpServer {
  /** Connections accepted so far, refused ones not counted. */
  connectionCount = 0;
  readonly #server: net.Server;
  readonly #options: HandlerTcpServerOptions;
  readonly #open = new Set<TcpConnection>();
  readonly #handlers = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  #closing: Promise<void> | null = null;

  private constructor(server: net.Server, options: HandlerTcpServerOptions) {
    this.#server = server;
    this.#options = options;
  }

  static async start(options: HandlerTcpServerOptions): Promise<HandlerTcpServer> {
    const server = net.createServer({ allowHalfOpen: true });
    const instance = new HandlerTcpServer(server, options);
    server.on('connection', (socket) => instance.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return instance;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  get host(): string {
    return (this.#server.address() as net.AddressInfo).address;
  }

  /** Resolves once every handler started so far has returned. */
  async settled(): Promise<void> {
    while (this.#handlers.size > 0) await Promise.allSettled([...this.#handlers]);
  }

  /**
   * Stops accepting, gives running handlers `graceMs` to finish, then aborts them and
   * destroys their connections. Idempotent.
   */
  close(graceMs = 200): Promise<void> {
    this.#closing ??= (async () => {
      const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      const force = (): void => {
        this.#stop.abort(new Error('reference server closed'));
        // Destroying also wakes a handler stuck in a read that ignores the signal.
        for (const conn of this.#open) conn.destroy();
      };
      const timer = setTimeout(force, graceMs);
      await this.settled();
      clearTimeout(timer);
      force();
      await closed;
    })();
    return this.#closing;
  }

  #accept(socket: net.Socket): void {
    const { transcript } = this.#options;
    const label = `${this.#options.labelPrefix ?? 'conn'} ${this.connectionCount + 1}`;
    if (this.#open.size >= (this.#options.maxConnections ?? 8) || this.#closing) {
      transcript.event(label, 'connection refused: too many connections');
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    this.connectionCount += 1;
    socket.setNoDelay(true);
    transcript.event(label, `your program connected (from port ${socket.remotePort ?? '?'})`);
    const conn = new TcpConnection(socket, label, transcript);
    this.#open.add(conn);
    const running = this.#options
      .handler(conn, this.#stop.signal)
      .catch((error: unknown) => {
        if (!this.#stop.signal.aborted) this.#options.log?.(`${label}: handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      })
      .then(() => conn.close())
      .finally(() => {
        this.#open.delete(conn);
        this.#handlers.delete(running);
      });
    this.#handlers.add(running);
  }
}
