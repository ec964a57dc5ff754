/**
 * What our mock SMTP server records about one connection: every line the client sent,
 * what we answered and when, and each mail transaction. The checks judge only this
 * record (and the client's exit), never the wire directly.
 */
import type { ClientLine, ReaderEnd } from './smtp-line-reader.js';
import type { SmtpPath } from './smtp-path.js';

export interface SmtpReply {
  code: number;
  /** The reply lines without code and separator, e.g. `['mail.hsg-kl.de', 'SIZE 65536', …]`. */
  lines: string[];
  /** The bytes we sent. */
  wire: string;
  /** {@link EventClock} stamp of the moment we wrote it. */
  sentAt: number;
}

/** The server state a command arrived in (RFC 5321 §4.1.4 order). */
export type SmtpState = 'greeting' | 'hello' | 'mail' | 'rcpt' | 'data' | 'closed';

/** What the client should have waited for before a line, when it did not. */
export interface EarlyLine {
  /** Our reply it did not wait for; the greeting for a line sent before it. */
  before: SmtpReply;
  /** What that reply answered: a command's text, `.` for the end of data, null for the greeting. */
  answering: string | null;
}

export interface SmtpCommand {
  line: ClientLine;
  /** The command text, decoded (invalid UTF-8 escaped). */
  text: string;
  /** Upper-cased first word, e.g. `MAIL`. */
  verb: string;
  argument: string;
  state: SmtpState;
  reply: SmtpReply | null;
  early: EarlyLine | null;
  /** For MAIL and RCPT: the parsed path, null when unparsable. */
  path?: SmtpPath | null;
}

export interface DataLine {
  line: ClientLine;
  /** The content after removing one leading dot (RFC 5321 §4.5.2), the way a server stores it. */
  unstuffed: Buffer;
}

export interface SmtpTransaction {
  mail: SmtpCommand;
  recipients: SmtpCommand[];
  data: SmtpCommand | null;
  /** The message lines, as sent (the end-of-data line not included); capped. */
  lines: DataLine[];
  /** How the message ended: the `.` line, or never. */
  ended: 'dot' | 'closed' | 'idle' | 'too-big' | null;
  /** The `.` line that ended it. */
  endLine: ClientLine | null;
  /** The first message line came before our 354. */
  early: EarlyLine | null;
  /** Our answer to the end of data (250, or 552 when too big). */
  reply: SmtpReply | null;
}

export interface SmtpSession {
  label: string;
  greeting: SmtpReply | null;
  /** Every line the client sent, in order (commands and message lines). */
  lines: ClientLine[];
  commands: SmtpCommand[];
  transactions: SmtpTransaction[];
  /** `HELO` or `EHLO`, the first one that was accepted. */
  hello: 'HELO' | 'EHLO' | null;
  quit: SmtpCommand | null;
  /** How the client's input ended. */
  end: ReaderEnd | null;
  /** We closed after a timeout or too many errors, with this reply. */
  closedByUs: SmtpReply | null;
  /** PIPELINING was advertised in our EHLO reply. */
  pipelining: boolean;
}

export function newSession(label: string, pipelining: boolean): SmtpSession {
  return { label, greeting: null, lines: [], commands: [], transactions: [], hello: null, quit: null, end: null, closedByUs: null, pipelining };
}
