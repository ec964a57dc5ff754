/** The params of the chat checks, each typed once with its default (issue #14). */
import { nonEmpty, oneOf, paramDefaults, shaped, signed } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import type { ChatDelimiter, ChatWords } from './chat-protocol.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';

/** The protocol as a teacher configures it; `chatProtocol` reads it. Defaults are the slide's. */
export const CHAT_PROTOCOL = paramDefaults({
  /**
   * How our client writes each message, and how slowly it reads (wire faults, issue #5).
   * The wire-fault tests set their own.
   */
  ...WIRE_FAULTS,
  /** The command and reply words; five different words without spaces, else the slide's (`chatWords`). */
  words: shaped<Partial<ChatWords>>(),
  /** Ends every message: `"\u0000"` or `"\n"`. */
  delimiter: oneOf<ChatDelimiter>(['\0', '\n'], '\0'),
  /** Between the names of `/ok` and `/users`. */
  nameSeparator: nonEmpty('\n'),
  /** Longest wait for a reply or a delivered message. */
  replyMs: 2000,
  /** How long we watch for something that must not come (a second reply, a stray delivery). */
  quietMs: 300,
});

/** Every chat server check. */
export const CHAT_SERVER = paramDefaults({
  ...CHAT_PROTOCOL,
  ...EXIT_REPORT_PARAMS,
});

export const TEN_CLIENTS = paramDefaults({
  ...CHAT_SERVER,
  /** Clients chatting at once, 2..30. */
  clients: signed(10),
  /** Rounds in which each sends one message, 1..10. */
  rounds: signed(3),
});

/** The chat client's settle time when `settleMs` is not a number (or is 0). */
export const CHAT_CLIENT_SETTLE_MS = 250;

/** A chat client test: our reference server speaks the protocol. */
export const CHAT_CLIENT = paramDefaults({
  ...CHAT_PROTOCOL,
  /** `main`, or `name-taken` (our server refuses the login). */
  scenario: oneOf(['main', 'name-taken'], 'main'),
  /** The name of our bot in the chat. */
  botName: 'Bob',
  /** How the client gets its name: the first line of stdin, or argv[3]. */
  nameVia: oneOf(['stdin', 'argv'], 'stdin'),
  /**
   * After the input ended, how long we let the client finish (at least 50 ms). Read with
   * JSON's `Number()` (a numeric string counts): {@link CHAT_CLIENT_SETTLE_MS} for 0 or junk.
   */
  settleMs: shaped<number>(),
});
