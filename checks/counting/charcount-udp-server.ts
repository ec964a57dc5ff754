/**
 * Grading a UDP character-count server (Zeichenzahl-Dienst, course "Übungen mit UDP",
 * Übung 2): every datagram is answered with the number of characters of its text. The
 * counting rule is in `count-rules.ts` and on the exercise sheet.
 */
import { silenceAwareChecks } from '../lib/silent-server.js';
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { serverExitNote } from '../lib/server-exit-note.js';
import { containsNumber, udpAnswerProbe } from '../lib/socket-probes.js';
import { openUdp } from '../lib/udp-endpoint.js';
import { requestDatagram, type UdpExchange } from '../lib/udp-request.js';
import type { ServerCheck, ServerCheckContext, ServerSuite } from '../suite.js';
import { comparison } from '../lib/comparison.js';
import type { Comparison, TestOutcome, TestStatus } from '../types.js';
import { readParams } from '../lib/param-schema.js';
import { COUNT_CHARACTERS } from './counting-params.js';
import { characterCount, characterCountCause, withoutFinalLineBreak } from './count-rules.js';
import { explainNumberShape, readNumberReply } from './number-reply.js';
import { withParams } from '../define-assignment.js';

interface Timing {
  replyMs: number;
  graceMs: number;
  exitReportMs: number;
}

interface Finding {
  status: TestStatus;
  feedback: string;
  /** The count we expected vs the answer, when an answer came and was wrong. */
  compare?: Comparison;
}

/** The texts a test sends (`params.texts`, or `params.text`), each as one datagram. */
function textsOf(params: Record<string, unknown>): string[] {
  const { texts, text } = readParams(COUNT_CHARACTERS, params);
  if (Array.isArray(texts) && texts.every((t) => typeof t === 'string')) return texts as string[];
  return [text];
}

/** Sends each text from one socket, one after the other; each answer must be its character count. */
export const countCharacters: ServerCheck = async (ctx) => {
  const { replyMs, graceMs, exitReportMs } = readParams(COUNT_CHARACTERS, ctx.params);
  const timing: Timing = { replyMs, graceMs, exitReportMs };
  const texts = textsOf(ctx.params);
  const endpoint = await openUdp({ label: 'udp 1', transcript: ctx.transcript, family: ctx.target.host.includes(':') ? 6 : 4, signal: ctx.signal });
  const passed: string[] = [];
  try {
    for (const [index, text] of texts.entries()) {
      const exchange = await requestDatagram(endpoint, Buffer.from(text, 'utf8'), { host: ctx.target.host, port: ctx.target.port, ...timing, student: ctx.student, signal: ctx.signal });
      const finding = judgeCount(text, exchange, timing);
      if (finding.status !== 'passed') {
        const prefix = texts.length > 1 ? `Datagram ${index + 1} of ${texts.length}: ` : '';
        const earlier = index > 0 ? `\n\nThe ${index === 1 ? 'first datagram was' : `first ${index} datagrams were`} answered correctly.` : '';
        return await failure(ctx, finding, prefix, earlier, exchange.end === 'exited', timing);
      }
      passed.push(finding.feedback);
    }
  } finally {
    endpoint.close();
  }
  return { status: 'passed', feedback: passed.join('\n'), transcript: ctx.transcript.entries() };
};

/** What we sent, in words: `Hallo\n` (5 characters without the line break at the end, 6 bytes). */
function describeSent(text: string): string {
  if (text === '') return 'an empty datagram (0 characters)';
  const count = characterCount(text);
  const notes = [`${count} character${count === 1 ? '' : 's'}${withoutFinalLineBreak(text) !== text ? ' without the line break at the end' : ''}`];
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes !== count) notes.push(`${bytes} bytes`);
  return `${quoteBytes(Buffer.from(text, 'utf8'))} (${notes.join(', ')})`;
}

export function judgeCount(text: string, exchange: UdpExchange, timing: Timing): Finding {
  const sent = `We sent ${describeSent(text)}`;
  const expected = BigInt(characterCount(text));
  if (exchange.end === 'exited') return { status: 'failed', feedback: `${sent}, but your server stopped running before it answered.` };
  if (!exchange.reply) {
    const empty = text === '' ? ' Do you skip empty datagrams? An empty text has 0 characters: answer `0`.' : ' Does your server answer with `sendto(antwort, addr)`, to the address that `recvfrom()` returned?';
    return { status: 'timeout', feedback: `${sent} and waited ${formatDuration(timing.replyMs)}, but no answer came.${empty}` };
  }
  const reply = readNumberReply(exchange.reply);
  const got = `${sent} and expected \`${expected}\`, but got ${quoteBytes(exchange.reply)}`;
  const compare = comparison(String(expected), exchange.reply);
  if (reply.kind !== 'number') return { status: 'failed', feedback: `${got}. ${explainNumberShape(reply, expected) ?? ''}`.trim(), compare };
  if (reply.value !== expected) {
    const cause = characterCountCause(text, reply.value);
    return { status: 'failed', feedback: `${got}.${cause ? `\n\nLikely cause: ${cause}` : ''}`, compare };
  }
  if (exchange.extra.length > 0) {
    return {
      status: 'failed',
      feedback: `${sent} and got \`${expected}\`, right, but then ${exchange.extra.length} more datagram${exchange.extra.length === 1 ? '' : 's'} (${quoteBytes(exchange.extra[0] ?? Buffer.alloc(0), 40)}${exchange.extra.length > 1 ? ', …' : ''}). Send exactly one answer per datagram.`,
    };
  }
  return { status: 'passed', feedback: `${sent} and got \`${expected}\`.` };
}

async function failure(ctx: ServerCheckContext, finding: Finding, prefix: string, earlier: string, dying: boolean, timing: Timing): Promise<TestOutcome> {
  const note = await serverExitNote(ctx, { dying, waitMs: timing.exitReportMs });
  const label = prefix.replace(/:\s*$/, '');
  const compare = finding.compare ? { compare: label ? { ...finding.compare, label } : finding.compare } : {};
  return { status: finding.status, feedback: `${prefix}${finding.feedback}${earlier}${note ? `\n\n${note}` : ''}`, transcript: ctx.transcript.entries(), ...compare };
}

export const charcountUdpServerSuite = {
  id: 'charcount-udp-server',
  role: 'server',
  transport: 'udp',
  probe: udpAnswerProbe(Buffer.from('Hallo'), (answer) => containsNumber(answer, 5), 'answered our datagram `Hallo` with 5'),
  // A server that answered nothing on one test gets short waits on the next (issue #11).
  checks: silenceAwareChecks({ 'count-characters': withParams(COUNT_CHARACTERS)(countCharacters) }, { params: COUNT_CHARACTERS, waitParams: ['replyMs', 'exitReportMs'] }),
} satisfies ServerSuite;
