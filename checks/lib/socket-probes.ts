/**
 * Quick protocol probes (issue #13): when a student's server listens on several sockets,
 * the peer tries them in a fixed order and grades the first that answers like the
 * protocol asks. A probe is short (one exchange, `timeoutMs`) and has no side effect a
 * correct server would mind.
 */
import { tryConnectTcp } from './try-connect-tcp.js';
import type { TcpConnection } from './tcp-connection.js';
import { openUdp, type UdpEndpoint } from './udp-endpoint.js';
import { TranscriptRecorder } from './transcript.js';

/** Where to probe: the host we connect to and the port. */
export interface ProbeTarget {
  host: string;
  port: number;
  family: 4 | 6;
}

/** True when the socket speaks the protocol. Never throws for a student's behaviour. */
export type SocketProbe = (target: ProbeTarget, signal: AbortSignal) => Promise<boolean>;

/** A probe and how the feedback names what it looked for ("answered like an echo server"). */
export interface ProtocolProbe {
  probe: SocketProbe;
  /** e.g. "echoed our probe back" */
  passes: string;
}

const PROBE_MS = 1000;
/** After the first bytes of an answer of unknown length, the silence that ends it. */
const SETTLE_MS = 150;
/** Longest answer a probe reads. */
const MAX_ANSWER_BYTES = 4096;
const PROBE_TEXT = Buffer.from('sockgrade probe');

/** Connects, runs `exchange`, closes; false on any failure (a student's behaviour is never our error). */
async function overTcp(target: ProbeTarget, signal: AbortSignal, exchange: (conn: TcpConnection) => Promise<boolean>): Promise<boolean> {
  const attempt = await tryConnectTcp({ host: target.host, port: target.port, label: 'probe', transcript: new TranscriptRecorder(), timeoutMs: PROBE_MS, signal });
  if (!attempt.ok) return false;
  try {
    return await exchange(attempt.conn);
  } catch {
    return false;
  } finally {
    await attempt.conn.close(50);
  }
}

async function overUdp(target: ProbeTarget, signal: AbortSignal, exchange: (endpoint: UdpEndpoint) => Promise<boolean>): Promise<boolean> {
  const endpoint = await openUdp({ label: 'probe', transcript: new TranscriptRecorder(), family: target.family, signal });
  try {
    return await exchange(endpoint);
  } catch {
    return false;
  } finally {
    endpoint.close();
  }
}

/** TCP echo (RFC 862): what we send comes back. */
export const tcpEchoProbe: ProtocolProbe = {
  passes: 'sent our probe back unchanged',
  probe: (target, signal) =>
    overTcp(target, signal, async (conn) => {
      await conn.write(PROBE_TEXT, { signal });
      const reply = await conn.read({ until: { bytes: PROBE_TEXT.length }, totalTimeoutMs: PROBE_MS, signal });
      return reply.end === 'complete' && reply.data.equals(PROBE_TEXT);
    }),
};

/** UDP echo: the datagram comes back. */
export const udpEchoProbe: ProtocolProbe = udpAnswerProbe(PROBE_TEXT, (reply) => reply.equals(PROBE_TEXT), 'sent our probe datagram back unchanged');

/** A server that speaks first (daytime, RFC 867): something arrives without our asking. */
export const speaksFirstProbe: ProtocolProbe = {
  passes: 'sent something right after we connected',
  probe: (target, signal) =>
    overTcp(target, signal, async (conn) => {
      const reply = await conn.read({ until: { bytes: 1 }, totalTimeoutMs: PROBE_MS, signal });
      return reply.data.length > 0;
    }),
};

/**
 * A TCP server that answers a request (sent as is, one write) with an answer `accepts`
 * takes: read from the first byte until it closes or falls silent for a moment.
 */
export function tcpAnswerProbe(request: Buffer, accepts: (answer: Buffer) => boolean, passes: string): ProtocolProbe {
  return {
    passes,
    probe: (target, signal) =>
      overTcp(target, signal, async (conn) => {
        await conn.write(request, { signal });
        const first = await conn.read({ until: { bytes: 1 }, totalTimeoutMs: PROBE_MS, signal });
        if (first.data.length === 0) return false;
        const rest = await conn.read({ until: 'close', idleTimeoutMs: SETTLE_MS, totalTimeoutMs: PROBE_MS, maxBytes: MAX_ANSWER_BYTES, signal });
        return accepts(Buffer.concat([first.data, rest.data]));
      }),
  };
}

/** A UDP server that answers our datagram with one `accepts` takes. */
export function udpAnswerProbe(request: Buffer, accepts: (answer: Buffer) => boolean, passes: string): ProtocolProbe {
  return {
    passes,
    probe: (target, signal) =>
      overUdp(target, signal, async (endpoint) => {
        await endpoint.send(request, target.host, target.port);
        const reply = await endpoint.receive({ timeoutMs: PROBE_MS, signal });
        return reply !== null && accepts(reply.data);
      }),
  };
}

/** Does `answer` contain `number` as a whole number (not as part of a longer one)? */
export function containsNumber(answer: Buffer, number: number): boolean {
  return new RegExp(`(^|[^0-9])${number}([^0-9]|$)`).test(answer.toString('latin1'));
}
