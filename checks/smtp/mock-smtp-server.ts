/**
 * Our mock SMTP server for grading a student's mail client, built like nodemailer's
 * smtp-server: a bounded line reader, a verb → handler table, one `#reply()` that writes
 * and records, an idle timeout, a cap on errors, and `close()` (of the underlying
 * {@link HandlerTcpServer}) that drains, then forces.
 *
 * It speaks the subset of RFC 5321 the course uses — greeting, HELO/EHLO, MAIL, RCPT,
 * DATA, end of data, RSET, NOOP, QUIT — and answers everything else with 500, 501 or
 * 503 as Postfix would. Lenient where real servers are (a bare `\n` ends a line, a
 * space after `FROM:` is fine) and where other tests grade (a line without line end is
 * taken after a pause); every deviation is in the record for the checks.
 *
 * It greets after `greetDelayMs` and answers each command after `replyDelayMs`, as a busy
 * server would; like Postfix's postscreen, that is what makes a client that talks before
 * its turn visible.
 */
import { bytesToVisibleText, decodeUtf8 } from '../lib/bytes-text.js';
import { sleep } from '../lib/deadline.js';
import { ConnectionLostError } from '../lib/errors.js';
import { HandlerTcpServer } from '../lib/handler-tcp-server.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import { type ClientLine, EventClock, StampedLineReader } from './smtp-line-reader.js';
import { parseSmtpPath } from './smtp-path.js';
import { type EarlyLine, newSession, type SmtpCommand, type SmtpReply, type SmtpSession, type SmtpState, type SmtpTransaction } from './smtp-session.js';

export interface MockSmtpServerOptions {
  transcript: TranscriptRecorder;
  /** Our host name in the greeting and the EHLO reply. @defaultValue 'mail.hsg-kl.de' */
  serverName?: string;
  /** Advertise PIPELINING (RFC 2920) in the EHLO reply, and allow it. @defaultValue false */
  pipelining?: boolean;
  /** @defaultValue 100 */
  greetDelayMs?: number;
  /** @defaultValue 25 */
  replyDelayMs?: number;
  /** Longest silence of the client before we answer 421 and close. @defaultValue 5000 */
  idleMs?: number;
  /** A line without line end counts as complete after this much silence. @defaultValue 500 */
  settleMs?: number;
  /** Error replies (5xx) before we answer 421 and close. @defaultValue 10 */
  maxErrors?: number;
  /** The SIZE we advertise; a bigger message is answered 552 (RFC 1870). @defaultValue 65536 */
  maxMessageBytes?: number;
  port?: number;
  log?: (line: string) => void;
}

export interface MockSmtpServer {
  server: HandlerTcpServer;
  sessions: SmtpSession[];
}

export async function startMockSmtpServer(options: MockSmtpServerOptions): Promise<MockSmtpServer> {
  const sessions: SmtpSession[] = [];
  const server = await HandlerTcpServer.start({
    transcript: options.transcript,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.log ? { log: options.log } : {}),
    handler: async (conn, signal) => {
      const session = newSession(conn.label, options.pipelining ?? false);
      sessions.push(session);
      await new SmtpConnection(conn, signal, session, options).serve();
    },
  });
  return { server, sessions };
}

type Handler = (command: SmtpCommand) => Promise<void>;

/** The reply a line must wait for: the last one we sent. */
interface Turn {
  reply: SmtpReply;
  answering: string | null;
  /** RFC 2920 §3.1: after MAIL, RCPT, RSET and the message the client may go on at once. */
  mayPipeline: boolean;
}

/** Commands we know but do not implement; answered 502 rather than 500. */
const NOT_IMPLEMENTED = new Set(['EXPN', 'TURN', 'ETRN', 'ATRN', 'STARTTLS', 'AUTH', 'BDAT', 'SEND', 'SOML', 'SAML']);

/** One client's connection: its state and the verb table (RFC 5321 §4.1.4 order). */
class SmtpConnection {
  readonly #name: string;
  readonly #clock = new EventClock();
  readonly #verbs: Readonly<Record<string, Handler>>;
  #state: SmtpState = 'greeting';
  #turn: Turn | null = null;
  #transaction: SmtpTransaction | null = null;
  #messageBytes = 0;
  #errors = 0;

  constructor(
    readonly conn: TcpConnection,
    readonly signal: AbortSignal,
    readonly session: SmtpSession,
    readonly options: MockSmtpServerOptions,
  ) {
    this.#name = options.serverName ?? 'mail.hsg-kl.de';
    this.#verbs = {
      HELO: (c) => this.#hello(c, 'HELO'),
      EHLO: (c) => this.#hello(c, 'EHLO'),
      MAIL: (c) => this.#mail(c),
      RCPT: (c) => this.#rcpt(c),
      DATA: (c) => this.#data(c),
      RSET: (c) => this.#rset(c),
      NOOP: (c) => this.#answer(c, 250, ['2.0.0 Ok']),
      QUIT: (c) => this.#quit(c),
      VRFY: (c) => this.#answer(c, 252, ["2.0.0 Cannot VRFY user, but will accept message and attempt delivery"]),
      HELP: (c) => this.#answer(c, 214, ['2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP']),
    };
  }

  async serve(): Promise<void> {
    const reader = new StampedLineReader(this.conn, {
      clock: this.#clock,
      idleMs: this.options.idleMs ?? 5000,
      settleMs: this.options.settleMs ?? 500,
      signal: this.signal,
    });
    await sleep(this.options.greetDelayMs ?? 100, this.signal);
    this.session.greeting = await this.#send(220, [`${this.#name} ESMTP sockgrade test server`], false);
    this.#turn = { reply: this.session.greeting, answering: null, mayPipeline: false };
    while (this.#state !== 'closed') {
      const item = await reader.next();
      if (!('line' in item)) {
        this.session.end = item;
        if (this.#transaction && this.#state === 'data') this.#transaction.ended = item.end === 'idle' ? 'idle' : 'closed';
        if (item.end === 'idle') await this.#closeWith(421, ['4.4.2 Error: timeout exceeded']);
        return;
      }
      this.session.lines.push(item.line);
      if (this.#state === 'data') await this.#dataLine(item.line);
      else await this.#command(item.line);
      if (this.#errors > (this.options.maxErrors ?? 10)) await this.#closeWith(421, ['4.7.0 Error: too many errors']);
    }
  }

  async #command(line: ClientLine): Promise<void> {
    const text = decodeUtf8(line.content) ?? bytesToVisibleText(line.content);
    const word = text.trim().split(/\s+/, 1)[0] ?? '';
    const command: SmtpCommand = {
      line,
      text,
      verb: word.toUpperCase(),
      argument: text.trim().slice(word.length).trim(),
      state: this.#state,
      reply: null,
      early: this.#early(line),
    };
    this.session.commands.push(command);
    const handler = this.#verbs[command.verb];
    if (handler) return handler(command);
    if (word === '') return this.#answer(command, 500, ['5.5.2 Error: bad syntax']);
    if (NOT_IMPLEMENTED.has(command.verb)) return this.#answer(command, 502, ['5.5.1 Error: command not implemented']);
    return this.#answer(command, 500, ['5.5.2 Error: command not recognized']);
  }

  async #hello(command: SmtpCommand, verb: 'HELO' | 'EHLO'): Promise<void> {
    if (command.argument === '') return this.#answer(command, 501, [`5.5.4 Syntax: ${verb} hostname`]);
    // RFC 5321 §4.1.4: a HELO/EHLO clears any transaction in progress.
    this.#transaction = null;
    this.#state = 'hello';
    this.session.hello ??= verb;
    if (verb === 'HELO') return this.#answer(command, 250, [this.#name]);
    const extensions = [`SIZE ${this.options.maxMessageBytes ?? 65536}`, '8BITMIME', ...(this.session.pipelining ? ['PIPELINING'] : []), 'HELP'];
    return this.#answer(command, 250, [`${this.#name} greets ${command.argument}`, ...extensions]);
  }

  async #mail(command: SmtpCommand): Promise<void> {
    // Parsed first, so the address check can judge a MAIL refused for its place too.
    const path = parseSmtpPath(command.argument, 'FROM');
    command.path = path;
    if (this.#state === 'greeting') return this.#answer(command, 503, ['5.5.1 Error: send HELO/EHLO first']);
    if (this.#transaction) return this.#answer(command, 503, ['5.5.1 Error: nested MAIL command']);
    if (!path) return this.#answer(command, 501, ['5.5.4 Syntax: MAIL FROM:<address>']);
    if (!path.wellFormed && path.address !== '') return this.#answer(command, 501, ['5.1.7 Bad sender address syntax']);
    this.#transaction = { mail: command, recipients: [], data: null, lines: [], ended: null, endLine: null, early: null, reply: null };
    this.session.transactions.push(this.#transaction);
    this.#state = 'mail';
    return this.#answer(command, 250, ['2.1.0 Ok']);
  }

  async #rcpt(command: SmtpCommand): Promise<void> {
    const path = parseSmtpPath(command.argument, 'TO');
    command.path = path;
    if (!this.#transaction) return this.#answer(command, 503, ['5.5.1 Error: need MAIL command']);
    if (!path || path.address === '') return this.#answer(command, 501, ['5.5.4 Syntax: RCPT TO:<address>']);
    if (!path.wellFormed) return this.#answer(command, 501, ['5.1.3 Bad recipient address syntax']);
    this.#transaction.recipients.push(command);
    this.#state = 'rcpt';
    return this.#answer(command, 250, ['2.1.5 Ok']);
  }

  async #data(command: SmtpCommand): Promise<void> {
    if (this.#state === 'greeting') return this.#answer(command, 503, ['5.5.1 Error: send HELO/EHLO first']);
    if (!this.#transaction) return this.#answer(command, 503, ['5.5.1 Error: need MAIL command']);
    if (this.#transaction.recipients.length === 0) return this.#answer(command, 503, ['5.5.1 Error: need RCPT command']);
    if (command.argument !== '') return this.#answer(command, 501, ['5.5.4 Syntax: DATA']);
    this.#transaction.data = command;
    this.#messageBytes = 0;
    await this.#answer(command, 354, ['End data with <CR><LF>.<CR><LF>']);
    this.#state = 'data';
  }

  async #rset(command: SmtpCommand): Promise<void> {
    this.#transaction = null;
    if (this.#state !== 'greeting') this.#state = 'hello';
    return this.#answer(command, 250, ['2.0.0 Ok']);
  }

  async #quit(command: SmtpCommand): Promise<void> {
    this.session.quit = command;
    await this.#answer(command, 221, ['2.0.0 Bye']);
    this.#state = 'closed';
  }

  /** A line of the message (RFC 5321 §4.1.1.4): `.` alone ends it, a leading dot is removed (§4.5.2). */
  async #dataLine(line: ClientLine): Promise<void> {
    const transaction = this.#transaction as SmtpTransaction;
    if (transaction.lines.length === 0 && !transaction.endLine && transaction.early === null) transaction.early = this.#early(line);
    if (line.content.length === 1 && line.content[0] === 0x2e) {
      transaction.endLine = line;
      const tooBig = transaction.ended === 'too-big';
      transaction.ended ??= 'dot';
      this.#transaction = null;
      this.#state = 'hello';
      const id = `SG${String(this.session.transactions.length).padStart(6, '0')}`;
      transaction.reply = tooBig ? await this.#send(552, ['5.3.4 Error: message file too big']) : await this.#send(250, [`2.0.0 Ok: queued as ${id}`]);
      this.#turn = { reply: transaction.reply, answering: '.', mayPipeline: true };
      return;
    }
    this.#messageBytes += line.raw.length;
    if (this.#messageBytes > (this.options.maxMessageBytes ?? 65536)) {
      transaction.ended = 'too-big';
      return;
    }
    const unstuffed = line.content[0] === 0x2e ? line.content.subarray(1) : line.content;
    transaction.lines.push({ line, unstuffed });
  }

  /** Was this line sent before the client could have read our last reply? */
  #early(line: ClientLine): EarlyLine | null {
    const turn = this.#turn;
    if (!turn) return null;
    if (line.arrivedAt > turn.reply.sentAt) return null;
    if (turn.mayPipeline && this.session.pipelining) return null;
    return { before: turn.reply, answering: turn.answering };
  }

  async #answer(command: SmtpCommand, code: number, lines: string[]): Promise<void> {
    command.reply = await this.#send(code, lines);
    if (code >= 500) this.#errors += 1;
    this.#turn = { reply: command.reply, answering: command.text, mayPipeline: ['MAIL', 'RCPT', 'RSET'].includes(command.verb) };
  }

  async #closeWith(code: number, lines: string[]): Promise<void> {
    this.session.closedByUs = await this.#send(code, lines, false);
    this.#state = 'closed';
  }

  /** The one way we write: a (multi-line, RFC 5321 §4.2.1) reply, recorded by the connection. */
  async #send(code: number, lines: string[], delay = true): Promise<SmtpReply> {
    if (delay) await sleep(this.options.replyDelayMs ?? 25, this.signal);
    const wire = lines.map((line, i) => `${code}${i < lines.length - 1 ? '-' : ' '}${line}\r\n`).join('');
    const reply: SmtpReply = { code, lines, wire, sentAt: this.#clock.tick() };
    try {
      await this.conn.write(wire, { signal: this.signal });
    } catch (error) {
      // The client went away; what it did is in the session and the transcript.
      if (!(error instanceof ConnectionLostError)) throw error;
    }
    return reply;
  }
}
