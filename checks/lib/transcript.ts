import type { TranscriptEntry } from '../types.js';
import { decodeUtf8, escapeText, toHex } from './bytes-text.js';

export interface TranscriptOptions {
  /** Payload bytes shown per transcript, after that one "… N more bytes not shown" entry. @defaultValue 65536 */
  maxPayloadBytes?: number;
  /** Entries kept, so that a byte-by-byte conversation cannot grow without bound. @defaultValue 2000 */
  maxEntries?: number;
  /** Milliseconds clock; injectable for tests. @defaultValue Date.now */
  clock?: () => number;
}

/**
 * Records what crossed the wire in one test, per connection label, with time offsets.
 * The cap keeps a test-result message small even when a student floods us.
 */
export class TranscriptRecorder {
  readonly #entries: TranscriptEntry[] = [];
  readonly #maxPayload: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;
  readonly #startedAt: number;
  #payload = 0;
  #hiddenBytes = 0;
  #hiddenEntries = 0;
  #marker: TranscriptEntry | null = null;

  constructor(options: TranscriptOptions = {}) {
    this.#maxPayload = options.maxPayloadBytes ?? 64 * 1024;
    this.#maxEntries = options.maxEntries ?? 2000;
    this.#clock = options.clock ?? Date.now;
    this.#startedAt = this.#clock();
  }

  /** Milliseconds since the recorder was created. */
  get elapsedMs(): number {
    return this.#clock() - this.#startedAt;
  }

  /** The reference peer wrote these bytes. */
  send(conn: string, data: Uint8Array | string): void {
    this.#data('send', conn, data);
  }

  /** The student's program wrote these bytes. */
  recv(conn: string, data: Uint8Array | string): void {
    this.#data('recv', conn, data);
  }

  /** Something happened to a connection: "connected", "closed by your program", a timeout. */
  event(conn: string, note: string): void {
    this.#push({ t: this.#now(), dir: 'event', conn, text: null, bytes: 0, note }, 0);
  }

  /** Copies entries recorded elsewhere (a shared client scenario), keeping their times. */
  include(entries: readonly TranscriptEntry[]): void {
    for (const entry of entries) this.#push({ ...entry }, entry.dir === 'event' ? 0 : entry.bytes);
  }

  entries(): TranscriptEntry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }

  #now(): number {
    return Math.max(0, Math.round(this.#clock() - this.#startedAt));
  }

  #data(dir: 'send' | 'recv', conn: string, data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const room = this.#maxPayload - this.#payload;
    if (room <= 0 || this.#entries.length >= this.#maxEntries) {
      this.#hide(bytes.length, 1, conn);
      return;
    }
    const shown = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.#push(toEntry(this.#now(), dir, conn, shown), shown.length);
    if (shown.length < bytes.length) this.#hide(bytes.length - shown.length, 0, conn);
  }

  #push(entry: TranscriptEntry, payloadBytes: number): void {
    if (this.#entries.length >= this.#maxEntries || (payloadBytes > 0 && this.#payload >= this.#maxPayload)) {
      this.#hide(payloadBytes, 1, entry.conn);
      return;
    }
    this.#payload += payloadBytes;
    this.#entries.push(entry);
  }

  // One marker entry, updated in place, rather than one per hidden chunk.
  #hide(bytes: number, entries: number, conn: string): void {
    this.#hiddenBytes += bytes;
    this.#hiddenEntries += entries;
    if (!this.#marker) {
      this.#marker = { t: this.#now(), dir: 'event', conn, text: null, bytes: 0, note: '' };
      this.#entries.push(this.#marker);
    }
    const parts = [`… ${this.#hiddenBytes} more bytes not shown`];
    if (this.#entries.length >= this.#maxEntries) parts.push(`(${this.#hiddenEntries} more entries)`);
    this.#marker.note = parts.join(' ');
  }
}

function toEntry(t: number, dir: 'send' | 'recv', conn: string, bytes: Uint8Array): TranscriptEntry {
  const text = decodeUtf8(bytes);
  if (text !== null) return { t, dir, conn, text: escapeText(text), bytes: bytes.length };
  return { t, dir, conn, text: null, hex: toHex(bytes), bytes: bytes.length };
}
