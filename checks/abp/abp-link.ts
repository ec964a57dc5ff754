/**
 * The reference peer's end of the lossy channel: one UDP socket on the pod's loopback,
 * everything recorded in the transcript.
 *
 * Sending goes through a FIFO delay line: a delayed datagram holds back the ones after it.
 * The alternating-bit protocol is only correct over a channel that loses, doubles and
 * delays but never reorders (one bit cannot tell an old acknowledgement from a new one),
 * so our channel must not reorder either.
 */
import dgram from 'node:dgram';
import { ActivityWaiter } from '../lib/activity-waiter.js';
import { abortReason } from '../lib/any-signal.js';
import type { TranscriptRecorder } from '../lib/transcript.js';

export interface AbpLinkOptions {
  transcript: TranscriptRecorder;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  /** @defaultValue 'udp' */
  label?: string;
  /** Datagrams handled; later ones are counted and ignored, so a flood cannot keep us busy. @defaultValue 600 */
  maxDatagrams?: number;
  /** Milliseconds since the scenario started. */
  clock: () => number;
}

export interface LinkDatagram {
  /** Milliseconds since the scenario started. */
  t: number;
  data: Buffer;
  address: string;
  port: number;
}

export interface SentDatagram {
  t: number;
  data: Buffer;
}

interface Pending {
  due: number;
  data: Buffer;
  address: string;
  port: number;
}

export class AbpLink {
  /** What actually left our socket, with the time it left. */
  readonly sent: SentDatagram[] = [];
  receivedTotal = 0;
  readonly #socket: dgram.Socket;
  readonly #options: AbpLinkOptions;
  readonly #label: string;
  readonly #queue: LinkDatagram[] = [];
  readonly #line: Pending[] = [];
  #lastDue = 0;
  #timer: NodeJS.Timeout | null = null;
  #handler: ((datagram: LinkDatagram) => void) | null = null;
  readonly #activity = new ActivityWaiter();
  #closed = false;

  private constructor(socket: dgram.Socket, options: AbpLinkOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#label = options.label ?? 'udp';
  }

  static async open(options: AbpLinkOptions): Promise<AbpLink> {
    const socket = dgram.createSocket('udp4');
    const link = new AbpLink(socket, options);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('message', (data, remote) => link.#receive(data, remote));
    // ICMP "port unreachable" after the student's program ended: harmless for a datagram socket.
    socket.on('error', (error: NodeJS.ErrnoException) => options.transcript.event(link.#label, `socket error (${error.code ?? error.message})`));
    return link;
  }

  get port(): number {
    return this.#socket.address().port;
  }

  /** Milliseconds since the scenario started: the time base of every record. */
  clock(): number {
    return this.#options.clock();
  }

  /** Hands every datagram to `handler` as it arrives (instead of queueing it for {@link next}). */
  onDatagram(handler: (datagram: LinkDatagram) => void): void {
    this.#handler = handler;
    for (const queued of this.#queue.splice(0)) handler(queued);
  }

  /** The next datagram, or null after `timeoutMs`; rejects on abort. */
  async next(timeoutMs: number, signal?: AbortSignal): Promise<LinkDatagram | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const queued = this.#queue.shift();
      if (queued) return queued;
      if (signal?.aborted) throw abortReason(signal);
      const left = deadline - Date.now();
      if (left <= 0 || this.#closed) return null;
      await this.#activity.wait(left, signal);
    }
  }

  /** Sends through the FIFO delay line: after `delayMs`, but never before what was sent earlier. */
  send(data: Buffer, to: { address: string; port: number }, delayMs = 0): void {
    if (this.#closed) return;
    const now = this.#options.clock();
    const due = Math.max(now + delayMs, this.#lastDue);
    this.#lastDue = due;
    this.#line.push({ due, data, address: to.address, port: to.port });
    this.#pump();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#line.length = 0;
    this.#socket.removeAllListeners('message');
    try {
      this.#socket.close();
    } catch {
      // Already closed; nothing left to release.
    }
    this.#activity.notify();
  }

  #pump(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const now = this.#options.clock();
    while (this.#line.length > 0 && (this.#line[0] as Pending).due <= now) {
      const next = this.#line.shift() as Pending;
      this.#options.transcript.send(this.#label, next.data);
      this.sent.push({ t: now, data: next.data });
      this.#socket.send(next.data, next.port, next.address);
    }
    const head = this.#line[0];
    if (head) this.#timer = setTimeout(() => this.#pump(), Math.max(1, head.due - now));
  }

  #receive(data: Buffer, remote: dgram.RemoteInfo): void {
    this.receivedTotal += 1;
    if (this.receivedTotal > (this.#options.maxDatagrams ?? 600)) return;
    this.#options.transcript.recv(this.#label, data);
    const datagram = { t: this.#options.clock(), data, address: remote.address, port: remote.port };
    if (this.#handler) this.#handler(datagram);
    else this.#queue.push(datagram);
    this.#activity.notify();
  }
}
