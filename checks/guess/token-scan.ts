/**
 * Finding one protocol word at the start of what a server sent, without a delimiter: the
 * course sends bare strings (`"-"`, `"+"`, `"="`), one per `recv()`, so a reply ends where
 * the word ends. Whitespace around words (a `"\n"` after each reply) is skipped.
 */

export type TokenScan =
  | { kind: 'need-more' }
  /** `word`: index into the word list; `consumed`: bytes up to the word's end (or its number's). */
  | { kind: 'token'; word: number; consumed: number; number: number | null }
  /** The bytes from `start` on begin with none of the words. */
  | { kind: 'invalid'; start: number };

export interface ScanOptions {
  /** Index of a word that may be followed by a number on the same line (`= 7`: the guess count). */
  numberAfter?: number;
  /** No more bytes will come (the other side went quiet or closed): decide with what is there. */
  final?: boolean;
}

const SPACE = new Set([0x20, 0x09, 0x0d, 0x0a]);
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export function scanToken(bytes: Uint8Array, words: readonly string[], options: ScanOptions = {}): TokenScan {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  while (start < data.length && SPACE.has(data[start] as number)) start += 1;
  const rest = data.subarray(start);
  if (rest.length === 0) return { kind: 'need-more' };
  const encoded = words.map((word) => Buffer.from(word, 'utf8'));
  let best = -1;
  let waiting = false;
  for (const [index, word] of encoded.entries()) {
    if (word.length === 0) continue;
    if (rest.length >= word.length && rest.subarray(0, word.length).equals(word)) {
      if (best < 0 || word.length > (encoded[best] as Buffer).length) best = index;
    } else if (rest.length < word.length && word.subarray(0, rest.length).equals(rest)) {
      // `kl` may still become `kleiner`; a complete shorter word must wait for it too.
      waiting = true;
    }
  }
  if (waiting && !options.final) return { kind: 'need-more' };
  if (best < 0) return { kind: 'invalid', start };
  const consumed = start + (encoded[best] as Buffer).length;
  if (options.numberAfter !== best) return { kind: 'token', word: best, consumed, number: null };
  return withNumber(data, best, consumed, options.final ?? false);
}

/** `=`, then optional spaces or a colon, then digits: the number ends at the first non-digit. */
function withNumber(data: Buffer, word: number, wordEnd: number, final: boolean): TokenScan {
  let i = wordEnd;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x3a)) i += 1;
  if (i === data.length) return final ? { kind: 'token', word, consumed: wordEnd, number: null } : { kind: 'need-more' };
  let end = i;
  while (end < data.length && (data[end] as number) >= DIGIT_0 && (data[end] as number) <= DIGIT_9) end += 1;
  if (end === i) return { kind: 'token', word, consumed: wordEnd, number: null };
  if (end === data.length && !final) return { kind: 'need-more' };
  return { kind: 'token', word, consumed: end, number: Number(data.subarray(i, end).toString('ascii')) };
}
