import dgram from 'node:dgram';
import type { RecordedDatagram } from './recording-udp-server.js';
import type { TranscriptRecorder } from './transcript.js';

export interface ReplyUdpServerOptions {
  transcript: TranscriptRecorder;
  /** The answer to a datagram (which may be empty: a daytime request carries nothing). */
  reply: (request: Buffer) => Buffer;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** @defaultValue 'udp' */
  label?: string;
  /** Datagrams kept; later ones are counted, not answered. @defaultValue 64 */
  maxDatagrams?: number;
}

/** A reference UDP server that answers every datagram with `reply(request)` and records it. */
export class ReplyUdpServer {
  readonly datagrams: RecordedDatagram[] = [];
  receivedTotal = 0;
  readonly #socket: dgram.Socket;
  #closed = false;

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
  }

  static async start(options: ReplyUdpServerOptions): Promise<ReplyUdpServer> {
    const host = options.host ?? '127.0.0.1';
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const server = new ReplyUdpServer(socket);
    const label = options.label ?? 'udp';
    const { transcript } = options;
    const max = options.maxDatagrams ?? 64;
    socket.on('message', (data, remote) => {
      transcript.recv(label, data);
      server.receivedTotal += 1;
      // A client looping on sendto must not make us flood it back.
      if (server.datagrams.length >= max) return;
      server.datagrams.push({ data, address: remote.address, port: remote.port });
      const answer = options.reply(data);
      transcript.send(label, answer);
      socket.send(answer, remote.port, remote.address);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => transcript.event(label, `socket error (${error.code ?? error.message})`));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? 0, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  get port(): number {
    return this.#socket.address().port;
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return new Promise((resolve) => {
      this.#socket.close(() => resolve());
    });
  }
}
