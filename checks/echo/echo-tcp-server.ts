/**
 * Grading a TCP echo server (RFC 862 style): whatever a client sends comes back unchanged.
 * The course's server answers one message per connection and then closes; that passes.
 */
import { tcpEchoProbe } from '../lib/socket-probes.js';
import type { ServerCheck, ServerCheckContext, ServerSuite } from '../suite.js';
import { comparison } from '../lib/comparison.js';
import type { TestOutcome } from '../types.js';
import { addCrashReport } from './crash-report.js';
import { type EchoObservation, echoComparison, judgeEcho } from './echo-verdict.js';
import { readParams } from '../lib/param-schema.js';
import { silenceAwareChecks } from '../lib/silent-server.js';
import { payloadParam } from './payload-param.js';
import { withParams } from '../define-assignment.js';
import { ECHO_ONCE, ECHO_SUCCESSIVE, ECHO_TIMING } from './echo-params.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import { type EchoTiming, echoTiming, openConnection, sendAndReadEcho } from './tcp-echo-exchange.js';

/** One connection, one message, its echo. Params: `text` | `hex` | `repeat`+`length`. */
export const echoOnce: ServerCheck = async (ctx) => {
  const timing = echoTiming(ctx.params);
  const payload = payloadParam(ctx.params);
  const observation = await exchangeOnNewConnection(ctx, 'conn 1', [payload], timing);
  return outcome(ctx, observation[observation.length - 1] as EchoObservation, '');
};

/**
 * Several connections one after the other (`count`). With
 * `messagesPerConnection` > 1 (off by default: the course's server closes after one
 * message) each connection carries several messages, each awaiting its echo.
 */
export const successiveConnections: ServerCheck = async (ctx) => {
  const timing = echoTiming(ctx.params);
  const given = readParams(ECHO_SUCCESSIVE, ctx.params);
  const count = Math.max(1, Math.floor(given.count));
  const perConnection = Math.max(1, Math.floor(given.messagesPerConnection));
  for (let i = 1; i <= count; i += 1) {
    const messages = Array.from({ length: perConnection }, (_, j) =>
      Buffer.from(perConnection === 1 ? `Nachricht ${i} von ${count}` : `Nachricht ${i}.${j + 1} von ${count}.${perConnection}\n`, 'utf8'),
    );
    const observations = await exchangeOnNewConnection(ctx, `conn ${i}`, messages, timing);
    const last = observations[observations.length - 1] as EchoObservation;
    if (judgeEcho(last).status !== 'passed') {
      const where = `Connection ${i} of ${count}${perConnection > 1 ? `, message ${observations.length} of ${perConnection}` : ''}: `;
      const hint =
        perConnection > 1 && observations.length > 1 && (last.end === 'closed' || last.end === 'lost')
          ? '\n\nYour server closed the connection after the first message. In this exercise a client may send several messages over one connection: keep calling recv() until it returns b\'\' (the client closed), echoing each piece.'
          : i > 1
            ? `\n\nThe ${i - 1 === 1 ? 'first connection' : `first ${i - 1} connections`} worked. A server must go back to accept() for the next client after it is done with one.`
            : '';
      return outcome(ctx, last, where, hint);
    }
  }
  const what = perConnection > 1 ? `${count} connections with ${perConnection} messages each` : `${count} connections one after the other`;
  return { status: 'passed', feedback: `We opened ${what}; every message came back unchanged.`, transcript: ctx.transcript.entries() };
};

/**
 * Two clients at once: connect A, then B; B sends first, then A; both read at the same
 * time. A server that serves one client after the other passes: A is first in the
 * accept queue, and B's message waits in B's socket until the server gets to it.
 */
export const twoClients: ServerCheck = async (ctx) => {
  const timing = echoTiming(ctx.params);
  const messageA = Buffer.from('Ich bin Client A', 'utf8');
  const messageB = Buffer.from('Hier spricht Client B!', 'utf8');
  const a = await openConnection(ctx, 'client A', timing);
  if (!('write' in a)) return outcome(ctx, { transport: 'tcp', sent: messageA, got: Buffer.alloc(0), replyMs: timing.replyMs, ...a }, 'Client A: ');
  const b = await openConnection(ctx, 'client B', timing);
  if (!('write' in b)) {
    a.destroy();
    return outcome(ctx, { transport: 'tcp', sent: messageB, got: Buffer.alloc(0), replyMs: timing.replyMs, ...b }, 'Client B: ');
  }
  try {
    const [obsB, obsA] = await Promise.all([
      sendAndClose(b, messageB, timing, ctx.signal),
      // A writes right after B; its read runs alongside B's.
      Promise.resolve().then(() => sendAndClose(a, messageA, timing, ctx.signal)),
    ]);
    const verdictA = judgeEcho(obsA);
    const verdictB = judgeEcho(obsB);
    if (verdictA.status === 'passed' && verdictB.status === 'passed') {
      return { status: 'passed', feedback: 'Two clients were connected at the same time; each got back exactly its own message.', transcript: ctx.transcript.entries() };
    }
    if (obsA.got.equals(messageB) || obsB.got.equals(messageA)) {
      return {
        status: 'failed',
        feedback: 'The two clients got each other\'s messages back. Send the echo on the socket the message came from (the one accept() gave you for that client), not on another one.',
        transcript: ctx.transcript.entries(),
        compare: obsA.got.equals(messageB) ? comparison(messageA, obsA.got, 'Client A') : comparison(messageB, obsB.got, 'Client B'),
      };
    }
    const failing = verdictA.status !== 'passed' ? obsA : obsB;
    const label = failing === obsA ? 'Client A: ' : 'Client B: ';
    const hint =
      verdictA.status === 'passed' && verdictB.status === 'timeout'
        ? '\n\nClient A was served, client B never. Does your server go back to accept() for the next client after it is done with one?'
        : '';
    return outcome(ctx, failing, label, hint);
  } finally {
    a.destroy();
    b.destroy();
  }
};

async function sendAndClose(conn: TcpConnection, payload: Buffer, timing: EchoTiming, signal: AbortSignal): Promise<EchoObservation> {
  try {
    return await sendAndReadEcho(conn, payload, timing, signal);
  } finally {
    // Closing at once lets a one-client-at-a-time server move on to the other client.
    await conn.close();
  }
}

/** Connects, then sends each message and reads its echo; stops at the first that fails. */
async function exchangeOnNewConnection(ctx: ServerCheckContext, label: string, messages: Buffer[], timing: EchoTiming): Promise<EchoObservation[]> {
  const first = messages[0] as Buffer;
  const conn = await openConnection(ctx, label, timing);
  if (!('write' in conn)) return [{ transport: 'tcp', sent: first, got: Buffer.alloc(0), replyMs: timing.replyMs, ...conn }];
  const observations: EchoObservation[] = [];
  try {
    for (const [index, message] of messages.entries()) {
      const observation = await sendAndReadEcho(conn, message, timing, ctx.signal, index === messages.length - 1);
      observations.push(observation);
      if (judgeEcho(observation).status !== 'passed') break;
    }
  } finally {
    await conn.close();
  }
  return observations;
}

async function outcome(ctx: ServerCheckContext, observation: EchoObservation, prefix: string, hint = ''): Promise<TestOutcome> {
  const verdict = judgeEcho(observation);
  if (verdict.status === 'passed') return { status: verdict.status, feedback: verdict.feedback, transcript: ctx.transcript.entries() };
  const feedback = await addCrashReport(ctx, `${prefix}${verdict.feedback}${hint}`, observation.end, observation.sent);
  const compare = echoComparison(observation, prefix.replace(/:\s*$/, '') || undefined);
  return { status: verdict.status, feedback, transcript: ctx.transcript.entries(), ...(compare ? { compare } : {}) };
}

export const echoTcpServerSuite = {
  id: 'echo-tcp-server',
  role: 'server',
  transport: 'tcp',
  probe: tcpEchoProbe,
  // A server that answered nothing on one test gets short waits on the next (issue #11).
  checks: silenceAwareChecks(
    {
      'echo-once': withParams(ECHO_ONCE)(echoOnce),
      successive: withParams(ECHO_SUCCESSIVE)(successiveConnections),
      'two-clients': withParams(ECHO_TIMING)(twoClients),
    },
    { params: ECHO_TIMING, waitParams: ['replyMs'] },
  ),
} satisfies ServerSuite;
