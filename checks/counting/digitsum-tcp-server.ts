/**
 * Grading a TCP digit-sum server (Quersummen-Dienst, course "Übungen mit TCP", Übung 2):
 * a client connects, sends a number as text (without a line break, like
 * `string2bytes(input())`), and gets back the sum of its digits. Each number goes over a
 * new connection, so the course's one-message-per-connection server passes.
 */
import { silenceAwareChecks } from '../lib/silent-server.js';
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { ConnectionLostError } from '../lib/errors.js';
import { readReply, type ReplyEnd } from '../lib/read-reply.js';
import { serverExitNote } from '../lib/server-exit-note.js';
import { containsNumber, tcpAnswerProbe } from '../lib/socket-probes.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import type { ServerCheck, ServerCheckContext, ServerSuite } from '../suite.js';
import { comparison } from '../lib/comparison.js';
import type { Comparison, TestOutcome, TestStatus } from '../types.js';
import { readParams } from '../lib/param-schema.js';
import { DIGIT_SUM, DIGIT_SUM_TIMING, NOT_A_NUMBER } from './counting-params.js';
import { digitSum, digitSumCause } from './count-rules.js';
import { explainNumberShape, readNumberReply } from './number-reply.js';
import { wireFaultsParam } from '../lib/wire-faults.js';
import { withParams } from '../define-assignment.js';

interface Timing {
  replyMs: number;
  settleMs: number;
  exitReportMs: number;
}

type AskEnd = ReplyEnd | 'refused' | 'lost';

interface Asked {
  sent: Buffer;
  data: Buffer;
  end: AskEnd;
  errorCode?: string;
}

interface Finding {
  status: TestStatus;
  feedback: string;
  /** The connection died without an answer: the server may have crashed. */
  dying: boolean;
  /** The digit sum we expected vs the answer, when an answer came and was wrong. */
  compare?: Comparison;
}

function timingOf(params: Record<string, unknown>): Timing {
  const { replyMs, settleMs, exitReportMs } = readParams(DIGIT_SUM_TIMING, params);
  return { replyMs, settleMs, exitReportMs };
}

/** One connection: send `text`, read the answer, close. */
async function ask(ctx: ServerCheckContext, label: string, text: string, timing: Timing): Promise<Asked> {
  const sent = Buffer.from(text, 'utf8');
  const attempt = await tryConnectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: timing.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  if (!attempt.ok) return { sent, data: Buffer.alloc(0), end: attempt.end === 'refused' ? 'refused' : 'silent', ...(attempt.errorCode ? { errorCode: attempt.errorCode } : {}) };
  const conn = attempt.conn;
  try {
    try {
      await conn.write(sent, { signal: ctx.signal });
    } catch (error) {
      if (error instanceof ConnectionLostError) return { sent, data: Buffer.alloc(0), end: 'lost', ...(error.errno ? { errorCode: error.errno } : {}) };
      throw error;
    }
    const reply = await readReply(conn, { firstByteMs: timing.replyMs, settleMs: timing.settleMs, maxBytes: 4096, signal: ctx.signal });
    return { sent, data: reply.data, end: reply.end, ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) };
  } finally {
    await conn.close();
  }
}

/** What went wrong when no answer came at all. */
function noAnswer(asked: Asked, timing: Timing): Finding {
  const we = `We sent ${quoteBytes(asked.sent)}`;
  switch (asked.end) {
    case 'refused':
      return { status: 'failed', dying: true, feedback: `We could not connect: nobody accepted the connection (${asked.errorCode ?? 'refused'}). Is your server still running and listening?` };
    case 'lost':
      return { status: 'failed', dying: true, feedback: `We could not even send our number: your server had already closed the connection (${asked.errorCode ?? 'connection lost'}).` };
    case 'reset':
      return { status: 'failed', dying: true, feedback: `${we}, but your server reset the connection (${asked.errorCode ?? 'ECONNRESET'}) without answering.` };
    case 'closed':
      return { status: 'failed', dying: true, feedback: `${we}, but your server closed the connection without answering.` };
    default:
      return {
        status: 'timeout',
        dying: false,
        feedback: `${we} and waited ${formatDuration(timing.replyMs)}, but your server sent nothing back. Does it send the result with \`send()\`? We send the number without a line break (like \`string2bytes(input())\`) and keep the connection open: a server that waits for a line break, or for the client to close, waits forever.`,
      };
  }
}

export function judgeDigitSum(asked: Asked, timing: Timing): Finding {
  if (asked.data.length === 0) return noAnswer(asked, timing);
  const text = asked.sent.toString('utf8');
  const expected = BigInt(digitSum(text) ?? 0);
  const reply = readNumberReply(asked.data);
  const got = `We sent ${quoteBytes(asked.sent)} and expected \`${expected}\`, but got ${quoteBytes(asked.data)}`;
  const compare = comparison(String(expected), asked.data);
  if (reply.kind !== 'number') return { status: 'failed', dying: false, feedback: `${got}. ${explainNumberShape(reply, expected) ?? ''}`.trim(), compare };
  if (reply.value !== expected) {
    const cause = digitSumCause(text, reply.value);
    return { status: 'failed', dying: false, feedback: `${got}.${cause ? `\n\nLikely cause: ${cause}` : ''}`, compare };
  }
  return { status: 'passed', dying: false, feedback: `We sent ${quoteBytes(asked.sent)} and got \`${expected}\`.` };
}

function numbersOf(params: Record<string, unknown>): string[] {
  const { numbers, number } = readParams(DIGIT_SUM, params);
  if (Array.isArray(numbers) && numbers.every((n) => typeof n === 'string')) return numbers as string[];
  return [number];
}

/** Each number of `params.numbers` over its own connection; each answer must be its digit sum. */
export const digitSums: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx.params);
  const numbers = numbersOf(ctx.params);
  const passed: string[] = [];
  for (const [index, number] of numbers.entries()) {
    const finding = judgeDigitSum(await ask(ctx, `conn ${index + 1}`, number, timing), timing);
    if (finding.status !== 'passed') {
      const prefix = numbers.length > 1 ? `Connection ${index + 1} of ${numbers.length}: ` : '';
      const earlier = index > 0 ? `\n\nThe ${index === 1 ? 'first connection' : `first ${index} connections`} worked. A server must go back to \`accept()\` for the next client.` : '';
      return failure(ctx, finding, prefix, earlier, timing, crashHint(number));
    }
    passed.push(finding.feedback);
  }
  return { status: 'passed', feedback: passed.join('\n'), transcript: ctx.transcript.entries() };
};

/**
 * Something that is not a number (`params.text`): the answer should be an
 * error message, not a digit sum and not a crash; then a number (`params.followUp`) on a
 * new connection shows that the server is still there.
 */
export const notANumber: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx.params);
  const { text, followUp } = readParams(NOT_A_NUMBER, ctx.params);
  const asked = await ask(ctx, 'conn 1', text, timing);
  if (asked.data.length === 0) {
    const finding = noAnswer(asked, timing);
    const advice = `\n\nA server should survive wrong input: catch the error (\`try: ... except ValueError: ...\`) and send an error message instead, e.g. \`Fehler: ${text} ist keine Zahl\`.`;
    return failure(ctx, { ...finding, feedback: `${finding.feedback}${advice}` }, '', '', timing);
  }
  const reply = readNumberReply(asked.data);
  if (reply.kind === 'number') {
    return failure(
      ctx,
      { status: 'failed', dying: false, feedback: `We sent ${quoteBytes(asked.sent)}, which is not a number, and got ${quoteBytes(asked.data)}. That looks like a digit sum; tell the user instead that the input was not a number, e.g. \`Fehler: ${text} ist keine Zahl\`.` },
      '',
      '',
      timing,
    );
  }
  const after = judgeDigitSum(await ask(ctx, 'conn 2', followUp, timing), timing);
  if (after.status !== 'passed') {
    return failure(ctx, after, `We sent ${quoteBytes(asked.sent)} and got the message ${quoteBytes(asked.data)}, good. Then, on a new connection: `, '', timing);
  }
  return {
    status: 'passed',
    feedback: `We sent ${quoteBytes(asked.sent)}, which is not a number, and got the message ${quoteBytes(asked.data)}. Then we sent ${quoteBytes(Buffer.from(followUp))} on a new connection and got \`${digitSum(followUp)}\`: your server survived.`,
    transcript: ctx.transcript.entries(),
  };
};

/** Why `int()` may have crashed on this input, for a server that died of a ValueError. */
function crashHint(input: string): (note: string) => string {
  return (note) => {
    if (!note.includes('ValueError')) return '';
    if (input !== input.trim()) return '\n\nThe line break after the number is no digit: `int("\\n")` raises a `ValueError`. Remove whitespace first: `text = text.strip()`.';
    if (/^[+-]/.test(input)) return `\n\nThe sign is no digit: \`int("${input[0]}")\` raises a \`ValueError\`. Remove a leading \`+\` or \`-\` before adding up the digits.`;
    return '';
  };
}

async function failure(ctx: ServerCheckContext, finding: Finding, prefix: string, earlier: string, timing: Timing, hint?: (note: string) => string): Promise<TestOutcome> {
  const note = await serverExitNote(ctx, { dying: finding.dying, waitMs: timing.exitReportMs });
  const extra = hint ? hint(note) : '';
  const compare = finding.compare ? { compare: labelled(finding.compare, prefix) } : {};
  return { status: finding.status, feedback: `${prefix}${finding.feedback}${extra}${earlier}${note ? `\n\n${note}` : ''}`, transcript: ctx.transcript.entries(), ...compare };
}

/** `Connection 2 of 3: ` names the exchange; a longer prefix is a sentence, not a label. */
function labelled(compare: Comparison, prefix: string): Comparison {
  const label = /^Connection \d+ of \d+: $/.test(prefix) ? prefix.slice(0, -2) : '';
  return label ? { ...compare, label } : compare;
}

export const digitsumTcpServerSuite = {
  id: 'digitsum-tcp-server',
  role: 'server',
  transport: 'tcp',
  probe: tcpAnswerProbe(Buffer.from('123'), (answer) => containsNumber(answer, 6), 'answered `123` with its digit sum 6'),
  // A server that answered nothing on one test gets short waits on the next (issue #11).
  checks: silenceAwareChecks({ 'digit-sum': withParams(DIGIT_SUM)(digitSums), 'not-a-number': withParams(NOT_A_NUMBER)(notANumber) }, { params: DIGIT_SUM_TIMING, waitParams: ['replyMs'] }),
} satisfies ServerSuite;
