import dgram from 'node:dgram';
import type { TranscriptRecorder } from './transcript.js';

export interface RecordingUdpServerOptions {
  transcript: TranscriptRecorder;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** @defaultValue 'udp' */
  label?: string;
  /** Send every datagram straight back to its sender. @defaultValue true */
  echo?: boolean;
  /**
   * Answer each kept datagram with `reply(request)` instead (the request may be empty: a
   * daytime request carries nothing); past `maxDatagrams` no answer, so a client looping
   * on sendto cannot make us flood it back. Overrides `echo`.
   */
  reply?: (request: Buffer) => Buffer;
  /** Datagrams kept; later ones are counted, not stored. @defaultValue 64 */
  maxDatagrams?: number;
}

export interface RecordedDatagram {
  data: Buffer;
  address: string;
  port: number;
}

/** A reference UDP server (echo by default, or `reply`) that records every datagram. */
export class RecordingUdpServer {
  readonly datagrams: RecordedDatagram[] = [];
  receivedTotal = 0;
  readonly #socket: dgram.Socket;
  #closed = false;

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
  }

  static async start(options: RecordingUdpServerOptions): Promise<RecordingUdpServer> {
    const host = options.host ?? '127.0.0.1';
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const server = new RecordingUdpServer(socket);
    const label = options.label ?? 'udp';
    const { transcript } = options;
    socket.on('message', (data, remote) => {
      transcript.recv(label, data);
      server.receivedTotal += 1;
      const kept = server.datagrams.length < (options.maxDatagrams ?? 64);
      if (kept) server.datagrams.push({ data, address: remote.address, port: remote.port });
      const answer = options.reply ? (kept ? options.reply(data) : null) : (options.echo ?? true) ? data : null;
      if (answer !== null) {
        transcript.send(label, answer);
        socket.send(answer, remote.port, remote.address);
      }
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

  get host(): string {
    return this.#socket.address().address;
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return new Promise((resolve) => {
      this.#socket.close(() => resolve());
    });
  }
}
