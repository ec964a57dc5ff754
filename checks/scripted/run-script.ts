/**
 * The generic reference client (issue #14): runs a teacher's compiled script against the
 * student's server, step by step, and judges it like a built-in check would: the
 * transcript of every connection, a timeout per wait, feedback that names the step, what
 * we sent, what we expected and what came, and the server's crash report when it died.
 * The script stops at the first step that fails; `points` of the expects passed until
 * then count (per-step points), else the test is all or nothing.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { comparison } from '../lib/comparison.js';
import { formatDuration, sleep } from '../lib/deadline.js';
import { ConnectionLostError } from '../lib/errors.js';
import { readParams } from '../lib/param-schema.js';
import { seededRandom } from '../lib/seeded-random.js';
import { serverExitNote } from '../lib/server-exit-note.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import { openUdp } from '../lib/udp-endpoint.js';
import { wireFaultsParam } from '../lib/wire-faults.js';
import type { ServerCheckContext } from '../suite.js';
import type { Comparison, TestOutcome, TestStatus } from '../types.js';
import { matchMessage } from './match-message.js';
import { randomValue } from './random-value.js';
import type { CompiledScript, DataSpec, Expectation, ScriptStep } from './script.js';
import { type Received, type ScriptClient, TcpScriptClient, UdpScriptClient } from './script-clients.js';
import { repeatToBytes, substitute } from './template.js';
import { SCRIPT_TIMING } from './script-params.js';

/** The waits of a script run ({@link SCRIPT_TIMING}, where each is explained). */
export interface ScriptTiming {
  replyMs: number;
  settleMs: number;
  graceMs: number;
  exitReportMs: number;
}

export function scriptTiming(params: Record<string, unknown>): ScriptTiming {
  const { replyMs, settleMs, graceMs, exitReportMs } = readParams(SCRIPT_TIMING, params);
  return { replyMs, settleMs, graceMs, exitReportMs };
}

/** A failed step: the status, what to tell, and whether the server may have died. */
interface StepFailure {
  status: TestStatus;
  feedback: string;
  dying: boolean;
  compare?: Comparison;
}

interface RunState {
  ctx: ServerCheckContext;
  timing: ScriptTiming;
  vars: Map<string, string>;
  clients: Map<string, ScriptClient>;
  /** What we last sent per client, for "after we sent …". */
  lastSent: Map<string, Buffer>;
}

export async function runScript(ctx: ServerCheckContext, script: CompiledScript): Promise<TestOutcome> {
  const state: RunState = { ctx, timing: scriptTiming(ctx.params), vars: new Map(), clients: new Map(), lastSent: new Map() };
  const { steps } = script;
  const total = steps.reduce((sum, step) => sum + (step.do === 'expect' ? (step.points ?? 0) : 0), 0);
  const fraction = (earned: number) => (total > 0 ? { fraction: earned / total } : {});
  let earned = 0;
  let answers = 0;
  try {
    for (const [index, step] of steps.entries()) {
      const failure = await runStep(state, step, steps.slice(index + 1));
      if (failure) return await failedOutcome(state, failure, index, steps, step, fraction(earned));
      if (step.do === 'expect') {
        earned += step.points ?? 0;
        answers += 1;
      }
    }
  } finally {
    for (const client of state.clients.values()) await client.close();
  }
  const what = answers === 1 ? 'the answer was' : `all ${answers} answers were`;
  return { status: 'passed', feedback: `All ${steps.length} steps of this test worked: ${what} as expected.`, transcript: ctx.transcript.entries(), ...fraction(earned) };
}

async function runStep(state: RunState, step: ScriptStep, rest: readonly ScriptStep[]): Promise<StepFailure | null> {
  const { ctx, timing } = state;
  switch (step.do) {
    case 'connect': {
      const attempt = await tryConnectTcp({
        host: ctx.target.host,
        port: ctx.target.port,
        label: step.client,
        transcript: ctx.transcript,
        timeoutMs: timing.replyMs,
        allowHalfOpen: step.allowHalfOpen,
        wire: wireFaultsParam(ctx.params),
        signal: ctx.signal,
      });
      if (attempt.ok) {
        state.clients.set(step.client, new TcpScriptClient(attempt.conn, step.framing));
        return null;
      }
      if (attempt.end === 'timeout') return { status: 'timeout', dying: false, feedback: `We could not connect within ${formatDuration(timing.replyMs)}: your server does not accept new connections (its backlog is full?).` };
      return { status: 'failed', dying: true, feedback: `We could not connect: nobody accepted the connection (${attempt.errorCode ?? 'refused'}). Is your server still running and listening?` };
    }
    case 'socket': {
      const endpoint = await openUdp({ label: step.client, transcript: ctx.transcript, family: ctx.target.host.includes(':') ? 6 : 4, signal: ctx.signal });
      state.clients.set(step.client, new UdpScriptClient(endpoint, ctx));
      return null;
    }
    case 'send': {
      const client = clientOf(state, step.client);
      const bytes = dataBytes(step.data, state.vars);
      state.lastSent.set(step.client, bytes);
      try {
        await client.send(bytes, !('line' in step.data), ctx.signal);
      } catch (error) {
        if (!(error instanceof ConnectionLostError)) throw error;
        return { status: 'failed', dying: true, feedback: `We could not send ${quoteBytes(bytes)}: your server had already closed the connection (${error.errno ?? 'connection lost'}).` };
      }
      return null;
    }
    case 'expect':
      return expectStep(state, step, rest);
    case 'wait':
      await sleep(step.ms, ctx.signal);
      return null;
    case 'close': {
      await state.clients.get(step.client)?.close();
      state.clients.delete(step.client);
      return null;
    }
    case 'half-close':
      clientOf(state, step.client).halfClose();
      return null;
    case 'set':
      for (const [name, template] of Object.entries(step.values)) state.vars.set(name, substitute(template, state.vars));
      return null;
    case 'random':
      state.vars.set(step.name, randomValue(step.spec, seededRandom(ctx.seed, `${ctx.test.id}:${step.name}`)));
      return null;
  }
}

async function expectStep(state: RunState, step: Extract<ScriptStep, { do: 'expect' }>, rest: readonly ScriptStep[]): Promise<StepFailure | null> {
  const { ctx, timing, vars } = state;
  const expect = step.expect;
  const client = clientOf(state, step.client);
  const withinMs = step.withinMs ?? timing.replyMs;
  const received = await client.receive(expect, vars, {
    withinMs,
    settleMs: timing.settleMs,
    graceMs: timing.graceMs,
    exitReportMs: timing.exitReportMs,
    moreExpected: rest.some((next) => next.do === 'expect' && next.client === step.client),
    signal: ctx.signal,
  });
  const sent = state.lastSent.get(step.client);
  const after = sent ? `After we sent ${quoteBytes(sent)}, we ` : 'We ';
  if (expect.kind === 'closed') return judgeClosed(received, withinMs, after);
  if (expect.kind === 'silence') {
    if (received.message.length === 0 && received.end === 'timeout') return null;
    const what = received.message.length > 0 ? `got ${quoteBytes(received.message)}` : `your program ${endWords(received)}`;
    return { status: 'failed', dying: received.end !== 'complete' && received.end !== 'timeout', feedback: `${after}expected nothing for ${formatDuration(expect.ms)}, but ${what}.` };
  }
  if (received.message.length === 0) return nothingCame(received, expect, withinMs, after, client.transport);
  if (received.end === 'too-long') {
    return { status: 'failed', dying: false, feedback: `${after}waited for one message, but what came did not end where a message ends (${quoteBytes(received.message)} and more): check your framing.` };
  }
  const verdict = matchMessage(expect, received.message, vars);
  if (!verdict.ok) {
    const ending = received.end === 'complete' ? '' : ` (then your program ${endWords(received)})`;
    const compare = verdict.expected ? { compare: comparison(verdict.expected, received.message) } : {};
    return { status: 'failed', dying: received.end !== 'complete' && received.end !== 'timeout', feedback: `${after}${verdict.why}${ending}`, ...compare };
  }
  if (received.extraDatagrams) {
    return { status: 'failed', dying: false, feedback: `${after}got the right answer — but then ${received.extraDatagrams} more datagram(s) as well. Send exactly one answer per request.` };
  }
  for (const [name, value] of Object.entries(verdict.captures)) vars.set(name, value);
  return null;
}

function judgeClosed(received: Received, withinMs: number, after: string): StepFailure | null {
  if (received.message.length === 0 && (received.end === 'closed' || received.end === 'reset')) return null;
  if (received.message.length > 0) return { status: 'failed', dying: false, feedback: `${after}expected your program to close the connection, but it sent ${quoteBytes(received.message)}.` };
  return { status: 'failed', dying: false, feedback: `${after}expected your program to close the connection, but it kept it open for ${formatDuration(withinMs)}. Call close() on the connection's socket when you are done.` };
}

function nothingCame(received: Received, expect: Expectation, withinMs: number, after: string, transport: 'tcp' | 'udp'): StepFailure {
  const wanted = describeExpectation(expect);
  switch (received.end) {
    case 'timeout':
      return {
        status: 'timeout',
        dying: false,
        feedback: `${after}waited ${formatDuration(withinMs)} for ${wanted}, but your program sent nothing.${transport === 'tcp' ? ' Does it send its answer with sendall()? Is it still busy with an earlier client, or waiting for more input than we send?' : ' Does it answer with sendto(daten, addr) to the address recvfrom() gave it?'}`,
      };
    case 'exited':
      return { status: 'failed', dying: true, feedback: `${after}waited for ${wanted}, but your server stopped running before it answered.` };
    default:
      return { status: 'failed', dying: true, feedback: `${after}waited for ${wanted}, but your program ${endWords(received)} without sending anything.` };
  }
}

function endWords(received: Received): string {
  if (received.end === 'reset') return `reset the connection (${received.errorCode ?? 'ECONNRESET'})`;
  if (received.end === 'exited') return 'stopped running';
  if (received.end === 'timeout') return 'went quiet';
  return 'closed the connection';
}

function describeExpectation(expect: Expectation): string {
  switch (expect.kind) {
    case 'line':
      return 'a line';
    case 'number':
      return 'a number';
    case 'json':
      return 'a JSON answer';
    default:
      return 'an answer';
  }
}

async function failedOutcome(state: RunState, failure: StepFailure, index: number, steps: readonly ScriptStep[], step: ScriptStep, fraction: { fraction?: number }): Promise<TestOutcome> {
  const { ctx } = state;
  const client = 'client' in step ? `, client ${step.client}` : '';
  const parts = [`Step ${index + 1} of ${steps.length}${client}: ${failure.feedback}`];
  if (step.do === 'expect' && step.feedback) parts.push(substitute(step.feedback, state.vars));
  if (index > 0) parts.push(index === 1 ? 'Step 1 worked.' : `Steps 1 to ${index} worked.`);
  const note = await serverExitNote(ctx, { dying: failure.dying, waitMs: state.timing.exitReportMs });
  if (note) parts.push(note);
  const compare = failure.compare ? { compare: { ...failure.compare, label: `Step ${index + 1}${client}` } } : {};
  return { status: failure.status, feedback: parts.join('\n\n'), transcript: ctx.transcript.entries(), ...fraction, ...compare };
}

function clientOf(state: RunState, name: string): ScriptClient {
  const client = state.clients.get(name);
  // The loader refuses scripts that use a client before opening it; a hand-made job is our fault.
  if (!client) throw new Error(`the script uses client ${name} before opening it`);
  return client;
}

/** The bytes of a send step, variables filled in. */
export function dataBytes(data: DataSpec, vars: ReadonlyMap<string, string>): Buffer {
  if ('hex' in data) return Buffer.from(data.hex.replace(/\s+/g, ''), 'hex');
  if ('line' in data) return Buffer.from(substitute(data.line, vars) + data.ending, 'utf8');
  return repeatToBytes(Buffer.from(substitute(data.text, vars), 'utf8'), data.repeatToBytes);
}
