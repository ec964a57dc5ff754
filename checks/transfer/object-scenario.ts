/**
 * One run of the student's object client: we type a Python literal on its stdin, it
 * builds the object and sends it pickled to our server, which decodes it safely and
 * answers. Several tests judge the same run.
 */
import { sleep } from '../lib/deadline.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { startObjectReferenceServer, type ReceivedObject } from './object-reference-server.js';
import { readParams } from '../lib/param-schema.js';
import { type Framing, OBJECT_TRANSFER, type ObjectScenarioSpec } from './params.js';
import { DEFAULT_PICKLE_LIMITS, type PickleLimits } from './pickle/pickle-decoder.js';
import { parsePyLiteral } from './pickle/py-literal.js';
import type { PyValue } from './pickle/py-value.js';

/** A scenario as a teacher writes it: a literal, or a generated list (`item` with `{i}`, `count` times). */
export type { ObjectScenarioSpec } from './params.js';

export interface ObjectScenario {
  name: string;
  /** The line we typed (without its newline). */
  literal: string;
  expected: PyValue;
  framing: Framing;
  host: string;
  port: number;
  connections: number;
  received: ReceivedObject[];
  run: StudentRunResult;
  timeoutMs: number;
  okWord: string;
  errorWord: string;
  transcript: TranscriptEntry[];
}

/** The literal a spec stands for: `{ item: "'Eintrag {i}'", count: 3 }` is `['Eintrag 0', 'Eintrag 1', 'Eintrag 2']`. */
export function literalOf(spec: ObjectScenarioSpec): string {
  if (typeof spec === 'string') return spec;
  return `[${Array.from({ length: Math.max(0, Math.floor(spec.count)) }, (_, i) => spec.item.replaceAll('{i}', String(i))).join(', ')}]`;
}

/** The scenario of a test (`params.scenario`, looked up in `params.scenarios`), run once per peer run. */
export function objectScenario(ctx: ClientCheckContext): Promise<ObjectScenario> {
  const { scenario: name, scenarios } = readParams(OBJECT_TRANSFER, ctx.params);
  const specs = scenarios && typeof scenarios === 'object' ? (scenarios as Record<string, unknown>) : {};
  const spec = specs[name];
  const valid = typeof spec === 'string' || (spec && typeof spec === 'object' && typeof (spec as { item?: unknown }).item === 'string' && typeof (spec as { count?: unknown }).count === 'number');
  // A scenario missing from the params is our configuration error: the check reports it as such.
  if (!valid) return Promise.reject(new Error(`no object scenario named \`${name}\` in params.scenarios`));
  const literal = literalOf(spec as ObjectScenarioSpec);
  return ctx.shared(`object:${name}:${literal.length}:${literal.slice(0, 200)}`, () => runScenario(ctx, name, literal));
}

async function runScenario(ctx: ClientCheckContext, name: string, literal: string): Promise<ObjectScenario> {
  const expected = parsePyLiteral(literal);
  const transcript = new TranscriptRecorder();
  const host = '127.0.0.1';
  const { framing, okWord, errorWord, maxObjectBytes, replyMs } = readParams(OBJECT_TRANSFER, ctx.params);
  const limits: PickleLimits = { ...DEFAULT_PICKLE_LIMITS, maxBytes: maxObjectBytes };
  const reference = await startObjectReferenceServer({
    transcript,
    framing,
    limits,
    replyMs,
    okWord,
    errorWord,
    ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}),
    log: ctx.log,
  });
  const port = reference.server.port;
  const stdin = `${literal}\n`;
  try {
    transcript.event('client', `started: python3 ${ctx.assignment.entry} ${host} ${port}, stdin ${JSON.stringify(stdin.length > 200 ? `${stdin.slice(0, 200)}…` : stdin)}`);
    const run = await ctx.runClient(`object:${name}`, {
      args: [host, String(port)],
      stdin,
      env: { SERVER_HOST: host, SERVER_PORT: String(port) },
      timeoutMs: ctx.limits.clientRunMs,
    });
    await sleep(50);
    transcript.event('client', run.timedOut ? `still running after ${run.durationMs} ms: stopped` : `exited with code ${run.exitCode ?? 'none'} after ${run.durationMs} ms`);
    await reference.server.close();
    return {
      name,
      literal,
      expected,
      framing,
      host,
      port,
      connections: reference.server.connectionCount,
      received: reference.received,
      run,
      timeoutMs: ctx.limits.clientRunMs,
      okWord,
      errorWord,
      transcript: transcript.entries(),
    };
  } finally {
    await reference.server.close();
  }
}
