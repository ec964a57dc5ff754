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
import { numberParam, stringParam } from '../lib/params.js';
import type { WriteMode } from '../lib/tcp-connection.js';

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

export interface ChatProtocol {
  /** @defaultValue {@link COURSE_WORDS} (param `words`) */
  words: ChatWords;
  /** Ends every message. @defaultValue '\0' (param `delimiter`: `"\u0000"` or `"\n"`) */
  delimiter: ChatDelimiter;
  /** Between the names of `/ok` and `/users`. @defaultValue '\n' (param `nameSeparator`) */
  nameSeparator: string;
  /** Longest wait for a reply or a delivered message. @defaultValue 2000 (param `replyMs`) */
  replyMs: number;
  /** How long we watch for something that must not come (a second reply, a stray delivery). @defaultValue 300 (param `quietMs`) */
  quietMs: number;
  /**
   * How our client writes each message (wire faults, issue #5): `whole`, `coalesced`,
   * `bytewise` or `chunked`. The wire-fault tests set their own. @defaultValue 'whole' (param `writeMode`)
   */
  writeMode: WriteMode;
}

const WRITE_MODES: readonly WriteMode[] = ['whole', 'coalesced', 'bytewise', 'chunked'];

export function chatProtocol(params: Record<string, unknown>): ChatProtocol {
  const mode = stringParam(params, 'writeMode', 'whole') as WriteMode;
  return {
    words: chatWords(params.words),
    delimiter: params.delimiter === '\n' ? '\n' : '\0',
    nameSeparator: nonEmpty(stringParam(params, 'nameSeparator', '\n'), '\n'),
    replyMs: numberParam(params, 'replyMs', 2000),
    quietMs: numberParam(params, 'quietMs', 300),
    writeMode: WRITE_MODES.includes(mode) ? mode : 'whole',
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

function nonEmpty(value: string, fallback: string): string {
  return value === '' ? fallback : value;
}
