import dgram from 'node:dgram';
import { ActivityWaiter } from './activity-waiter.js';
import { formatDuration } from './deadline.js';
import type { TranscriptRecorder } from './transcript.js';

export interface UdpOpenOptions {
  /** Label in the transcript, e.g. `udp 1`. */
  label: string;
  transcript: TranscriptRecorder;
  /** 4 or 6; pick 6 only for an IPv6 target. @defaultValue 4 */
  family?: 4 | 6;
  /** A fixed port (a mock server the student's client is told about). @defaultValue 0 (any free port) */
  port?: number;
  signal?: AbortSignal;
}

export interface Datagram {
  data: Buffer;
  address: string;
  port: number;
}

export interface ReceiveOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

// Datagrams kept unread; a student spraying replies cannot fill our memory.
const MAX_QUEUED = 256;

/** Opens an unconnected UDP socket on all interfaces, on an ephemeral port unless `port` is given. */
export async function openUdp(options: UdpOpenOptions): Promise<UdpEndpoint> {
  options.signal?.throwIfAborted();
  const socket = dgram.createSocket(options.family === 6 ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return new UdpEndpoint(socket, options.label, options.transcript);
}

/** One UDP socket of the reference peer, recorded in the transcript. */
export class UdpEndpoint {
  readonly label: string;
  readonly port: number;
  readonly #socket: dgram.Socket;
  readonly #transcript: TranscriptRecorder;
  readonly #queue: Datagram[] = [];
  #dropped = 0;
  #closed = false;
  readonly #activity = new ActivityWaiter();

  constructor(socket: dgram.Socket, label: string, transcript: TranscriptRecorder) {
    this.label = label;
    this.port = socket.address().port;
    this.#socket = socket;
    this.#transcript = transcript;
    socket.on('message', (data, remote) => {
      transcript.recv(label, data);
      if (this.#queue.length >= MAX_QUEUED) this.#dropped += 1;
      else this.#queue.push({ data, address: remote.address, port: remote.port });
      this.#activity.notify();
    });
    // ICMP errors and the like: a datagram socket survives them, the check sees no reply.
    socket.on('error', (error: NodeJS.ErrnoException) => transcript.event(label, `socket error (${error.code ?? error.message})`));
  }

  /** Datagrams that arrived while the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  async send(data: Uint8Array | string, host: string, port: number): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.#transcript.send(this.label, bytes);
    await new Promise<void>((resolve, reject) => {
      this.#socket.send(bytes, port, host, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** The next datagram, or null after `timeoutMs` (recorded). Rejects only on abort. */
  async receive(options: ReceiveOptions): Promise<Datagram | null> {
    const { signal } = options;
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      // A datagram that already arrived wins over an abort that came after it.
      const next = this.#queue.shift();
      if (next) return next;
      signal?.throwIfAborted();
      const left = deadline - Date.now();
      if (left <= 0 || this.#closed) {
        this.#transcript.event(this.label, `no datagram for ${formatDuration(options.timeoutMs)}`);
        return null;
      }
      await this.#activity.wait(left, signal);
    }
  }

  /** Everything queued right now, without waiting. */
  drain(): Datagram[] {
    return this.#queue.splice(0);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.removeAllListeners();
    this.#socket.on('error', () => {});
    try {
      this.#socket.close();
    } catch {
      // Already closed by the kernel side; nothing left to release.
    }
    this.#activity.notify();
  }
}
