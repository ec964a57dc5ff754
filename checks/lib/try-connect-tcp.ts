import { connectTcp, type ConnectOptions } from './connect-tcp.js';
import { ConnectFailedError, PhaseTimeoutError } from './errors.js';
import type { TcpConnection } from './tcp-connection.js';

/** A connection attempt as data: a student's server that is gone is a finding, not an error. */
export type ConnectAttempt =
  | { ok: true; conn: TcpConnection }
  /** `refused`: nobody accepted (or the connection failed); `timeout`: the backlog is full, nobody answered. */
  | { ok: false; end: 'refused' | 'timeout'; errorCode?: string };

/** {@link connectTcp}, with refusal and connect timeouts returned instead of thrown; aborts still throw. */
export async function tryConnectTcp(options: ConnectOptions): Promise<ConnectAttempt> {
  try {
    return { ok: true, conn: await connectTcp(options) };
  } catch (error) {
    if (error instanceof ConnectFailedError) return { ok: false, end: 'refused', ...(error.errno ? { errorCode: error.errno } : {}) };
    if (error instanceof PhaseTimeoutError && error.phase === 'connect') return { ok: false, end: 'timeout' };
    throw error;
  }
}
