/**
 * Asking a student's daytime server for the time, the way RFC 867 clients do: over TCP
 * we connect and read without sending anything; over UDP we send an empty datagram, like
 * the client from class. A server that needs a nudge (it calls recv() first, or ignores
 * empty datagrams) gets one, so its answer can still be graded; the nudge is noted.
 */
import { decodeUtf8 } from '../lib/bytes-text.js';
import { ConnectionLostError } from '../lib/errors.js';
import { readReply, type Reply, type ReplyEnd } from '../lib/read-reply.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import { requestDatagram } from '../lib/udp-request.js';
import { openUdp } from '../lib/udp-endpoint.js';
import type { ServerCheckContext, StudentView } from '../suite.js';
import { readParams } from '../lib/param-schema.js';
import { DAYTIME_SERVER, SHORT_NUDGE_WAIT_MS } from './daytime-params.js';
import type { ClockWindow } from './daytime-verdict.js';
import { wireFaultsParam } from '../lib/wire-faults.js';

export interface DaytimeTiming {
  /** Longest wait for an answer (TCP: its first byte). */
  replyMs: number;
  /** TCP: silence after the first bytes after which the answer counts as complete. */
  closeMs: number;
  /** UDP: how long we collect datagrams after the first. */
  graceMs: number;
  exitReportMs: number;
  /**
   * Silence before we send the nudge: `replyMs`, or {@link SHORT_NUDGE_WAIT_MS} once the
   * server has shown that it answers only after one (issue #11; see {@link timingFor}).
   * The wait after the nudge makes up the difference, so an answer has as long as before.
   */
  nudgeAfterMs: number;
  /** What we send when a server waits for input: a line break over TCP, a question over UDP. */
  nudge: Buffer;
}

export function daytimeTiming(params: Record<string, unknown>, transport: 'tcp' | 'udp'): DaytimeTiming {
  const { replyMs, closeMs, graceMs, exitReportMs, nudge } = readParams(DAYTIME_SERVER, params);
  return {
    replyMs,
    closeMs,
    graceMs,
    exitReportMs,
    nudgeAfterMs: replyMs,
    nudge: Buffer.from(nudge ?? (transport === 'tcp' ? '\r\n' : 'Wie spät ist es?'), 'utf8'),
  };
}

/** Runs (keyed by their {@link StudentView}) whose server answered only after a nudge, and has not answered without one since. */
const needsNudge = new WeakSet<StudentView>();

/**
 * The timing of one test: after an earlier test where the server answered only after our
 * nudge, the nudge comes after {@link SHORT_NUDGE_WAIT_MS} (param `nudgeAfterMs`) instead
 * of the whole `replyMs` (issue #11: a server that calls recv() first cost 2 s per test).
 */
export function timingFor(ctx: ServerCheckContext): DaytimeTiming {
  const timing = daytimeTiming(ctx.params, ctx.target.transport);
  if (!needsNudge.has(ctx.student)) return timing;
  return { ...timing, nudgeAfterMs: Math.min(timing.replyMs, readParams(DAYTIME_SERVER, ctx.params).nudgeAfterMs) };
}

/** Remembers whether this answer needed the nudge, for {@link timingFor}. */
function noteNudge(student: StudentView, answer: Pick<DaytimeAnswer, 'end' | 'nudged'>, nudgeMode: AskOptions['nudge']): void {
  if (answer.end !== 'answered' || nudgeMode !== 'after-wait') return;
  if (answer.nudged) needsNudge.add(student);
  else needsNudge.delete(student);
}

/** How an attempt ended without an answer, or `answered`. */
export type AnswerEnd = 'answered' | 'silent' | 'closed' | 'reset' | 'refused' | 'exited';

export interface DaytimeAnswer {
  transport: 'tcp' | 'udp';
  /** The first request (UDP; over TCP nothing is sent first). */
  request: Buffer;
  /** The answer's bytes; empty when none came. */
  data: Buffer;
  /** The answer as text: UTF-8, or Latin-1 when it is not valid UTF-8 (`latin1` then set). */
  text: string;
  latin1: boolean;
  end: AnswerEnd;
  /** The nudge we had to send before an answer came (or null: none sent). */
  nudged: Buffer | null;
  /** TCP: the server closed the connection after its answer (FIN or reset). */
  closedAfter: boolean;
  /** UDP: datagrams that followed the first. */
  extraDatagrams: number;
  /** From our request to the first byte of the answer: when the server read its clock. */
  window: ClockWindow;
  errorCode?: string;
}

export interface AskOptions {
  /** Send the nudge when the first wait ends in silence: false, after the wait, or at once. @defaultValue 'after-wait' */
  nudge?: false | 'after-wait' | 'at-once';
  /** UDP: the first datagram. @defaultValue empty */
  request?: Buffer;
}

/** One TCP connection: connect, read the answer, close. */
export async function askTcp(ctx: ServerCheckContext, label: string, timing: DaytimeTiming, options: AskOptions = {}): Promise<DaytimeAnswer> {
  const nudgeMode = options.nudge ?? 'after-wait';
  const fromMs = Date.now();
  const base = { transport: 'tcp' as const, request: Buffer.alloc(0), nudged: null, closedAfter: false, extraDatagrams: 0 };
  const none = (end: AnswerEnd, errorCode?: string): DaytimeAnswer => ({
    ...base,
    data: Buffer.alloc(0),
    text: '',
    latin1: false,
    end,
    window: { fromMs, toMs: Date.now() },
    ...(errorCode ? { errorCode } : {}),
  });
  const attempt = await tryConnectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: timing.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  // A connect timeout means a full backlog: nobody accepts any more, for the student "no answer".
  if (!attempt.ok) return attempt.end === 'refused' ? none('refused', attempt.errorCode) : none('silent');
  const conn = attempt.conn;
  try {
    const read = async (firstByteMs: number): Promise<{ reply: Reply; startedAt: number }> => {
      const startedAt = Date.now();
      const reply = await readReply(conn, { firstByteMs, settleMs: timing.closeMs, signal: ctx.signal });
      return { reply, startedAt };
    };
    let nudged: Buffer | null = null;
    const sendNudge = async (): Promise<boolean> => {
      try {
        await conn.write(timing.nudge, { signal: ctx.signal });
        nudged = timing.nudge;
        return true;
      } catch (error) {
        if (error instanceof ConnectionLostError) return false;
        throw error;
      }
    };
    if (nudgeMode === 'at-once') await sendNudge();
    let { reply, startedAt } = await read(nudgeMode === 'after-wait' ? timing.nudgeAfterMs : timing.replyMs);
    if (reply.end === 'silent' && nudgeMode === 'after-wait' && (await sendNudge())) ({ reply, startedAt } = await read(afterNudgeMs(timing)));
    const toMs = reply.firstByteMs === null ? Date.now() : startedAt + reply.firstByteMs;
    const end = endOf(reply.end, reply.data.length > 0);
    noteNudge(ctx.student, { end, nudged }, nudgeMode);
    return {
      ...base,
      nudged,
      ...decodeAnswer(reply.data),
      end,
      closedAfter: reply.data.length > 0 && (reply.end === 'closed' || reply.end === 'reset'),
      window: { fromMs, toMs },
      ...(reply.errorCode ? { errorCode: reply.errorCode } : {}),
    };
  } finally {
    await conn.close();
  }
}

function endOf(end: ReplyEnd, gotData: boolean): AnswerEnd {
  if (gotData) return 'answered';
  return end === 'closed' ? 'closed' : end === 'reset' ? 'reset' : 'silent';
}

/** One UDP request from a fresh socket (a new client), with the nudge as a second try. */
export async function askUdp(ctx: ServerCheckContext, label: string, timing: DaytimeTiming, options: AskOptions = {}): Promise<DaytimeAnswer> {
  const nudgeMode = options.nudge ?? 'after-wait';
  const request = options.request ?? Buffer.alloc(0);
  const endpoint = await openUdp({ label, transcript: ctx.transcript, family: ctx.target.host.includes(':') ? 6 : 4, signal: ctx.signal });
  const ask = (payload: Buffer, exitReportMs: number, replyMs = timing.replyMs) =>
    requestDatagram(endpoint, payload, {
      host: ctx.target.host,
      port: ctx.target.port,
      replyMs,
      graceMs: timing.graceMs,
      exitReportMs,
      student: ctx.student,
      signal: ctx.signal,
    });
  try {
    // When a nudge may follow, the wait for an exit report comes after it, not twice.
    const first = nudgeMode === 'at-once' ? await ask(timing.nudge, timing.exitReportMs) : await ask(request, nudgeMode ? 0 : timing.exitReportMs, nudgeMode ? timing.nudgeAfterMs : timing.replyMs);
    let exchange = first;
    let nudged: Buffer | null = nudgeMode === 'at-once' ? timing.nudge : null;
    if (!first.reply && first.end === 'timeout' && nudgeMode === 'after-wait') {
      exchange = await ask(timing.nudge, timing.exitReportMs, afterNudgeMs(timing));
      nudged = timing.nudge;
    }
    const data = exchange.reply ?? Buffer.alloc(0);
    noteNudge(ctx.student, { end: exchange.reply ? 'answered' : 'silent', nudged }, nudgeMode);
    return {
      transport: 'udp',
      request,
      ...decodeAnswer(data),
      end: exchange.reply ? 'answered' : exchange.end === 'exited' ? 'exited' : 'silent',
      nudged,
      closedAfter: false,
      extraDatagrams: exchange.extra.length,
      window: { fromMs: exchange.sentAt, toMs: exchange.endedAt },
    };
  } finally {
    endpoint.close();
  }
}

/** The wait after the nudge: `replyMs`, plus what an early nudge took off the wait before it. */
export function afterNudgeMs(timing: DaytimeTiming): number {
  return timing.replyMs + (timing.replyMs - timing.nudgeAfterMs);
}

export function askDaytime(ctx: ServerCheckContext, label: string, timing: DaytimeTiming, options: AskOptions = {}): Promise<DaytimeAnswer> {
  return ctx.target.transport === 'tcp' ? askTcp(ctx, label, timing, options) : askUdp(ctx, label, timing, options);
}

function decodeAnswer(data: Buffer): { data: Buffer; text: string; latin1: boolean } {
  const utf8 = decodeUtf8(data);
  return utf8 === null ? { data, text: data.toString('latin1'), latin1: true } : { data, text: utf8, latin1: false };
}
