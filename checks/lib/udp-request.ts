/**
 * One request datagram to a student's UDP server and its reply. The wait also ends when
 * the student's program exits: a crashed UDP server otherwise looks just like a slow one.
 */
import { waitForExitReport } from './exit-report-wait.js';
import { linkSignals } from './any-signal.js';
import { sleep } from './deadline.js';
import type { UdpEndpoint } from './udp-endpoint.js';
import { StudentExitedError, type StudentView } from '../suite.js';

export interface UdpRequestOptions {
  host: string;
  port: number;
  /** Longest wait for the reply. */
  replyMs: number;
  /** After the reply: how long we collect further datagrams (a second sendto, a separate newline). */
  graceMs: number;
  /** After silence: how long we wait for the grader's exit report, so "crashed" beats "too slow". */
  exitReportMs: number;
  student: StudentView;
  signal: AbortSignal;
}

export interface UdpExchange {
  sent: Buffer;
  /** The first datagram that came back, null when none did. */
  reply: Buffer | null;
  /** Datagrams that followed the reply within the grace time. */
  extra: Buffer[];
  /** `exited`: the program ended before it replied. */
  end: 'reply' | 'timeout' | 'exited';
  /** Date.now() right before we sent, and when the reply arrived (or we gave up). */
  sentAt: number;
  endedAt: number;
}

export async function requestDatagram(endpoint: UdpEndpoint, payload: Buffer, options: UdpRequestOptions): Promise<UdpExchange> {
  const { student, signal } = options;
  const sentAt = Date.now();
  await endpoint.send(payload, options.host, options.port);
  const base = { sent: payload, sentAt };
  const linked = linkSignals([signal, student.exited]);
  try {
    const reply = await endpoint.receive({ timeoutMs: options.replyMs, signal: linked.signal });
    if (!reply) {
      const exit = await waitForExitReport(student, options.exitReportMs, signal);
      return { ...base, reply: null, extra: [], end: exit ? 'exited' : 'timeout', endedAt: Date.now() };
    }
    const endedAt = Date.now();
    await sleep(options.graceMs, linked.signal).catch(() => {});
    const extra = endpoint.drain().map((d) => d.data);
    return { ...base, reply: reply.data, extra, end: 'reply', endedAt };
  } catch (error) {
    if (error instanceof StudentExitedError && !signal.aborted) {
      endpoint.drain();
      return { ...base, reply: null, extra: [], end: 'exited', endedAt: Date.now() };
    }
    throw error;
  } finally {
    linked.dispose();
  }
}
