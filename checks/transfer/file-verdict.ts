/**
 * Why a transferred file differs from the original, in words for a student: cut off
 * after one recv(), the start lost with the request line, bytes mangled by decoding
 * them as text, the status line written into the file. Works on the bytes themselves
 * (what a server stored) or, for a client, on the SHA-256 and size it printed.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { sha256 } from './file-content.js';

export interface MismatchContext {
  /** `server`: the bytes your server stored; `client`: the file your client saved. */
  who: 'server' | 'client';
  /** The line in front of the file in the same stream (`PUT name\n` or `OK\n`). */
  lineBefore: Buffer;
}

const replacingDecoder = new TextDecoder('utf-8');

/** The likely cause when `got` is not `expected`, or a plain description of the first difference. */
export function explainContentMismatch(expected: Buffer, got: Buffer, context: MismatchContext): string {
  const your = context.who === 'server' ? 'your server' : 'your client';
  if (got.length === 0 && context.who === 'server' && context.lineBefore.length > 0) {
    return `${your}'s copy is empty. Our request line ${quoteBytes(context.lineBefore)} and the file arrived together: the first recv() returned both in one piece (TCP has no message boundaries). If ${your} keeps only the line from that piece, the file is lost. Split the first piece at the first \`\\n\` and keep what follows as the start of the file; then go on with recv().`;
  }
  if (got.length === 0) return `${your} kept 0 of ${expected.length} bytes.`;
  if (got.length < expected.length && expected.subarray(0, got.length).equals(got)) return truncated(got.length, expected.length, context);
  if (got.length < expected.length && expected.subarray(expected.length - got.length).equals(got)) return headLost(expected.length - got.length, context);
  const cause = knownTransform(expected, got, context) ?? likelyDecoded(expected, got, context);
  if (cause) return cause;
  const index = firstDifference(expected, got);
  return `the bytes differ from byte ${index} on: the original has ${quoteBytes(expected.subarray(index, index + 16), 16)} there, ${your}'s copy ${quoteBytes(got.subarray(index, index + 16), 16)} (${got.length} bytes instead of ${expected.length}).`;
}

/**
 * For a client that printed a SHA-256 that is not the original's: tries what it most
 * likely saved instead and returns that cause, or null.
 */
export function explainDigestMismatch(expected: Buffer, printedSha: string, printedSize: number | null, context: MismatchContext): string | null {
  const size = printedSize ?? -1;
  if (size >= 0 && size < expected.length) {
    if (sha256(expected.subarray(0, size)) === printedSha) return truncated(size, expected.length, context);
    if (sha256(expected.subarray(expected.length - size)) === printedSha) return headLost(expected.length - size, context);
  }
  for (const candidate of transforms(expected, context)) {
    if (sha256(candidate.bytes) === printedSha) return candidate.cause;
  }
  return null;
}

interface Transform {
  bytes: Buffer;
  cause: string;
}

function transforms(expected: Buffer, context: MismatchContext): Transform[] {
  const your = context.who === 'server' ? 'your server' : 'your client';
  const out: Transform[] = [];
  const replaced = Buffer.from(replacingDecoder.decode(expected), 'utf8');
  if (!replaced.equals(expected)) out.push({ bytes: replaced, cause: decodedCause(your) });
  const latin1 = Buffer.from(expected.toString('latin1'), 'utf8');
  if (!latin1.equals(expected)) {
    out.push({
      bytes: latin1,
      cause: `${your} decoded the bytes as Latin-1 and encoded them again as UTF-8: every byte above 127 became two bytes. A file is bytes: save what recv() returns without decoding it.`,
    });
  }
  if (context.lineBefore.length > 0) {
    out.push({
      bytes: Buffer.concat([context.lineBefore, expected]),
      cause: `${your}'s copy starts with the line ${quoteBytes(context.lineBefore)} that came in front of the file. That line belongs to the protocol, not to the file: cut it off at the first \`\\n\` and keep only what follows.`,
    });
  }
  out.push({ bytes: Buffer.concat([expected, Buffer.from('\n')]), cause: `${your} added a line break (\`\\n\`) at the end. Save exactly the bytes that came, nothing more.` });
  const crlf = Buffer.from(expected.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  if (!crlf.equals(expected)) out.push({ bytes: crlf, cause: `every \`\\n\` became \`\\r\\n\`: ${your} wrote the file in text mode. Open it with \`"wb"\` (binary mode).` });
  return out;
}

function decodedCause(your: string): string {
  return `${your} turned the bytes into text and back (\`bytes2string()\` / \`decode(errors="replace")\`): every byte that is not valid UTF-8 became the replacement character \`�\` (3 bytes). A file is bytes: write what recv() returns straight to a file opened with \`"wb"\`, without decoding.`;
}

const REPLACEMENT = Buffer.from('efbfbd', 'hex');

/** More `�` than the original has: decoded with errors="replace", whatever happened after. */
export function likelyDecoded(expected: Buffer, got: Buffer, context: MismatchContext): string | null {
  const count = (bytes: Buffer): number => {
    let n = 0;
    for (let i = bytes.indexOf(REPLACEMENT); i >= 0; i = bytes.indexOf(REPLACEMENT, i + 3)) n += 1;
    return n;
  };
  return count(got) > count(expected.subarray(0, got.length)) ? decodedCause(context.who === 'server' ? 'your server' : 'your client') : null;
}

function knownTransform(expected: Buffer, got: Buffer, context: MismatchContext): string | null {
  for (const candidate of transforms(expected, context)) if (candidate.bytes.equals(got)) return candidate.cause;
  return null;
}

function truncated(kept: number, total: number, context: MismatchContext): string {
  const firstRecv = kept + context.lineBefore.length;
  const bufferSize = isBufferSize(firstRecv) ? firstRecv : isBufferSize(kept) ? kept : null;
  const your = context.who === 'server' ? 'your server' : 'your client';
  const once = bufferSize
    ? ` That is exactly what one \`recv(${bufferSize})\` returns${firstRecv === bufferSize && context.lineBefore.length > 0 ? ' together with the line in front' : ''}: it looks like ${your} calls recv() only once.`
    : '';
  return `only the first ${kept} of ${total} bytes arrived in ${your}'s copy: it stopped reading too early.${once} A file of ${total} bytes needs many recv() calls: repeat recv() ${context.who === 'server' ? "until it returns b'' (the sender closed)" : "until it returns b'' (our server closed) or until you have as many bytes as announced"}, and keep every piece.`;
}

function headLost(lost: number, context: MismatchContext): string {
  const your = context.who === 'server' ? 'your server' : 'your client';
  return `the first ${lost} bytes of the file are missing in ${your}'s copy, the rest is right. The first recv() returned the line ${quoteBytes(context.lineBefore)} *and* the start of the file in one piece (TCP has no message boundaries), and ${your} kept only the line. Split the first piece at the first \`\\n\` and keep what follows as the start of the file.`;
}

/** A typical recv() buffer size: a power of two from 16 on, or a round thousand. */
function isBufferSize(n: number): boolean {
  return (n >= 16 && (n & (n - 1)) === 0) || (n >= 1000 && n % 1000 === 0);
}

function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) if (a[i] !== b[i]) return i;
  return length;
}
