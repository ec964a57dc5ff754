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

/** Width of a big-endian ("network byte order", `socket.htons`/`htonl`) length prefix. */
export type PrefixBytes = 1 | 2 | 4;

/** Prefixes a payload with its length in network byte order. */
export function encodeLengthPrefixed(payload: Uint8Array | string, prefixBytes: PrefixBytes = 4): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const max = 2 ** (8 * prefixBytes) - 1;
  if (body.length > max) throw new CheckUsageError(`payload of ${body.length} bytes does not fit a ${prefixBytes}-byte length prefix`);
  const prefix = Buffer.alloc(prefixBytes);
  prefix.writeUIntBE(body.length, 0, prefixBytes);
  return Buffer.concat([prefix, body]);
}

export interface LengthPrefixedResult {
  /** The payload without its prefix; partial when `end` is not `complete`. */
  payload: Buffer;
  /** The announced length, null when the prefix itself did not arrive. */
  length: number | null;
  end: ReadResult['end'] | 'too-long';
  elapsedMs: number;
}

/**
 * Reads one length-prefixed frame. A prefix announcing more than `maxBytes` ends with
 * `too-long` before reading the body: a garbage prefix must not make us wait for 4 GiB.
 */
export async function readLengthPrefixed(
  conn: TcpConnection,
  options: FrameReadOptions & { prefixBytes?: PrefixBytes } = {},
): Promise<LengthPrefixedResult> {
  const prefixBytes = options.prefixBytes ?? 4;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const head = await conn.read({ ...options, maxBytes: prefixBytes, until: { bytes: prefixBytes } });
  if (head.end !== 'complete') return { payload: Buffer.alloc(0), length: null, end: head.end, elapsedMs: head.elapsedMs };
  const length = head.data.readUIntBE(0, prefixBytes);
  if (length > maxBytes) return { payload: Buffer.alloc(0), length, end: 'too-long', elapsedMs: head.elapsedMs };
  const body = await conn.read({ ...options, maxBytes: Math.max(length, 1), until: { bytes: length } });
  return { payload: body.data, length, end: body.end, elapsedMs: head.elapsedMs + body.elapsedMs };
}
