/**
 * An 8-byte big-endian length prefix (`len(daten).to_bytes(8, "big")`, `struct.pack("!Q")`):
 * the width `framing.ts` does not cover, for payloads that may exceed 4 GiB in principle
 * (files). Reads are bounded like `readLengthPrefixed`: a garbage prefix announcing
 * exabytes ends with `too-long` before any body is read.
 */
import type { FrameReadOptions, LengthPrefixedResult } from './framing.js';
import type { TcpConnection } from './tcp-connection.js';

export const U64_PREFIX_BYTES = 8;

export function encodeU64Prefix(length: number): Buffer {
  const prefix = Buffer.alloc(U64_PREFIX_BYTES);
  prefix.writeBigUInt64BE(BigInt(length));
  return prefix;
}

/** The payload with its 8-byte length in front. */
export function encodeU64Prefixed(payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  return Buffer.concat([encodeU64Prefix(body.length), body]);
}

/** The announced length; above `Number.MAX_SAFE_INTEGER` it is reported as Infinity. */
export function decodeU64Prefix(prefix: Uint8Array): number {
  const big = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength).readBigUInt64BE(0);
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(big);
}

export interface U64FrameResult extends LengthPrefixedResult {
  /** The prefix bytes as they arrived (fewer than 8 when the connection ended early). */
  prefix: Buffer;
}

/** Reads one frame with an 8-byte prefix; `maxBytes` bounds the payload (default 1 MiB). */
export async function readU64Prefixed(conn: TcpConnection, options: FrameReadOptions = {}): Promise<U64FrameResult> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const head = await conn.read({ ...options, maxBytes: U64_PREFIX_BYTES, until: { bytes: U64_PREFIX_BYTES } });
  if (head.end !== 'complete') return { prefix: head.data, payload: Buffer.alloc(0), length: null, end: head.end, elapsedMs: head.elapsedMs };
  const length = decodeU64Prefix(head.data);
  if (length > maxBytes) return { prefix: head.data, payload: Buffer.alloc(0), length, end: 'too-long', elapsedMs: head.elapsedMs };
  const body = await conn.read({ ...options, maxBytes: Math.max(length, 1), until: { bytes: length } });
  return { prefix: head.data, payload: body.data, length, end: body.end, elapsedMs: head.elapsedMs + body.elapsedMs };
}
