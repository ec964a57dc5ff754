import { runStudentClient } from '../lib/run-student-client.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { readParams } from '../lib/param-schema.js';
import { ECHO_CLIENT } from './echo-params.js';
import { MAX_UNREAD_REPLY_BYTES, floodFeedback, formatBytes } from '../lib/flood-limits.js';

/** One run of the student's echo client against our recording echo server. */
export interface EchoScenario {
  name: string;
  /** The line we typed on the client's stdin (without its newline). */
  text: string;
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
  /** TCP: every connection ended with a proper close (FIN), none with a reset. UDP: null. */
  closedCleanly: boolean | null;
  transcript: TranscriptEntry[];
  /** Set when the client flooded our server (issue #13): the sentence that says so. */
  flood: string | null;
}

const DEFAULT_SCENARIOS: Record<string, string> = {
  ascii: 'Hallo Echo-Server!',
  utf8: 'Grüße aus Köln – 5 € für Äpfel',
};

/** The scenario a test grades (`params.scenario`), run once per peer run and shared by its tests. */
export function echoScenario(ctx: ClientCheckContext, transport: 'tcp' | 'udp'): Promise<EchoScenario> {
  const given = readParams(ECHO_CLIENT, ctx.params);
  const name = given.scenario;
  const configured = given.scenarios && typeof given.scenarios === 'object' ? (given.scenarios as Record<string, unknown>) : {};
  const fromConfig = configured[name];
  const text = typeof fromConfig === 'string' ? fromConfig : (DEFAULT_SCENARIOS[name] ?? given.text);
  return ctx.shared(`echo-scenario:${name}:${text}`, () => runScenario(ctx, name, text, transport));
}

async function runScenario(ctx: ClientCheckContext, name: string, text: string, transport: 'tcp' | 'udp'): Promise<EchoScenario> {
  const transcript = new TranscriptRecorder();
  const host = '127.0.0.1';
  const stdin = `${text}\n`;
  const server = transport === 'tcp' ? await ctx.servers.tcpEcho({ transcript }) : await ctx.servers.udpEcho({ transcript });
  const port = server.port;
  const run = await runStudentClient(ctx, transcript, { key: `${name}:${text}`, host, port, stdin });
  const scenario: EchoScenario = {
    name,
    text,
    host,
    port,
    run,
    timeoutMs: ctx.limits.clientRunMs,
    transport,
    received: Buffer.alloc(0),
    units: 0,
    closedCleanly: null,
    transcript: [],
    flood: null,
  };
  if ('connections' in server) {
    scenario.received = server.receivedBytes();
    scenario.units = server.connections.length;
    scenario.closedCleanly = server.connections.length > 0 && server.connections.every((c) => c.closedByClient && !c.errorCode);
    const flooded = server.connections.find((c) => c.flood)?.flood;
    if (flooded) scenario.flood = floodFeedback(flooded, { program: 'client', answers: 'the echo' });
  } else {
    scenario.received = Buffer.concat(server.datagrams.map((d) => d.data));
    scenario.units = server.receivedTotal;
    if (server.stoppedAnswering) {
      scenario.flood = `Your client sent ${server.receivedTotal} datagrams (${formatBytes(server.receivedBytes)}) to our echo server, and we stopped answering before our echo passed ${formatBytes(MAX_UNREAD_REPLY_BYTES)}. We typed one line: send it once, read the echo, print it, and stop.`;
    }
  }
  await server.close();
  scenario.transcript = transcript.entries();
  return scenario;
}

