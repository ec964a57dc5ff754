import net from 'node:net';
import type { RecordedTcpConnection } from './recording-tcp-server.js';
import type { TranscriptRecorder } from './transcript.js';

export interface GreetingTcpServerOptions {
  transcript: TranscriptRecorder;
  /** What every connection gets at once, without the client sending anything. */
  greeting: () => Buffer;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** Connection labels are `${labelPrefix} 1`, `… 2`. @defaultValue 'conn' */
  labelPrefix?: string;
  /** Close our side right after the greeting (daytime, RFC 867). @defaultValue true */
  closeAfterGreeting?: boolean;
  /** Connections beyond this are closed at once. @defaultValue 8 */
  maxConnections?: number;
  /** Bytes kept per connection of what the client sent; the rest is counted. @defaultValue 64 KiB */
  maxBytesPerConnection?: number;
}

/**
 * A reference TCP server that speaks first: it sends a greeting on every connection (and
 * by default closes), recording whatever the client sends. The shape of a daytime or
 * quote-of-the-day server, where the client only connects and reads.
 */
export class GreetingTcpServer {
  readonly connections: RecordedTcpConnection[] = [];
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #closing: Promise<void> | null = null;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(options: GreetingTcpServerOptions): Promise<GreetingTcpServer> {
    // Half-open allowed: after our FIN we still record what the client sends, and its own FIN.
    const server = net.createServer({ allowHalfOpen: true });
    const greeting = new GreetingTcpServer(server);
    server.on('connection', (socket) => greeting.#accept(socket, options));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return greeting;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** All bytes the clients sent, in order of connections. */
  receivedBytes(): Buffer {
    return Buffer.concat(this.connections.map((c) => c.received));
  }

  /** Stops accepting and destroys open connections after `graceMs`. Idempotent. */
  close(graceMs = 200): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.end();
      const timer = setTimeout(() => {
        for (const socket of this.#sockets) socket.destroy();
      }, graceMs);
      timer.unref?.();
      if (this.#sockets.size === 0) clearTimeout(timer);
    });
    return this.#closing;
  }

  #accept(socket: net.Socket, options: GreetingTcpServerOptions): void {
    const { transcript } = options;
    const label = `${options.labelPrefix ?? 'conn'} ${this.connections.length + 1}`;
    if (this.#sockets.size >= (options.maxConnections ?? 8) || this.#closing) {
      transcript.event(label, 'connection refused: too many connections');
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    const cap = options.maxBytesPerConnection ?? 64 * 1024;
    const record: RecordedTcpConnection = { label, received: Buffer.alloc(0), receivedTotal: 0, sentTotal: 0, closedByClient: false, errorCode: null, open: true };
    this.connections.push(record);
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    transcript.event(label, `your program connected (from port ${socket.remotePort ?? '?'})`);
    socket.on('data', (chunk: Buffer) => {
      transcript.recv(label, chunk);
      record.receivedTotal += chunk.length;
      if (record.received.length < cap) record.received = Buffer.concat([record.received, chunk.subarray(0, cap - record.received.length)]);
    });
    socket.on('end', () => {
      record.closedByClient = true;
      transcript.event(label, 'your program closed the connection');
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
    const data = options.greeting();
    transcript.send(label, data);
    record.sentTotal += data.length;
    if (options.closeAfterGreeting ?? true) {
      socket.end(data);
      transcript.event(label, 'we closed the connection');
    } else {
      socket.write(data);
    }
  }
}
