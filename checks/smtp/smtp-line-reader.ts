/**
 * Reads a client's lines ahead of the session that answers them, stamping when the first
 * byte of each line arrived. The session stamps its replies on the same clock, so it can
 * tell a client that waited for a reply from one that talked before its turn (before the
 * greeting, RFC 5321 §3.1; or pipelining without PIPELINING, RFC 2920 §3). Reading only
 * when the session is ready could not tell: a line sent early just sits in the buffer.
 *
 * Bounded like smtp-server's line parser: a line longer than `maxLineBytes` is cut, and
 * after `maxLines` lines the reader stops. A line the client never ends is taken as
 * complete after `settleMs` of silence and marked `end: 'none'`, so a forgotten `\r\n`
 * costs the line-ending test, not the whole conversation.
 */
import type { TcpConnection } from '../lib/tcp-connection.js';

/** The event order within one connection: replies and arrivals share it. */
export class EventClock {
  #now = 0;

  tick(): number {
    this.#now += 1;
    return this.#now;
  }
}

export type LineEnd = 'crlf' | 'lf' | 'none';

export interface ClientLine {
  /** The bytes as received, line end included. */
  raw: Buffer;
  /** Without the line end. */
  content: Buffer;
  end: LineEnd;
  /** {@link EventClock} stamp of the line's first byte. */
  arrivedAt: number;
  /** Cut at `maxLineBytes`; the rest of it comes as the next line. */
  tooLong: boolean;
}

export interface ReaderEnd {
  end: 'closed' | 'reset' | 'idle' | 'too-many-lines' | 'aborted';
  errorCode?: string;
}

export type ReaderItem = { line: ClientLine } | ReaderEnd;

export interface LineReaderOptions {
  clock: EventClock;
  /** Longest silence between lines before the reader reports `idle`. */
  idleMs: number;
  /** Silence within a line after which it counts as complete (unterminated). */
  settleMs: number;
  /** @defaultValue 2048 (RFC 5321 §4.5.3.1.6: text lines up to 1000 octets) */
  maxLineBytes?: number;
  /** @defaultValue 2000 */
  maxLines?: number;
  signal: AbortSignal;
}

export class StampedLineReader {
  readonly #queue: ReaderItem[] = [];
  #wake: (() => void) | null = null;
  #done = false;

  constructor(
    readonly conn: TcpConnection,
    readonly options: LineReaderOptions,
  ) {
    void this.#run();
  }

  /** The next line, or how the input ended (after which it returns that end again). */
  async next(): Promise<ReaderItem> {
    while (this.#queue.length === 0) await new Promise<void>((resolve) => (this.#wake = resolve));
    const item = this.#queue[0] as ReaderItem;
    if ('line' in item) this.#queue.shift();
    return item;
  }

  #push(item: ReaderItem): void {
    this.#queue.push(item);
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async #run(): Promise<void> {
    const { conn, options } = this;
    const maxLineBytes = options.maxLineBytes ?? 2048;
    let lines = 0;
    try {
      while (!this.#done) {
        if (lines >= (options.maxLines ?? 2000)) return this.#finish({ end: 'too-many-lines' });
        const first = await conn.read({ until: { bytes: 1 }, maxBytes: 1, idleTimeoutMs: options.idleMs, signal: options.signal });
        if (first.data.length === 0) return this.#finish(endOf(first.end, first.errorCode));
        const arrivedAt = options.clock.tick();
        lines += 1;
        if (first.data[0] === 0x0a) {
          this.#push({ line: toLine(first.data, arrivedAt, false) });
          continue;
        }
        const rest = await conn.read({ until: { delimiter: '\n' }, maxBytes: maxLineBytes - 1, idleTimeoutMs: options.settleMs, signal: options.signal });
        const raw = Buffer.concat([first.data, rest.data]);
        this.#push({ line: toLine(raw, arrivedAt, rest.end === 'max-bytes') });
        if (rest.end === 'closed' || rest.end === 'reset') return this.#finish(endOf(rest.end, rest.errorCode));
      }
    } catch {
      this.#finish({ end: 'aborted' });
    }
  }

  #finish(end: ReaderEnd): void {
    this.#done = true;
    this.#push(end);
  }
}

function endOf(end: string, errorCode: string | undefined): ReaderEnd {
  if (end === 'reset') return { end: 'reset', ...(errorCode ? { errorCode } : {}) };
  if (end === 'closed') return { end: 'closed' };
  return { end: 'idle' };
}

function toLine(raw: Buffer, arrivedAt: number, tooLong: boolean): ClientLine {
  const end: LineEnd = raw.length >= 2 && raw[raw.length - 2] === 0x0d && raw[raw.length - 1] === 0x0a ? 'crlf' : raw[raw.length - 1] === 0x0a ? 'lf' : 'none';
  const content = raw.subarray(0, raw.length - (end === 'crlf' ? 2 : end === 'lf' ? 1 : 0));
  return { raw, content, end, arrivedAt, tooLong };
}
