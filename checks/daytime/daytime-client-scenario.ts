import { runStudentClient } from '../lib/run-student-client.js';
import { RecordingTcpServer } from '../lib/recording-tcp-server.js';
import { RecordingUdpServer } from '../lib/recording-udp-server.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { readParams } from '../lib/param-schema.js';
import { DAYTIME_CLIENT } from './daytime-params.js';

/** One run of the student's daytime client against our daytime server with a fixed time. */
export interface DaytimeClientScenario {
  name: string;
  /** The date and time our server sends (without its CRLF). */
  answer: string;
  host: string;
  port: number;
  run: StudentRunResult;
  /** The client's kill timeout. */
  timeoutMs: number;
  transport: 'tcp' | 'udp';
  /** Everything the client sent: TCP bytes over all connections, or the UDP datagrams joined. */
  received: Buffer;
  /** TCP connections or UDP datagrams. */
  units: number;
  transcript: TranscriptEntry[];
}

/**
 * Times far from now, so that a client printing its own clock is caught: the example of
 * RFC 867 itself, and a German one whose `ä` a client must decode as UTF-8.
 */
export const DAYTIME_SCENARIOS: Readonly<Record<string, string>> = {
  rfc: 'Tuesday, February 22, 1982 17:37:43-PST',
  german: 'Donnerstag, 15. März 2001, 14:29:17 MEZ',
};

/** The scenario a test grades (`params.scenario`), run once per peer run and shared by its tests. */
export function daytimeClientScenario(ctx: ClientCheckContext, transport: 'tcp' | 'udp'): Promise<DaytimeClientScenario> {
  const { scenario: name, scenarios } = readParams(DAYTIME_CLIENT, ctx.params);
  const configured = scenarios && typeof scenarios === 'object' ? (scenarios as Record<string, unknown>) : {};
  const fromConfig = configured[name];
  const answer = typeof fromConfig === 'string' ? fromConfig : (DAYTIME_SCENARIOS[name] ?? DAYTIME_SCENARIOS.rfc ?? '');
  return ctx.shared(`daytime-scenario:${name}:${answer}`, () => runScenario(ctx, name, answer, transport));
}

async function runScenario(ctx: ClientCheckContext, name: string, answer: string, transport: 'tcp' | 'udp'): Promise<DaytimeClientScenario> {
  const transcript = new TranscriptRecorder();
  const host = '127.0.0.1';
  // RFC 867 §TCP: "send the current date and time as an ASCII character string"; a line with CRLF.
  const bytes = Buffer.from(`${answer}\r\n`, 'utf8');
  const server =
    transport === 'tcp'
      ? await RecordingTcpServer.start({ transcript, greeting: () => bytes, echo: false, maxBytesPerConnection: 64 * 1024, host, ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}) })
      : await RecordingUdpServer.start({ transcript, reply: () => bytes, host, ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}) });
  try {
    const port = server.port;
    const run = await runStudentClient(ctx, transcript, { key: `${name}:${answer}`, host, port });
    const tcp = server instanceof RecordingTcpServer;
    return {
      name,
      answer,
      host,
      port,
      run,
      timeoutMs: ctx.limits.clientRunMs,
      transport,
      received: tcp ? server.receivedBytes() : Buffer.concat(server.datagrams.map((d) => d.data)),
      units: tcp ? server.connections.length : server.receivedTotal,
      transcript: transcript.entries(),
    };
  } finally {
    await server.close();
  }
}

