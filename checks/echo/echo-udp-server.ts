/**
 * Grading a UDP echo server: every datagram comes back unchanged to its sender. The
 * course's server (recvfrom(1024), sendto) passes everything but the non-UTF-8 test.
 */
import { udpEchoProbe } from '../lib/socket-probes.js';
import { linkSignals } from '../lib/any-signal.js';
import { sleep } from '../lib/deadline.js';
import { openUdp, type UdpEndpoint } from '../lib/udp-endpoint.js';
import { StudentExitedError, type ServerCheck, type ServerCheckContext, type ServerSuite } from '../suite.js';
import { comparison } from '../lib/comparison.js';
import type { TestOutcome } from '../types.js';
import { addCrashReport } from './crash-report.js';
import { waitForExitReport } from '../lib/exit-report-wait.js';
import { type EchoObservation, echoComparison, judgeEcho } from './echo-verdict.js';
import { readParams } from '../lib/param-schema.js';
import { silenceAwareChecks } from '../lib/silent-server.js';
import { payloadParam } from './payload-param.js';
import { withParams } from '../define-assignment.js';
import { ECHO_ONCE, ECHO_SUCCESSIVE, ECHO_TIMING } from './echo-params.js';

interface UdpTiming {
  replyMs: number;
  graceMs: number;
  exitReportMs: number;
}

function udpTiming(params: Record<string, unknown>): UdpTiming {
  const { replyMs, graceMs, exitReportMs } = readParams(ECHO_TIMING, params);
  return { replyMs, graceMs, exitReportMs };
}

/** One datagram, its echo. Params: `text` | `hex` | `repeat`+`length`. */
export const echoOnce: ServerCheck = async (ctx) => {
  const timing = udpTiming(ctx.params);
  const endpoint = await open(ctx, 'udp 1');
  try {
    const observation = await sendAndAwaitEcho(ctx, endpoint, payloadParam(ctx.params), timing);
    return await outcome(ctx, observation, '');
  } finally {
    endpoint.close();
  }
};

/** Several datagrams from one socket, one after the other, each awaiting its echo (`count`). */
export const successiveDatagrams: ServerCheck = async (ctx) => {
  const timing = udpTiming(ctx.params);
  const count = Math.max(1, Math.floor(readParams(ECHO_SUCCESSIVE, ctx.params).count));
  const endpoint = await open(ctx, 'udp 1');
  try {
    for (let i = 1; i <= count; i += 1) {
      const observation = await sendAndAwaitEcho(ctx, endpoint, Buffer.from(`Nachricht ${i} von ${count}`, 'utf8'), timing);
      if (judgeEcho(observation).status !== 'passed') {
        const hint = i > 1 ? `\n\nThe first ${i - 1 === 1 ? 'datagram' : `${i - 1} datagrams`} worked. A server must keep calling recvfrom() in a loop.` : '';
        return await outcome(ctx, observation, `Datagram ${i} of ${count}: `, hint);
      }
    }
    return { status: 'passed', feedback: `We sent ${count} datagrams one after the other; each came back unchanged.`, transcript: ctx.transcript.entries() };
  } finally {
    endpoint.close();
  }
};

/** Two client sockets: B sends, then A; both wait at once. Each must get its own message back. */
export const twoClients: ServerCheck = async (ctx) => {
  const timing = udpTiming(ctx.params);
  const messageA = Buffer.from('Ich bin Client A', 'utf8');
  const messageB = Buffer.from('Hier spricht Client B!', 'utf8');
  const a = await open(ctx, 'client A');
  const b = await open(ctx, 'client B').catch((error: unknown) => {
    a.close();
    throw error;
  });
  try {
    const [obsB, obsA] = await Promise.all([
      sendAndAwaitEcho(ctx, b, messageB, timing),
      Promise.resolve().then(() => sendAndAwaitEcho(ctx, a, messageA, timing)),
    ]);
    if (judgeEcho(obsA).status === 'passed' && judgeEcho(obsB).status === 'passed') {
      return { status: 'passed', feedback: 'Two clients sent at the same time; each got back exactly its own message.', transcript: ctx.transcript.entries() };
    }
    if (obsA.got.equals(messageB) || obsB.got.equals(messageA)) {
      return {
        status: 'failed',
        feedback: 'The two clients got each other\'s messages back. Reply with sendto(daten, addr) to the address that recvfrom() returned together with these data.',
        transcript: ctx.transcript.entries(),
        compare: obsA.got.equals(messageB) ? comparison(messageA, obsA.got, 'Client A') : comparison(messageB, obsB.got, 'Client B'),
      };
    }
    const failingA = judgeEcho(obsA).status !== 'passed';
    return await outcome(ctx, failingA ? obsA : obsB, failingA ? 'Client A: ' : 'Client B: ');
  } finally {
    a.close();
    b.close();
  }
};

function open(ctx: ServerCheckContext, label: string): Promise<UdpEndpoint> {
  return openUdp({ label, transcript: ctx.transcript, family: ctx.target.host.includes(':') ? 6 : 4, signal: ctx.signal });
}

/**
 * Sends one datagram and waits for the reply. The wait also ends when the student's
 * program exits: a crashed UDP server is otherwise indistinguishable from a slow one.
 */
async function sendAndAwaitEcho(ctx: ServerCheckContext, endpoint: UdpEndpoint, payload: Buffer, timing: UdpTiming): Promise<EchoObservation> {
  const base = { transport: 'udp' as const, sent: payload, replyMs: timing.replyMs };
  await endpoint.send(payload, ctx.target.host, ctx.target.port);
  const linked = linkSignals([ctx.signal, ctx.student.exited]);
  try {
    const reply = await endpoint.receive({ timeoutMs: timing.replyMs, signal: linked.signal });
    if (!reply) {
      // A crash right after recvfrom() looks like silence until the grader's exit report
      // arrives; give it a moment, so the student reads "crashed" rather than "too slow".
      const exit = await waitForExitReport(ctx.student, timing.exitReportMs, ctx.signal);
      return { ...base, got: Buffer.alloc(0), end: exit ? 'exited' : 'timeout' };
    }
    // Extra datagrams (a second sendto, a newline sent separately) show up within a short grace.
    await sleep(timing.graceMs, linked.signal).catch(() => {});
    const extra = endpoint.drain().length;
    return { ...base, got: reply.data, end: 'complete', ...(extra > 0 ? { extraDatagrams: extra } : {}) };
  } catch (error) {
    if (error instanceof StudentExitedError && !ctx.signal.aborted) {
      endpoint.drain();
      return { ...base, got: Buffer.alloc(0), end: 'exited' };
    }
    throw error;
  } finally {
    linked.dispose();
  }
}

async function outcome(ctx: ServerCheckContext, observation: EchoObservation, prefix: string, hint = ''): Promise<TestOutcome> {
  const verdict = judgeEcho(observation);
  if (verdict.status === 'passed') return { status: verdict.status, feedback: verdict.feedback, transcript: ctx.transcript.entries() };
  const feedback = await addCrashReport(ctx, `${prefix}${verdict.feedback}${hint}`, observation.end, observation.sent);
  const compare = echoComparison(observation, prefix.replace(/:\s*$/, '') || undefined);
  return { status: verdict.status, feedback, transcript: ctx.transcript.entries(), ...(compare ? { compare } : {}) };
}

export const echoUdpServerSuite = {
  id: 'echo-udp-server',
  role: 'server',
  transport: 'udp',
  probe: udpEchoProbe,
  // A server that answered nothing on one test gets short waits on the next (issue #11).
  checks: silenceAwareChecks(
    {
      'echo-once': withParams(ECHO_ONCE)(echoOnce),
      successive: withParams(ECHO_SUCCESSIVE)(successiveDatagrams),
      'two-clients': withParams(ECHO_TIMING)(twoClients),
    },
    { params: ECHO_TIMING, waitParams: ['replyMs', 'exitReportMs'] },
  ),
} satisfies ServerSuite;
