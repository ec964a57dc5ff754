/**
 * Reading a reply of unknown length over TCP: wait for its first byte, then take what
 * follows until the server closes or goes quiet. For protocols without framing, where
 * the server's close (daytime, RFC 867) or a short silence (one number) ends the reply.
 */
import type { TcpConnection } from './tcp-connection.js';

export interface ReplyReadOptions {
  /** Longest wait for the first byte. */
  firstByteMs: number;
  /** After a byte arrived: the silence after which the reply counts as complete. */
  settleMs: number;
  /** @defaultValue 4096 */
  maxBytes?: number;
  signal?: AbortSignal;
}

/**
 * `closed`/`reset`: the server ended the connection (after `data`, which may be empty);
 * `settled`: data came, then silence for `settleMs` with the connection still open;
 * `silent`: nothing at all within `firstByteMs`; `max-bytes`: the cap was reached.
 */
export type ReplyEnd = 'closed' | 'reset' | 'settled' | 'silent' | 'max-bytes';

export interface Reply {
  data: Buffer;
  end: ReplyEnd;
  errorCode?: string;
  /** Milliseconds from the start of the read to the first byte; null when none came. */
  firstByteMs: number | null;
}

export async function readReply(conn: TcpConnection, options: ReplyReadOptions): Promise<Reply> {
  const maxBytes = options.maxBytes ?? 4096;
  const first = await conn.read({ until: { bytes: 1 }, idleTimeoutMs: options.firstByteMs, maxBytes: 1, signal: options.signal });
  const code = first.errorCode ? { errorCode: first.errorCode } : {};
  if (first.data.length === 0) {
    const end = first.end === 'reset' ? 'reset' : first.end === 'closed' ? 'closed' : 'silent';
    return { data: first.data, end, firstByteMs: null, ...code };
  }
  const rest = await conn.read({ until: 'close', idleTimeoutMs: options.settleMs, maxBytes: Math.max(1, maxBytes - 1), signal: options.signal });
  const data = Buffer.concat([first.data, rest.data]);
  const end: ReplyEnd = rest.end === 'closed' ? 'closed' : rest.end === 'reset' ? 'reset' : rest.end === 'max-bytes' ? 'max-bytes' : 'settled';
  return { data, end, firstByteMs: first.elapsedMs, ...(rest.errorCode ? { errorCode: rest.errorCode } : {}) };
}
