import dgram from 'node:dgram';
import { MAX_UNREAD_REPLY_BYTES, formatBytes } from './flood-limits.js';
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
  /**
   * Bytes we answer in all: past this a client that keeps sending gets no more answers,
   * so a sendto loop cannot make us flood it back. @defaultValue MAX_UNREAD_REPLY_BYTES (1 MiB)
   */
  maxAnsweredBytes?: number;
}

export interface RecordedDatagram {
  data: Buffer;
  address: string;
  port: number;
}

/** A reference UDP server (echo by default, or `reply`) that records every datagram. */
export class RecordingUdpServer {
  readonly datagrams: RecordedDatagram[] = [];
  /** Datagrams received, kept or not. */
  receivedTotal = 0;
  /** Bytes received in all datagrams. */
  receivedBytes = 0;
  /** Bytes we answered. */
  answeredBytes = 0;
  /** Set once we stopped answering because the client sent too much (`maxAnsweredBytes`). */
  stoppedAnswering = false;
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
      server.receivedBytes += data.length;
      const kept = server.datagrams.length < (options.maxDatagrams ?? 64);
      if (kept) server.datagrams.push({ data, address: remote.address, port: remote.port });
      const answer = options.reply ? (kept ? options.reply(data) : null) : (options.echo ?? true) ? data : null;
      if (answer === null || server.stoppedAnswering) return;
      // Bounded twice: answered bytes in all, and libuv's send queue (it grows when the
      // kernel refuses a datagram with EAGAIN), so a flood cannot grow our memory.
      const maxAnswered = options.maxAnsweredBytes ?? MAX_UNREAD_REPLY_BYTES;
      if (server.answeredBytes + answer.length > maxAnswered || socket.getSendQueueSize() > maxAnswered) {
        server.stoppedAnswering = true;
        transcript.event(label, `your program sent ${server.receivedTotal} datagrams (${formatBytes(server.receivedBytes)}): we stop answering`);
        return;
      }
      server.answeredBytes += answer.length;
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
