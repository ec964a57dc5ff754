/**
 * Grading a daytime server (RFC 867), TCP or UDP: it answers every client with the
 * current date and time as text. The course's servers bind port 13; we find the port
 * whatever it is. Tests share the exchange in `daytime-exchange.ts` and judge different
 * things about the answer: that it came, that it is a date and time, that it is right.
 */
import { speaksFirstProbe, udpAnswerProbe } from '../lib/socket-probes.js';
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration, sleep } from '../lib/deadline.js';
import { serverExitNote } from '../lib/server-exit-note.js';
import type { ServerCheck, ServerCheckContext, ServerSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { readParams } from '../lib/param-schema.js';
import { withParams } from '../define-assignment.js';
import { DAYTIME_SERVER, DAYTIME_SUCCESSIVE } from './daytime-params.js';
import { afterNudgeMs, askDaytime, askTcp, askUdp, type DaytimeAnswer, type DaytimeTiming, timingFor } from './daytime-exchange.js';
import { parseDaytime } from './daytime-parse.js';
import { judgeReadable, judgeTime, staleClockCause } from './daytime-verdict.js';

function outcome(ctx: ServerCheckContext, status: TestStatus, feedback: string): TestOutcome {
  return { status, feedback, transcript: ctx.transcript.entries() };
}

const timingOf = (ctx: ServerCheckContext): DaytimeTiming => timingFor(ctx);
const toleranceOf = (ctx: ServerCheckContext): number => readParams(DAYTIME_SERVER, ctx.params).toleranceSec * 1000;

/** TCP: the time comes as soon as we connect, before we send anything. */
export const sendsAtOnce: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const answer = await askTcp(ctx, 'conn 1', timing);
  if (answer.end !== 'answered') return noAnswer(ctx, answer, timing);
  if (answer.nudged) {
    return outcome(
      ctx,
      'failed',
      `${exchangeStory(answer, timing)}.\n\nA daytime server does not wait for the client to say something: the client only connects and reads. Right after \`accept()\`, send the time; do not call \`recv()\` first.`,
    );
  }
  return outcome(ctx, 'passed', `${exchangeStory(answer, timing)}: right away, without waiting for us.`);
};

/** UDP: an empty datagram (the client from class sends `string2bytes("")`) gets an answer. */
export const answersEmpty: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const answer = await askUdp(ctx, 'client 1', timing);
  if (answer.end !== 'answered' || answer.data.length === 0) return noAnswer(ctx, answer, timing);
  if (answer.nudged) {
    return outcome(
      ctx,
      'failed',
      `${exchangeStory(answer, timing)}.\n\nYour server answers a datagram with text, but not an empty one. The daytime client from class sends an empty datagram (\`sendto(string2bytes(""), server_addr)\`): a daytime server answers every datagram, whatever is in it. Do you skip empty data (\`if not daten:\`)?`,
    );
  }
  return outcome(ctx, 'passed', `${exchangeStory(answer, timing)}.`);
};

/** The answer contains a date (day, month, year) and a time of day. */
export const readableTime: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const answer = await askDaytime(ctx, ctx.target.transport === 'tcp' ? 'conn 1' : 'client 1', timing);
  if (answer.end !== 'answered' || answer.data.length === 0) return noAnswer(ctx, answer, timing);
  const verdict = judgeReadable(parseDaytime(answer.text));
  return outcome(ctx, verdict.ok ? 'passed' : 'failed', `${exchangeStory(answer, timing)}. ${verdict.feedback}${notes(answer)}`);
};

/** The time in the answer is the real time, within `toleranceSec`. */
export const correctTime: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const answer = await askDaytime(ctx, ctx.target.transport === 'tcp' ? 'conn 1' : 'client 1', timing);
  if (answer.end !== 'answered' || answer.data.length === 0) return noAnswer(ctx, answer, timing);
  const verdict = judgeTime(parseDaytime(answer.text), answer.window, toleranceOf(ctx));
  return outcome(ctx, verdict.ok ? 'passed' : 'failed', `${exchangeStory(answer, timing)}. ${verdict.feedback}${notes(answer)}`);
};

/** UDP: a datagram with text in it is answered with the time too (the text does not matter). */
export const answersText: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const answer = await askUdp(ctx, 'client 1', timing, { request: timing.nudge, nudge: false });
  if (answer.end !== 'answered' || answer.data.length === 0) return noAnswer(ctx, answer, timing);
  const reading = parseDaytime(answer.text);
  if (reading.time || reading.unixSeconds !== null) return outcome(ctx, 'passed', `${exchangeStory(answer, timing)}: a time, as it should be.`);
  const echoed = answer.data.equals(answer.request);
  return outcome(
    ctx,
    'failed',
    `${exchangeStory(answer, timing)}, which contains no time.${echoed ? ' That is our own text: a daytime server ignores what the client sends and answers with the current date and time.' : ''}`,
  );
};

/** TCP: after sending the time the server closes the connection: that is how the client knows the answer is complete. */
export const closesAfterAnswer: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const answer = await askTcp(ctx, 'conn 1', timing);
  if (answer.end !== 'answered') return noAnswer(ctx, answer, timing);
  if (answer.closedAfter) return outcome(ctx, 'passed', `${exchangeStory(answer, timing)} and then closed the connection.`);
  return outcome(
    ctx,
    'failed',
    `${exchangeStory(answer, timing)}, but then kept the connection open: we waited another ${formatDuration(timing.closeMs)} and closed it ourselves.\n\nIn the daytime protocol the server closes the connection after sending the time; that is how the client knows the answer is complete. Call \`client_serving_socket.close()\` after \`send()\`.`,
  );
};

/**
 * Several clients one after the other (`count`), `gapMs` apart:
 * each gets a complete, current date and time, and the answers move on with the clock.
 */
export const successiveClients: ServerCheck = async (ctx) => {
  const timing = timingOf(ctx);
  const given = readParams(DAYTIME_SUCCESSIVE, ctx.params);
  const count = Math.max(1, Math.floor(given.count));
  const gapMs = given.gapMs;
  const tolerance = toleranceOf(ctx);
  const unit = ctx.target.transport === 'tcp' ? 'connection' : 'request';
  const instants: number[] = [];
  const shown: string[] = [];
  let nudge: 'after-wait' | 'at-once' | false = 'after-wait';
  let nextAt = Date.now();
  // The first and the last moment the server can have read its clock, for the stale check.
  let firstReadBy = 0;
  let lastReadFrom = 0;
  let precisionMs = 1000;
  for (let i = 1; i <= count; i += 1) {
    await sleep(Math.max(0, nextAt - Date.now()), ctx.signal);
    const label = ctx.target.transport === 'tcp' ? `conn ${i}` : `client ${i}`;
    const answer = await askDaytime(ctx, label, timing, { nudge });
    // A server that only answers after a nudge lost points elsewhere; here we nudge at once.
    if (answer.nudged) nudge = 'at-once';
    else if (i === 1) nudge = false;
    const prefix = `${capitalize(unit)} ${i} of ${count}: `;
    const before = i > 1 ? `\n\nThe first ${i - 1 === 1 ? unit : `${i - 1} ${unit}s`} worked. A server must go back to ${ctx.target.transport === 'tcp' ? '`accept()`' : '`recvfrom()`'} in a loop and answer the next client too.` : '';
    if (answer.end !== 'answered' || answer.data.length === 0) return noAnswer(ctx, answer, timing, prefix, before);
    const reading = parseDaytime(answer.text);
    const readable = judgeReadable(reading);
    if (!readable.ok) return outcome(ctx, 'failed', `${prefix}${exchangeStory(answer, timing)}. ${readable.feedback}`);
    const verdict = judgeTime(reading, answer.window, tolerance);
    if (!verdict.ok) return outcome(ctx, 'failed', `${prefix}${exchangeStory(answer, timing)}. ${verdict.feedback}`);
    instants.push(verdict.instantMs as number);
    shown.push(quoteBytes(answer.data, 60));
    if (reading.time?.hasSeconds === false) precisionMs = 60_000;
    if (i === 1) firstReadBy = answer.window.toMs;
    lastReadFrom = answer.window.fromMs;
    nextAt = answer.window.toMs + gapMs;
  }
  const spanMs = lastReadFrom - firstReadBy;
  const stale = staleClockCause(instants, spanMs, precisionMs);
  if (stale) return outcome(ctx, 'failed', `We asked ${count} times over ${formatDuration(spanMs)} and got ${shown.join(', ')}.\n\nLikely cause: ${stale}`);
  const nudged = nudge === 'at-once' ? ` (Each time we sent ${ctx.target.transport === 'tcp' ? 'a line break' : 'a datagram with text'} at once, since your server answers only then.)` : '';
  return outcome(ctx, 'passed', `We asked ${count} times, about ${formatDuration(gapMs)} apart (a new ${unit} each time); every answer was the current date and time: ${shown.join(', ')}.${nudged}`);
};

/** What we did and what came back, as one sentence without the final full stop. */
function exchangeStory(answer: DaytimeAnswer, timing: DaytimeTiming): string {
  const got = quoteBytes(answer.data);
  const nudge = answer.nudged ? quoteBytes(answer.nudged) : '';
  const waited = formatDuration(timing.nudgeAfterMs);
  if (answer.transport === 'tcp') {
    if (answer.nudged) return `We connected and waited ${waited} without sending anything, as a daytime client does${earlyNudge(timing)}: nothing came. Only after we sent a line break (${nudge}) did your server send ${got}`;
    return `We connected without sending anything, and your server sent ${got}`;
  }
  const asked = answer.request.length === 0 ? 'an empty datagram' : quoteBytes(answer.request);
  const extra = answer.extraDatagrams > 0 ? ` (and then ${answer.extraDatagrams} more datagram${answer.extraDatagrams === 1 ? '' : 's'}; we read only the first, since a daytime answer is one datagram)` : '';
  if (answer.nudged && answer.request.length === 0) return `We sent an empty datagram and waited ${waited}${earlyNudge(timing)}: no answer. Only after we sent ${nudge} did your server answer ${got}${extra}`;
  return `We sent ${asked}, and your server answered ${got}${extra}`;
}

/** Said when the nudge came early because an earlier test showed the server needs one (issue #11). */
function earlyNudge(timing: DaytimeTiming): string {
  return timing.nudgeAfterMs < timing.replyMs ? ' (an earlier test showed that your server answers only after we send something, so we did not wait longer)' : '';
}

function notes(answer: DaytimeAnswer): string {
  return answer.latin1 ? '\n\nYour answer is not valid UTF-8, so we read it as Latin-1. Encode text as UTF-8: `string2bytes()` or `text.encode("utf-8")`.' : '';
}

async function noAnswer(ctx: ServerCheckContext, answer: DaytimeAnswer, timing: DaytimeTiming, prefix = '', hint = ''): Promise<TestOutcome> {
  const waited = formatDuration(timing.replyMs);
  const tcp = answer.transport === 'tcp';
  let status: TestStatus = 'failed';
  let text: string;
  switch (answer.end) {
    case 'refused':
      text = `We could not connect: nobody accepted the connection (${answer.errorCode ?? 'refused'}). Is your server still running and listening?`;
      break;
    case 'closed':
      text = 'We connected, but your server closed the connection without sending anything.';
      break;
    case 'reset':
      text = `We connected, but your server reset the connection (${answer.errorCode ?? 'ECONNRESET'}) without sending anything.`;
      break;
    case 'exited':
      text = `We sent ${answer.request.length === 0 ? 'an empty datagram' : quoteBytes(answer.request)}, but your server stopped running before it answered.`;
      break;
    case 'answered':
      text = `We sent ${answer.request.length === 0 ? 'an empty datagram' : quoteBytes(answer.request)}, and your server answered with an empty datagram. Did it send back what it received? A daytime server sends the current date and time, e.g. \`server_socket.sendto(string2bytes(time.ctime()), addr)\`.`;
      break;
    default: {
      status = 'timeout';
      const nudge = answer.nudged ? quoteBytes(answer.nudged) : null;
      if (tcp) {
        text = `We connected and waited ${nudge ? `${formatDuration(timing.nudgeAfterMs)}${earlyNudge(timing)}, then sent a line break (${nudge}) and waited another ${formatDuration(afterNudgeMs(timing))}` : waited}: your server sent nothing. A daytime server sends the time right after \`accept()\`, e.g. \`client_serving_socket.send(string2bytes(time.ctime()))\`. Is it perhaps still busy with an earlier client?`;
      } else {
        const asked = answer.request.length === 0 ? 'an empty datagram' : quoteBytes(answer.request);
        text = `We sent ${asked}${nudge ? ` and then ${nudge}` : ''} and waited ${nudge && timing.nudgeAfterMs < timing.replyMs ? `${formatDuration(timing.nudgeAfterMs + afterNudgeMs(timing))} in all` : `${waited}${nudge ? ' for each' : ''}`}: no answer came. Does your server call \`sendto(..., addr)\` with the address that \`recvfrom()\` returned?`;
      }
    }
  }
  const exitNote = await serverExitNote(ctx, { dying: answer.end !== 'silent' && answer.end !== 'answered', waitMs: timing.exitReportMs });
  return outcome(ctx, status, `${prefix}${text}${hint}${exitNote ? `\n\n${exitNote}` : ''}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const daytimeTcpServerSuite = {
  id: 'daytime-tcp-server',
  role: 'server',
  transport: 'tcp',
  probe: speaksFirstProbe,
  checks: {
    'sends-at-once': withParams(DAYTIME_SERVER)(sendsAtOnce),
    'readable-time': withParams(DAYTIME_SERVER)(readableTime),
    'correct-time': withParams(DAYTIME_SERVER)(correctTime),
    closes: withParams(DAYTIME_SERVER)(closesAfterAnswer),
    successive: withParams(DAYTIME_SUCCESSIVE)(successiveClients),
  },
} satisfies ServerSuite;

/** A daytime answer has digits (hours, minutes, a year); an echo decoy sends our probe (none) back. */
function looksLikeTime(answer: Buffer): boolean {
  return /[0-9]/.test(answer.toString('latin1'));
}

export const daytimeUdpServerSuite = {
  id: 'daytime-udp-server',
  role: 'server',
  transport: 'udp',
  probe: udpAnswerProbe(Buffer.from('sockgrade probe'), looksLikeTime, 'answered our datagram with digits (a time)'),
  checks: {
    'empty-datagram': withParams(DAYTIME_SERVER)(answersEmpty),
    'readable-time': withParams(DAYTIME_SERVER)(readableTime),
    'correct-time': withParams(DAYTIME_SERVER)(correctTime),
    'text-datagram': withParams(DAYTIME_SERVER)(answersText),
    successive: withParams(DAYTIME_SUCCESSIVE)(successiveClients),
  },
} satisfies ServerSuite;
