/**
 * The class chat protocol ("Chatprogramm – Das Protokoll", the Tafelbild in the course
 * appendix) as a teacher configures it in assignment or test `params` (JSON). Defaults are
 * the slide's: `/login NAME`, `/ok NAME1\nNAME2…`, `/error`, `/logout`, `/users`,
 * `NAME:text`, every message ended by `\0`, names from `[a-zA-Z0-9_-]`.
 *
 * The slide prints a space before most messages (`' /login Aliasname\0'`). We read it as
 * a typesetting artefact: our peers send without it, and accept one leading space in
 * what the student's program sends (issue #5).
 */
import { readParams } from '../lib/param-schema.js';
import type { WriteMode } from '../lib/tcp-connection.js';
import { CHAT_PROTOCOL } from './chat-params.js';

export interface ChatWords {
  login: string;
  logout: string;
  users: string;
  ok: string;
  error: string;
}

export const COURSE_WORDS: Readonly<ChatWords> = Object.freeze({ login: '/login', logout: '/logout', users: '/users', ok: '/ok', error: '/error' });

/** The allowed alphabet of names: `[a-z,A-Z,0-9,_,-]` on the slide (the commas only separate). */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export type ChatDelimiter = '\0' | '\n';

/** The protocol, read from {@link CHAT_PROTOCOL} (where each param is explained). */
export interface ChatProtocol {
  words: ChatWords;
  delimiter: ChatDelimiter;
  nameSeparator: string;
  replyMs: number;
  quietMs: number;
  writeMode: WriteMode;
}

export function chatProtocol(params: Record<string, unknown>): ChatProtocol {
  const given = readParams(CHAT_PROTOCOL, params);
  return {
    words: chatWords(given.words),
    delimiter: given.delimiter,
    nameSeparator: given.nameSeparator,
    replyMs: given.replyMs,
    quietMs: given.quietMs,
    writeMode: given.writeMode,
  };
}

/** A message as it goes on the wire: the text and the delimiter. */
export function encodeMessage(text: string, protocol: Pick<ChatProtocol, 'delimiter'>): Buffer {
  return Buffer.from(`${text}${protocol.delimiter}`, 'utf8');
}

/** `\0` or `\n`, as a student reads it in feedback. */
export function delimiterName(protocol: Pick<ChatProtocol, 'delimiter'>): string {
  return protocol.delimiter === '\0' ? '`\\0`' : '`\\n`';
}

export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

function chatWords(value: unknown): ChatWords {
  if (!value || typeof value !== 'object') return { ...COURSE_WORDS };
  const given = value as Record<string, unknown>;
  const pick = (key: keyof ChatWords): string => {
    const word = given[key];
    return typeof word === 'string' && word.trim() !== '' && !/\s/.test(word) ? word : COURSE_WORDS[key];
  };
  const words = { login: pick('login'), logout: pick('logout'), users: pick('users'), ok: pick('ok'), error: pick('error') };
  // Five different words, or replies and commands could not be told apart.
  return new Set(Object.values(words)).size === 5 ? words : { ...COURSE_WORDS };
}
