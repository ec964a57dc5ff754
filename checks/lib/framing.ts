/**
 * Message framing over a TCP byte stream: TCP keeps no message boundaries, so every
 * protocol says where a message ends. The ways our assignments use live here once.
 */
import { CheckUsageError } from './errors.js';
import type { ReadOptions, ReadResult, TcpConnection } from './tcp-connection.js';

export type Delimiter = '\n' | '\r\n' | '\0';

export type FrameReadOptions = Omit<ReadOptions, 'until'>;

/** Reads up to and including the next delimiter. `end` is `complete` when one was found. */
export function readDelimited(conn: TcpConnection, delimiter: Delimiter | string, options: FrameReadOptions = {}): Promise<ReadResult> {
  return conn.read({ ...options, until: { delimiter } });
}

/** Reads one `\n`-terminated line (a `\r\n` line ends with `\n` too). */
export function readLine(conn: TcpConnection, options: FrameReadOptions = {}): Promise<ReadResult> {
  return readDelimited(conn, '\n', options);
}

/** Removes one trailing delimiter (`\r\n`, `\n` or `\0`) from a frame. */
export function stripDelimiter(frame: Uint8Array): Buffer {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a) return bytes.subarray(0, -2);
  const last = bytes[bytes.length - 1];
  if (last === 0x0a || last === 0x00) return bytes.subarray(0, -1);
  return bytes;
}

/** Splits complete frames off a buffer; `rest` is the unfinished tail. */
export function splitFrames(buffer: Uint8Array, delimiter: Delimiter | string): { frames: Buffer[]; rest: Buffer } {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const mark = Buffer.from(delimiter, 'utf8');
  const frames: Buffer[] = [];
  let start = 0;
  for (let index = bytes.indexOf(mark, start); index >= 0; index = bytes.indexOf(mark, start)) {
    frames.push(bytes.subarray(start, index + mark.length));
    start = index + mark.length;
  }
  return { frames, rest: bytes.subarray(start) };
}

/**
 * Width of a big-endian ("network byte order") length prefix: `socket.htons`/`htonl` give 2
 * and 4; 8 is `len(data).to_bytes(8, "big")` or `struct.pack("!Q")`, for payloads that may
 * exceed 4 GiB in principle (files).
 */
export type PrefixBytes = 1 | 2 | 4 | 8;

/** The length prefix alone, for a payload sent in pieces after it. */
export function encodeLengthPrefix(length: number, prefixBytes: PrefixBytes = 4): Buffer {
  const prefix = Buffer.alloc(prefixBytes);
  // Buffer's writeUIntBE stops at 6 bytes.
  if (prefixBytes === 8) prefix.writeBigUInt64BE(BigInt(length));
  else prefix.writeUIntBE(length, 0, prefixBytes);
  return prefix;
}

/** Prefixes a payload with its length in network byte order. */
export function encodeLengthPrefixed(payload: Uint8Array | string, prefixBytes: PrefixBytes = 4): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const max = 2 ** (8 * prefixBytes) - 1;
  if (body.length > max) throw new CheckUsageError(`payload of ${body.length} bytes does not fit a ${prefixBytes}-byte length prefix`);
  return Buffer.concat([encodeLengthPrefix(body.length, prefixBytes), body]);
}

/** The length a prefix announces; an 8-byte one above `Number.MAX_SAFE_INTEGER` is reported as Infinity. */
export function decodeLengthPrefix(prefix: Uint8Array, prefixBytes: PrefixBytes = 4): number {
  const bytes = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (prefixBytes !== 8) return bytes.readUIntBE(0, prefixBytes);
  const big = bytes.readBigUInt64BE(0);
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(big);
}

export interface LengthPrefixedResult {
  /** The prefix bytes as they arrived (fewer than `prefixBytes` when the connection ended early). */
  prefix: Buffer;
  /** The payload without its prefix; partial when `end` is not `complete`. */
  payload: Buffer;
  /** The announced length, null when the prefix itself did not arrive. */
  length: number | null;
  end: ReadResult['end'] | 'too-long';
  elapsedMs: number;
}

/**
 * Reads one length-prefixed frame. A prefix announcing more than `maxBytes` ends with
 * `too-long` before reading the body: a garbage prefix must not make us wait for 4 GiB
 * (or, with 8 bytes, exabytes).
 */
export async function readLengthPrefixed(
  conn: TcpConnection,
  options: FrameReadOptions & { prefixBytes?: PrefixBytes } = {},
): Promise<LengthPrefixedResult> {
  const prefixBytes = options.prefixBytes ?? 4;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const head = await conn.read({ ...options, maxBytes: prefixBytes, until: { bytes: prefixBytes } });
  if (head.end !== 'complete') return { prefix: head.data, payload: Buffer.alloc(0), length: null, end: head.end, elapsedMs: head.elapsedMs };
  const length = decodeLengthPrefix(head.data, prefixBytes);
  if (length > maxBytes) return { prefix: head.data, payload: Buffer.alloc(0), length, end: 'too-long', elapsedMs: head.elapsedMs };
  const body = await conn.read({ ...options, maxBytes: Math.max(length, 1), until: { bytes: length } });
  return { prefix: head.data, payload: body.data, length, end: body.end, elapsedMs: head.elapsedMs + body.elapsedMs };
}
