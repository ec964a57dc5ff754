/**
 * Our chat server for grading a student's chat client, built like smtp-server: a bounded
 * frame reader, a verb → handler table, one `say()` that writes and records, an idle
 * timeout, a cap on unknown commands, and `close()` (of the underlying
 * {@link HandlerTcpServer}) that drains, then forces.
 *
 * A scripted participant (the bot, "Bob") is logged in from the start: he greets a new
 * client and answers its first message, so the client has something to print. Lenient
 * where other tests grade: a message without `\0` counts as complete once the client
 * pauses for `settleMs` (and is recorded as unterminated), and leading spaces are
 * ignored (the slide prints one).
 */
import { bytesToVisibleText, decodeUtf8 } from '../lib/bytes-text.js';
import { ConnectionLostError } from '../lib/errors.js';
import { readDelimited } from '../lib/framing.js';
import { HandlerTcpServer } from '../lib/handler-tcp-server.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import { type ChatProtocol, type ChatWords, encodeMessage, isValidName } from './chat-protocol.js';

export interface ChatBot {
  name: string;
  greeting(user: string): string;
  answer(user: string): string;
}

export type ReceivedKind = 'login' | 'logout' | 'users' | 'command' | 'text';

/** One message of the client, as our server read it. */
export interface ReceivedMessage {
  /** The bytes as received, delimiter included when there was one. */
  raw: Buffer;
  /** Decoded, without delimiter and leading spaces. */
  text: string;
  /** It ended with the delimiter; false: the client paused `settleMs` (or closed) without one. */
  terminated: boolean;
  kind: ReceivedKind;
  /** The client was logged in when it came. */
  loggedIn: boolean;
  /** What we answered, null when nothing (a chat message is distributed, not answered). */
  reply: string | null;
}

export interface ChatClientSession {
  label: string;
  messages: ReceivedMessage[];
  /** The name we accepted, null if none. */
  loginName: string | null;
  /** Logins we answered with `/error`. */
  refusedLogins: number;
  loggedOut: boolean;
  /** The client closed (FIN) before we did. */
  closedByClient: boolean;
  errorCode: string | null;
  /** What the bot said to this client (the text after `Bob:`), in order. */
  botSaid: string[];
}

export interface ReferenceChatServerOptions {
  transcript: TranscriptRecorder;
  protocol: ChatProtocol;
  bot: ChatBot;
  /** A message without delimiter is complete after this much silence. @defaultValue 250 */
  settleMs?: number;
  /** The bot greets this long after `/ok`, or before we handle the next message. @defaultValue 150 */
  greetDelayMs?: number;
  /** Longest silence of a client before we close its connection. @defaultValue 10000 */
  idleMs?: number;
  /** After `/ok` to `/logout`, how long we wait for the client to close first. @defaultValue 500 */
  logoutGraceMs?: number;
  /** Unknown commands (`/xyz`) before we close the connection. @defaultValue 20 */
  maxUnknown?: number;
  port?: number;
  log?: (line: string) => void;
}

const MAX_MESSAGE_BYTES = 16 * 1024;

export interface ReferenceChatServer {
  server: HandlerTcpServer;
  sessions: ChatClientSession[];
}

export async function startReferenceChatServer(options: ReferenceChatServerOptions): Promise<ReferenceChatServer> {
  const sessions: ChatClientSession[] = [];
  const online = new Set<string>();
  const server = await HandlerTcpServer.start({
    transcript: options.transcript,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.log ? { log: options.log } : {}),
    handler: async (conn, signal) => {
      const session: ChatClientSession = { label: conn.label, messages: [], loginName: null, refusedLogins: 0, loggedOut: false, closedByClient: false, errorCode: null, botSaid: [] };
      sessions.push(session);
      await new ChatConnection(conn, signal, session, options, online).serve();
    },
  });
  return { server, sessions };
}

type Handler = (argument: string) => Promise<string | null>;

/** One client's connection: its state and the verb table. */
class ChatConnection {
  readonly #words: ChatWords;
  readonly #verbs: ReadonlyArray<[string, Handler]>;
  #greetTimer: NodeJS.Timeout | null = null;
  #greeted = false;
  #answered = false;
  #unknown = 0;

  constructor(
    readonly conn: TcpConnection,
    readonly signal: AbortSignal,
    readonly session: ChatClientSession,
    readonly options: ReferenceChatServerOptions,
    readonly online: Set<string>,
  ) {
    this.#words = options.protocol.words;
    // Longest first: a word that prefixes another must not catch it.
    this.#verbs = (
      [
        [this.#words.login, (arg) => this.#login(arg)],
        [this.#words.logout, () => this.#logout()],
        [this.#words.users, () => this.#users()],
      ] as Array<[string, Handler]>
    ).sort(([a], [b]) => b.length - a.length);
  }

  async serve(): Promise<void> {
    try {
      for (;;) {
        const idleMs = this.session.loggedOut ? (this.options.logoutGraceMs ?? 500) : (this.options.idleMs ?? 10_000);
        const frame = await readClientMessage(this.conn, this.options.protocol, { idleMs, settleMs: this.options.settleMs ?? 250, signal: this.signal });
        if (frame.kind === 'end') {
          if (frame.end === 'closed') this.session.closedByClient = true;
          if (frame.end === 'reset') this.session.errorCode = frame.errorCode ?? 'ECONNRESET';
          if (frame.raw.length === 0) return;
        }
        await this.#greet();
        await this.#handle(frame.raw, frame.kind === 'message' && frame.terminated);
        if (frame.kind === 'end') return;
        if (this.#unknown > (this.options.maxUnknown ?? 20)) return;
      }
    } finally {
      if (this.#greetTimer) clearTimeout(this.#greetTimer);
      if (this.session.loginName && !this.session.loggedOut) this.online.delete(this.session.loginName);
    }
  }

  async #handle(raw: Buffer, terminated: boolean): Promise<void> {
    const body = decodeUtf8(stripEnd(raw, this.options.protocol.delimiter)) ?? bytesToVisibleText(stripEnd(raw, this.options.protocol.delimiter));
    const text = body.replace(/^ +/, '');
    const loggedIn = this.session.loginName !== null && !this.session.loggedOut;
    const message: ReceivedMessage = { raw, text, terminated, kind: 'text', loggedIn, reply: null };
    this.session.messages.push(message);
    const verb = this.#verbs.find(([word]) => text === word || text.startsWith(`${word} `));
    if (verb) {
      const [word, handler] = verb;
      message.kind = word === this.#words.login ? 'login' : word === this.#words.logout ? 'logout' : 'users';
      message.reply = await handler(text.slice(word.length + 1));
    } else if (/^\/[A-Za-z]/.test(text)) {
      message.kind = 'command';
      this.#unknown += 1;
      message.reply = this.#words.error;
    } else if (!loggedIn) {
      message.reply = this.#words.error;
    } else if (!this.#answered) {
      this.#answered = true;
      await this.#botSays(this.options.bot.answer(this.session.loginName as string));
    }
    if (message.reply !== null) await this.#say(message.reply);
  }

  async #login(name: string): Promise<string> {
    const { bot } = this.options;
    const taken = name === bot.name || this.online.has(name);
    if ((this.session.loginName !== null && !this.session.loggedOut) || !isValidName(name) || taken) {
      this.session.refusedLogins += 1;
      return this.#words.error;
    }
    this.session.loginName = name;
    this.session.loggedOut = false;
    this.online.add(name);
    this.#greetTimer = setTimeout(() => void this.#greet().catch(() => {}), this.options.greetDelayMs ?? 150);
    return `${this.#words.ok} ${this.#userList().join(this.options.protocol.nameSeparator)}`;
  }

  async #logout(): Promise<string> {
    if (this.session.loginName === null || this.session.loggedOut) return this.#words.error;
    // Whatever Bob had to say comes before the goodbye, so a client that ends at `/ok` has seen it.
    await this.#greet();
    this.session.loggedOut = true;
    this.online.delete(this.session.loginName);
    return this.#words.ok;
  }

  async #users(): Promise<string> {
    return `${this.#words.users} ${this.#userList().join(this.options.protocol.nameSeparator)}`;
  }

  #userList(): string[] {
    return [this.options.bot.name, ...this.online];
  }

  /** The bot's greeting, once, after a login: on its timer or before the next message. */
  async #greet(): Promise<void> {
    if (this.#greeted || this.session.loginName === null) return;
    this.#greeted = true;
    if (this.#greetTimer) clearTimeout(this.#greetTimer);
    this.#greetTimer = null;
    await this.#botSays(this.options.bot.greeting(this.session.loginName));
  }

  async #botSays(text: string): Promise<void> {
    this.session.botSaid.push(text);
    await this.#say(`${this.options.bot.name}:${text}`);
  }

  /** The one way we write: a message plus delimiter, recorded by the connection. */
  async #say(text: string): Promise<void> {
    try {
      await this.conn.write(encodeMessage(text, this.options.protocol), { signal: this.signal });
    } catch (error) {
      // The client went away; what it did is in the session and the transcript.
      if (!(error instanceof ConnectionLostError)) throw error;
    }
  }
}

type ClientRead = { kind: 'message'; raw: Buffer; terminated: boolean } | { kind: 'end'; end: 'closed' | 'reset' | 'idle'; raw: Buffer; errorCode?: string };

/**
 * One message of the client: wait up to `idleMs` for its first byte, then for the
 * delimiter with at most `settleMs` of silence in between. A pause ends an unterminated
 * message (recorded as such); so a forgotten `\0` costs its own test, not all of them.
 */
async function readClientMessage(conn: TcpConnection, protocol: ChatProtocol, options: { idleMs: number; settleMs: number; signal: AbortSignal }): Promise<ClientRead> {
  const first = await conn.read({ until: { bytes: 1 }, maxBytes: 1, idleTimeoutMs: options.idleMs, signal: options.signal });
  if (first.data.length === 0) {
    const end = first.end === 'closed' ? 'closed' : first.end === 'reset' ? 'reset' : 'idle';
    return { kind: 'end', end, raw: first.data, ...(first.errorCode ? { errorCode: first.errorCode } : {}) };
  }
  if (first.data.equals(Buffer.from(protocol.delimiter))) return { kind: 'message', raw: first.data, terminated: true };
  const rest = await readDelimited(conn, protocol.delimiter, { maxBytes: MAX_MESSAGE_BYTES, idleTimeoutMs: options.settleMs, signal: options.signal });
  const raw = Buffer.concat([first.data, rest.data]);
  if (rest.end === 'complete') return { kind: 'message', raw, terminated: true };
  if (rest.end === 'closed' || rest.end === 'reset') return { kind: 'end', end: rest.end, raw, ...(rest.errorCode ? { errorCode: rest.errorCode } : {}) };
  return { kind: 'message', raw, terminated: false };
}

function stripEnd(raw: Buffer, delimiter: string): Buffer {
  const mark = Buffer.from(delimiter);
  return raw.length >= mark.length && raw.subarray(raw.length - mark.length).equals(mark) ? raw.subarray(0, raw.length - mark.length) : raw;
}
