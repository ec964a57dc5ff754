/**
 * Quick protocol probes (issue #13): when a student's server listens on several sockets,
 * the peer tries them in a fixed order and grades the first that answers like the
 * protocol asks. A probe is short (one exchange, `timeoutMs`) and has no side effect a
 * correct server would mind.
 */
import { tryConnectTcp } from './try-connect-tcp.js';
import { openUdp } from './udp-endpoint.js';
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
const PROBE_TEXT = Buffer.from('sockgrade probe');

/** TCP echo (RFC 862): what we send comes back. */
export const tcpEchoProbe: ProtocolProbe = {
  passes: 'sent our probe back unchanged',
  probe: async (target, signal) => {
    const attempt = await tryConnectTcp({ host: target.host, port: target.port, label: 'probe', transcript: new TranscriptRecorder(), timeoutMs: PROBE_MS, signal });
    if (!attempt.ok) return false;
    try {
      await attempt.conn.write(PROBE_TEXT, { signal });
      const reply = await attempt.conn.read({ until: { bytes: PROBE_TEXT.length }, totalTimeoutMs: PROBE_MS, signal });
      return reply.end === 'complete' && reply.data.equals(PROBE_TEXT);
    } catch {
      return false;
    } finally {
      await attempt.conn.close(50);
    }
  },
};

/** UDP echo: the datagram comes back. */
export const udpEchoProbe: ProtocolProbe = {
  passes: 'sent our probe datagram back unchanged',
  probe: async (target, signal) => {
    const endpoint = await openUdp({ label: 'probe', transcript: new TranscriptRecorder(), family: target.family, signal });
    try {
      await endpoint.send(PROBE_TEXT, target.host, target.port);
      const reply = await endpoint.receive({ timeoutMs: PROBE_MS, signal });
      return reply !== null && reply.data.equals(PROBE_TEXT);
    } catch {
      return false;
    } finally {
      endpoint.close();
    }
  },
};

/** A server that speaks first (daytime, RFC 867): something arrives without our asking. */
export const speaksFirstProbe: ProtocolProbe = {
  passes: 'sent something right after we connected',
  probe: async (target, signal) => {
    const attempt = await tryConnectTcp({ host: target.host, port: target.port, label: 'probe', transcript: new TranscriptRecorder(), timeoutMs: PROBE_MS, signal });
    if (!attempt.ok) return false;
    try {
      const reply = await attempt.conn.read({ until: { bytes: 1 }, totalTimeoutMs: PROBE_MS, signal });
      return reply.data.length > 0;
    } catch {
      return false;
    } finally {
      await attempt.conn.close(50);
    }
  },
};
