/**
 * A client connection whose sending side we can close while we keep reading (a TCP
 * half-close, `shutdown(SHUT_WR)`): protocols where the sender marks the end of its data
 * by closing, and then waits for an answer, need it (an upload ends this way).
 * `TcpConnection.close()` closes both directions, so this wraps the socket itself; if
 * `TcpConnection` gains a `shutdownWrite()`, this file can go.
 */
import net from 'node:net';
import { abortReason } from './any-signal.js';
import type { ConnectOptions } from './connect-tcp.js';
import { formatDuration } from './deadline.js';
import { ConnectFailedError, PhaseTimeoutError } from './errors.js';
import { TcpConnection } from './tcp-connection.js';

export interface HalfClosableConnection {
  conn: TcpConnection;
  /** Sends our FIN: the other side's recv() returns b'' while we can still read. Idempotent. */
  shutdownWrite(): void;
}

/** Like `connectTcp`; rejects with ConnectFailedError, PhaseTimeoutError or the abort reason. */
export function connectTcpHalfClosable(options: ConnectOptions): Promise<HalfClosableConnection> {
  const { host, port, label, transcript, signal } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    // allowHalfOpen: our FIN must not make Node end the socket before the reply arrived.
    const socket = net.connect({ host, port, allowHalfOpen: true });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      fail(new PhaseTimeoutError('connect', timeoutMs, `could not connect to ${host}:${port} within ${formatDuration(timeoutMs)}`));
    }, timeoutMs);
    const onAbort = (): void => fail(abortReason(signal as AbortSignal));
    const onError = (error: NodeJS.ErrnoException): void => fail(new ConnectFailedError(host, port, error.code, { cause: error }));
    const onConnect = (): void => {
      cleanup();
      transcript.event(label, `connected to ${host}:${port}`);
      const conn = new TcpConnection(socket, label, transcript);
      let shut = false;
      resolve({
        conn,
        shutdownWrite: () => {
          if (shut || socket.destroyed) return;
          shut = true;
          transcript.event(label, 'we finished sending (half-close: your recv() now returns b\'\')');
          socket.end();
        },
      });
    };
    function cleanup(): void {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    }
    function fail(error: Error): void {
      cleanup();
      socket.on('error', () => {});
      socket.destroy();
      transcript.event(label, error instanceof ConnectFailedError && error.errno === 'ECONNREFUSED' ? 'connection refused' : error.message);
      reject(error);
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
