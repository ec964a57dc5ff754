/**
 * Reading a server's answer that should be one whole number in decimal (`13`, `13\n`).
 * Whitespace around it is fine; anything else is explained rather than rejected blindly.
 */
import { decodeUtf8 } from '../lib/bytes-text.js';

export type NumberReply =
  | { kind: 'number'; value: bigint }
  | { kind: 'empty' }
  /** Text that is not a bare number: `numbers` are the integers in it (`Quersumme: 13` → [13]). */
  | { kind: 'text'; text: string; numbers: bigint[]; decimal: boolean }
  | { kind: 'not-utf8' };

export function readNumberReply(data: Uint8Array): NumberReply {
  const text = decodeUtf8(data);
  if (text === null) return { kind: 'not-utf8' };
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (/^[+-]?\d+$/.test(trimmed)) return { kind: 'number', value: BigInt(trimmed) };
  const numbers = [...trimmed.matchAll(/[+-]?\d+/g)].map((m) => BigInt(m[0]));
  return { kind: 'text', text: trimmed, numbers, decimal: /^[+-]?\d+[.,]\d+$/.test(trimmed) };
}

/**
 * For a wrong or malformed answer: why it is not the plain number `expected`, or null
 * when it is a bare number (the caller explains wrong values).
 */
export function explainNumberShape(reply: NumberReply, expected: bigint): string | null {
  switch (reply.kind) {
    case 'number':
      return null;
    case 'empty':
      return 'Your answer contains no number at all (it is empty or only whitespace).';
    case 'not-utf8':
      return 'Your answer is not valid UTF-8 text. Send the number as text: `string2bytes(str(zahl))`.';
    default:
      if (reply.decimal && reply.numbers[0] === expected) return `That is a decimal number; send a whole number: \`str(int(...))\`, here \`${expected}\`.`;
      if (reply.numbers.includes(expected)) return `Your answer contains the right number, ${expected}, but also other text. Send only the number: \`string2bytes(str(anzahl))\`.`;
      return 'Your answer is not a plain number. Send only the number as text: `string2bytes(str(anzahl))`.';
  }
}
