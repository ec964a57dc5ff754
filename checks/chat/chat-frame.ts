/**
 * What one message from a chat server means: a verb → parser table for the replies
 * (`/ok`, `/error`, `/users`), else a chat message `NAME:text`, else something the
 * protocol does not know. One leading space is tolerated (the slide prints one).
 */
import { bytesToVisibleText, decodeUtf8 } from '../lib/bytes-text.js';
import { stripDelimiter } from '../lib/framing.js';
import { type ChatProtocol, isValidName } from './chat-protocol.js';

/** The names of an `/ok` or `/users` reply. */
export interface NameList {
  /** Every entry in order, empty ones (a trailing separator) left out. */
  names: string[];
  /** Entries that are not names from the alphabet, e.g. `Anna, Ben` with the wrong separator. */
  invalid: string[];
  /** Names listed more than once. */
  duplicates: string[];
}

interface FrameBase {
  /** The bytes as received, delimiter included. */
  raw: Buffer;
  /** The text without delimiter and without the one tolerated leading space. */
  body: string;
  leadingSpace: boolean;
}

export type ChatFrame = FrameBase &
  (
    | { kind: 'ok'; list: NameList | null }
    | { kind: 'error'; detail: string }
    | { kind: 'users'; list: NameList }
    | { kind: 'message'; from: string; text: string }
    | { kind: 'unknown' }
  );

export type ReplyFrame = Extract<ChatFrame, { kind: 'ok' | 'error' | 'users' }>;
export type MessageFrame = Extract<ChatFrame, { kind: 'message' }>;

type Parser = (rest: string, protocol: ChatProtocol) => { kind: 'ok'; list: NameList | null } | { kind: 'error'; detail: string } | { kind: 'users'; list: NameList };

const REPLY_PARSERS: ReadonlyArray<[keyof ChatProtocol['words'], Parser]> = [
  ['ok', (rest, protocol) => ({ kind: 'ok', list: rest === '' ? null : parseNameList(rest, protocol.nameSeparator) })],
  ['error', (rest) => ({ kind: 'error', detail: rest })],
  ['users', (rest, protocol) => ({ kind: 'users', list: parseNameList(rest, protocol.nameSeparator) })],
];

// The name may not contain `:`, so the first colon ends it; the text may contain more.
const MESSAGE = /^([A-Za-z0-9_-]+):([\s\S]*)$/;

export function parseChatFrame(raw: Buffer, protocol: ChatProtocol): ChatFrame {
  const bytes = stripDelimiter(raw);
  const decoded = decodeUtf8(bytes);
  if (decoded === null) return { raw, body: bytesToVisibleText(bytes), leadingSpace: false, kind: 'unknown' };
  const leadingSpace = decoded.startsWith(' ');
  const body = leadingSpace ? decoded.slice(1) : decoded;
  const base: FrameBase = { raw, body, leadingSpace };
  // Longest word first, so `/users` is never read as a shorter word that happens to prefix it.
  const parsers = [...REPLY_PARSERS].sort(([a], [b]) => protocol.words[b].length - protocol.words[a].length);
  for (const [key, parse] of parsers) {
    const rest = afterVerb(body, protocol.words[key]);
    if (rest !== null) return { ...base, ...parse(rest, protocol) };
  }
  const message = MESSAGE.exec(body);
  if (message) return { ...base, kind: 'message', from: message[1] as string, text: message[2] as string };
  return { ...base, kind: 'unknown' };
}

export function isReply(frame: ChatFrame): frame is ReplyFrame {
  return frame.kind === 'ok' || frame.kind === 'error' || frame.kind === 'users';
}

/** `Anna\nBen\n` → Anna, Ben; `\r` before a separator is dropped too. */
export function parseNameList(text: string, separator: string): NameList {
  const names = text
    .split(separator)
    .map((entry) => entry.replace(/\r$/, ''))
    .filter((entry) => entry !== '');
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  return { names, invalid: names.filter((name) => !isValidName(name)), duplicates: [...duplicates] };
}

/** The text after `word` when the frame is that verb (alone, or followed by a space or a line break). */
function afterVerb(body: string, word: string): string | null {
  if (body === word) return '';
  if (body.startsWith(`${word} `)) return body.slice(word.length + 1);
  if (body.startsWith(`${word}\n`)) return body.slice(word.length + 1);
  return null;
}
