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
  /** Datagrams kept; later ones are counted, not stored. @defaultValue 64 */
  maxDatagrams?: number;
}

export interface RecordedDatagram {
  data: Buffer;
  address: string;
  port: number;
}

/** A reference UDP server (echo by default) that records every datagram. */
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
      if (server.datagrams.length < (options.maxDatagrams ?? 64)) server.datagrams.push({ data, address: remote.address, port: remote.port });
      if (options.echo ?? true) {
        transcript.send(label, data);
        socket.send(data, remote.port, remote.address);
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
