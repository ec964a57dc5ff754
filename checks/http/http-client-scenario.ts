/**
 * One run of the student's HTTP client against our mock web server, per variant
 * (`Connection: close` or keep-alive, `Content-Length` or chunked): we keep what it
 * asked for, what we answered, what it printed and how long it took.
 */
import { describeRunEnd } from '../lib/run-end-note.js';
import { sleep } from '../lib/deadline.js';
import { readParams } from '../lib/param-schema.js';
import { HTTP_CLIENT } from './http-params.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { type HttpPage, pageFor } from './http-page.js';
import type { BodyFraming } from './http-response.js';
import { type ConnectionMode, type HttpConnectionRecord, type HttpExchange, startMockHttpServer } from './mock-http-server.js';

export interface HttpVariant {
  connection: ConnectionMode;
  encoding: BodyFraming;
}

export interface HttpServerSettings {
  keepAliveMs: number;
  settleMs: number;
  segmentPauseMs: number;
  strictHost: boolean;
}

export interface HttpClientScenario {
  name: string;
  variant: HttpVariant;
  settings: HttpServerSettings;
  page: HttpPage;
  connections: HttpConnectionRecord[];
  host: string;
  port: number;
  run: StudentRunResult;
  /** `Date.now()` when the client was started and when its end was reported. */
  startedAt: number;
  endedAt: number;
  timeoutMs: number;
  transcript: TranscriptEntry[];
}

export function httpVariant(params: Record<string, unknown>): HttpVariant {
  const { connection, encoding } = readParams(HTTP_CLIENT, params);
  return { connection, encoding };
}

export function httpSettings(params: Record<string, unknown>): HttpServerSettings {
  const { keepAliveMs, settleMs, segmentPauseMs, strictHost } = readParams(HTTP_CLIENT, params);
  return { keepAliveMs, settleMs, segmentPauseMs, strictHost };
}

/** The run of the test's variant (`params.scenario`, `connection`, `encoding`), shared by the tests that judge it. */
export function httpClientScenario(ctx: ClientCheckContext): Promise<HttpClientScenario> {
  const name = readParams(HTTP_CLIENT, ctx.params).scenario;
  const variant = httpVariant(ctx.params);
  return ctx.shared(`http-client:${name}:${variant.connection}:${variant.encoding}`, () => runScenario(ctx, name, variant));
}

async function runScenario(ctx: ClientCheckContext, name: string, variant: HttpVariant): Promise<HttpClientScenario> {
  const settings = httpSettings(ctx.params);
  const page = pageFor(ctx.seed, readParams(HTTP_CLIENT, ctx.params).path);
  const transcript = new TranscriptRecorder();
  const mock = await startMockHttpServer({
    transcript,
    page,
    ...variant,
    ...settings,
    requestWaitMs: ctx.limits.clientRunMs,
    ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}),
    log: ctx.log,
  });
  const host = '127.0.0.1';
  const port = mock.server.port;
  try {
    transcript.event('client', `started: python3 ${ctx.assignment.entry} ${host} ${port} (our server: ${variant.connection === 'close' ? 'Connection: close' : 'keep-alive'}, ${variant.encoding === 'chunked' ? 'chunked' : 'Content-Length'})`);
    const startedAt = Date.now();
    const run = await ctx.runClient(`http:${name}:${variant.connection}:${variant.encoding}`, { args: [host, String(port)], env: { SERVER_HOST: host, SERVER_PORT: String(port) }, timeoutMs: ctx.limits.clientRunMs });
    const endedAt = Date.now();
    // The client's FIN may trail its exit report by a moment.
    await sleep(50);
    transcript.event('client', describeRunEnd(run));
    await mock.server.close();
    return { name, variant, settings, page, connections: mock.connections, host, port, run, startedAt, endedAt, timeoutMs: ctx.limits.clientRunMs, transcript: transcript.entries() };
  } finally {
    await mock.server.close();
  }
}


/** The first request the client sent, with the connection it came on. */
export function firstExchange(s: HttpClientScenario): { connection: HttpConnectionRecord; exchange: HttpExchange } | null {
  for (const connection of s.connections) {
    const exchange = connection.exchanges[0];
    if (exchange) return { connection, exchange };
  }
  return null;
}
