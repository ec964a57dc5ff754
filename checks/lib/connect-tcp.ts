import net from 'node:net';
import { abortReason } from './any-signal.js';
import { formatDuration } from './deadline.js';
import { ConnectFailedError, PhaseTimeoutError } from './errors.js';
import { TcpConnection } from './tcp-connection.js';
import type { TranscriptRecorder } from './transcript.js';
import type { WireFaults } from './wire-faults.js';

export interface ConnectOptions {
  host: string;
  port: number;
  /** Connection label in the transcript, e.g. `conn 1`. */
  label: string;
  transcript: TranscriptRecorder;
  /** @defaultValue 2000 */
  timeoutMs?: number;
  /**
   * Keep the connection half-open: after our `shutdownWrite()` we still read the answer,
   * and the other side's FIN is not answered with ours at once. @defaultValue false
   */
  allowHalfOpen?: boolean;
  /** Wire faults for every write and read on this connection (see wire-faults.ts). @defaultValue none */
  wire?: WireFaults;
  signal?: AbortSignal;
}

/** Opens a TCP connection; rejects with ConnectFailedError, PhaseTimeoutError or the abort reason. */
export function connectTcp(options: ConnectOptions): Promise<TcpConnection> {
  const { host, port, label, transcript, signal } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, allowHalfOpen: options.allowHalfOpen ?? false });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      fail(new PhaseTimeoutError('connect', timeoutMs, `could not connect to ${host}:${port} within ${formatDuration(timeoutMs)}`));
    }, timeoutMs);
    const onAbort = (): void => fail(abortReason(signal as AbortSignal));
    const onError = (error: NodeJS.ErrnoException): void => fail(new ConnectFailedError(host, port, error.code, { cause: error }));
    const onConnect = (): void => {
      cleanup();
      transcript.event(label, `connected to ${host}:${port}`);
      resolve(new TcpConnection(socket, label, transcript, options.wire));
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
      const note = error instanceof ConnectFailedError && error.errno === 'ECONNREFUSED' ? 'connection refused' : error.message;
      transcript.event(label, note);
      reject(error);
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
