/**
 * One reference chat client talking to the student's server, built like smtp-server's
 * connection object: a bounded frame reader, one `send()` that records the transcript
 * (through `TcpConnection`), an inbox with a cap for what arrives unasked (messages of
 * others, unknown frames), and `leave()` that logs out, drains, then forces the close.
 */
import { ConnectionLostError } from '../lib/errors.js';
import { readDelimited } from '../lib/framing.js';
import type { TcpConnection, WriteOptions } from '../lib/tcp-connection.js';
import { type ChatFrame, isReply, parseChatFrame, type ReplyFrame } from './chat-frame.js';
import { type ChatProtocol, encodeMessage } from './chat-protocol.js';

/** A frame longer than this is not a chat message: we stop reading it. */
const MAX_FRAME_BYTES = 64 * 1024;
/** Frames kept per client; a flooding server cannot fill our memory. */
const MAX_KEPT_FRAMES = 2000;
/** Longest wait for the reply to our `/logout` when we clean up. */
const LEAVE_WAIT_MS = 500;

/**
 * Why no (matching) frame came: `silent` nothing within the time, `closed`/`reset` the
 * server ended the connection, `lost` our message could not be sent, `too-long` a frame
 * beyond 64 KiB without delimiter.
 */
export type MissEnd = 'silent' | 'closed' | 'reset' | 'lost' | 'too-long';

export type Wait<F extends ChatFrame = ChatFrame> =
  | { ok: true; frame: F }
  | {
      ok: false;
      end: MissEnd;
      /** Bytes of an unfinished frame (no delimiter yet). */
      partial: Buffer;
      /** How long we waited. */
      waitedMs: number;
      errorCode?: string;
    };

export class ChatPeer {
  /** The name this client is logged in with, null before `/ok` and after `/logout`. */
  name: string | null = null;
  /** Frames received and not taken by a wait yet, in order. */
  readonly inbox: ChatFrame[] = [];
  /** Every frame received, in order (capped). */
  readonly seen: ChatFrame[] = [];
  /** Frames beyond the cap, counted only. */
  dropped = 0;
  /** The server closed (`closed`) or reset (`reset`) this connection, or we did (`left`). */
  ended: 'closed' | 'reset' | 'left' | null = null;
  #errorCode: string | undefined;
  #pending: Buffer = Buffer.alloc(0);

  constructor(
    readonly conn: TcpConnection,
    readonly protocol: ChatProtocol,
    readonly signal: AbortSignal,
  ) {}

  get label(): string {
    return this.conn.label;
  }

  /** The label for sentences: `Anna` for `client Anna`, but `client 2` stays. */
  get who(): string {
    return /^client [A-Za-z]/.test(this.conn.label) ? this.conn.label.slice('client '.length) : this.conn.label;
  }

  /** Bytes of a frame whose delimiter has not come yet. */
  get pending(): Buffer {
    return this.#pending;
  }

  /**
   * Sends each text as one message (text + delimiter), written per `options.mode` (default:
   * the protocol's `writeMode`). False when the connection is gone.
   */
  async send(texts: string | readonly string[], options: Omit<WriteOptions, 'signal'> = {}): Promise<boolean> {
    const messages = (typeof texts === 'string' ? [texts] : [...texts]).map((text) => encodeMessage(text, this.protocol));
    try {
      await this.conn.write(messages, { mode: this.protocol.writeMode, ...options, signal: this.signal });
      return true;
    } catch (error) {
      if (!(error instanceof ConnectionLostError)) throw error;
      this.#errorCode = error.errno;
      return false;
    }
  }

  /** Sends a command and waits for its reply (`/ok`, `/error`, `/users`); messages of others meanwhile go to the inbox. */
  async request(text: string, options: Omit<WriteOptions, 'signal'> = {}, ms = this.protocol.replyMs): Promise<Wait<ReplyFrame>> {
    // A reply still in the inbox answered something earlier (it stays in `seen`).
    this.take(isReply);
    if (!(await this.send(text, options))) return this.#lost();
    return this.waitFor(isReply, ms);
  }

  /** `/login NAME`; on `/ok` the peer is logged in. */
  async login(name: string, options: Omit<WriteOptions, 'signal'> = {}): Promise<Wait<ReplyFrame>> {
    const reply = await this.request(`${this.protocol.words.login} ${name}`, options);
    if (reply.ok && reply.frame.kind === 'ok') this.name = name;
    return reply;
  }

  /**
   * The first frame (in the inbox, else off the wire within `ms`) that `match` accepts;
   * the others stay in the inbox.
   */
  async waitFor<F extends ChatFrame>(match: (frame: ChatFrame) => frame is F, ms?: number): Promise<Wait<F>>;
  async waitFor(match: (frame: ChatFrame) => boolean, ms?: number): Promise<Wait>;
  async waitFor(match: (frame: ChatFrame) => boolean, ms = this.protocol.replyMs): Promise<Wait> {
    const index = this.inbox.findIndex(match);
    if (index >= 0) return { ok: true, frame: this.inbox.splice(index, 1)[0] as ChatFrame };
    const startedAt = Date.now();
    for (;;) {
      const left = startedAt + ms - Date.now();
      const next = await this.#next(Math.max(1, left));
      // A silent miss used the whole budget: report the budget, not the timer's jitter.
      if (!next.ok) return { ...next, waitedMs: next.end === 'silent' ? ms : Date.now() - startedAt };
      if (match(next.frame)) return next;
      this.#keep(next.frame);
      if (left <= 1) return { ok: false, end: 'silent', partial: this.#pending, waitedMs: ms };
    }
  }

  /** Reads whatever arrives until nothing came for `ms`; all of it goes to the inbox and is returned. */
  async drain(ms = this.protocol.quietMs): Promise<ChatFrame[]> {
    const frames: ChatFrame[] = [];
    for (;;) {
      const next = await this.#next(ms);
      if (!next.ok) return frames;
      frames.push(next.frame);
      this.#keep(next.frame);
    }
  }

  /** Takes every inbox frame `match` accepts out of the inbox. */
  take(match: (frame: ChatFrame) => boolean): ChatFrame[] {
    const taken = this.inbox.filter(match);
    for (const frame of taken) this.inbox.splice(this.inbox.indexOf(frame), 1);
    return taken;
  }

  /** Cleans up: `/logout` if logged in (its reply awaited briefly), then close. Idempotent. */
  async leave(): Promise<void> {
    if (this.ended === 'left') return;
    if (this.name !== null && this.ended === null) {
      const reply = await this.request(this.protocol.words.logout, { mode: 'whole' }, Math.min(this.protocol.replyMs, LEAVE_WAIT_MS)).catch(() => null);
      if (reply?.ok && reply.frame.kind === 'ok') this.name = null;
    }
    this.ended = 'left';
    await this.conn.close();
  }

  /** Closes without `/logout`, as a client that just ends does. */
  async vanish(): Promise<void> {
    this.ended = 'left';
    await this.conn.close();
  }

  #keep(frame: ChatFrame): void {
    if (this.inbox.length >= MAX_KEPT_FRAMES) this.dropped += 1;
    else this.inbox.push(frame);
  }

  async #next(ms: number): Promise<Wait> {
    if (this.ended === 'closed' || this.ended === 'reset') return this.#ended(0);
    const read = await readDelimited(this.conn, this.protocol.delimiter, { maxBytes: MAX_FRAME_BYTES, idleTimeoutMs: ms, signal: this.signal });
    if (read.end === 'complete') {
      const raw = this.#pending.length > 0 ? Buffer.concat([this.#pending, read.data]) : read.data;
      this.#pending = Buffer.alloc(0);
      const frame = parseChatFrame(raw, this.protocol);
      if (this.seen.length < MAX_KEPT_FRAMES) this.seen.push(frame);
      return { ok: true, frame };
    }
    this.#pending = this.#pending.length > 0 ? Buffer.concat([this.#pending, read.data]) : read.data;
    if (read.end === 'max-bytes' || this.#pending.length > MAX_FRAME_BYTES) return { ok: false, end: 'too-long', partial: this.#pending, waitedMs: read.elapsedMs };
    if (read.end === 'closed' || read.end === 'reset') {
      this.ended = read.end;
      if (read.errorCode) this.#errorCode = read.errorCode;
      return this.#ended(read.elapsedMs);
    }
    return { ok: false, end: 'silent', partial: this.#pending, waitedMs: read.elapsedMs };
  }

  #ended(waitedMs: number): Wait {
    const end = this.ended === 'reset' ? 'reset' : 'closed';
    return { ok: false, end, partial: this.#pending, waitedMs, ...(this.#errorCode ? { errorCode: this.#errorCode } : {}) };
  }

  #lost(): Wait<never> {
    return { ok: false, end: 'lost', partial: this.#pending, waitedMs: 0, ...(this.#errorCode ? { errorCode: this.#errorCode } : {}) };
  }
}
