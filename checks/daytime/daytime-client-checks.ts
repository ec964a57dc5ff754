/**
 * Grading a daytime client: started as `python3 client.py HOST PORT`, it must ask our
 * daytime server (TCP: connect; UDP: any datagram), print the time it got, and end.
 * Our server sends a fixed time from the past, so printing one's own clock is caught.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { type DaytimeClientScenario, daytimeClientScenario } from './daytime-client-scenario.js';
import { parseDaytime } from './daytime-parse.js';
import { judgeTime } from './daytime-verdict.js';
import { withParams } from '../define-assignment.js';
import { DAYTIME_CLIENT } from './daytime-params.js';

interface Finding {
  status: TestStatus;
  feedback: string;
}

/** Did the client reach our server: a connection (TCP) or a datagram (UDP)? */
export function judgeContact(s: DaytimeClientScenario): Finding {
  const where = `our server (${s.host} port ${s.port}${s.transport === 'udp' ? ', UDP' : ''})`;
  if (s.units === 0) {
    if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had not ${s.transport === 'tcp' ? 'connected to' : 'sent anything to'} ${where}, so we stopped it.${s.transport === 'udp' ? ' A UDP daytime client has to send a datagram first (an empty one will do): the server only answers what it receives.' : ''}` };
    return {
      status: 'failed',
      feedback: `Your client never ${s.transport === 'tcp' ? 'connected to' : 'sent a datagram to'} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\` instead of \`("time.fu-berlin.de", 13)\`.${exitNote(s)}`,
    };
  }
  if (s.transport === 'tcp') {
    const sent = s.received.length > 0 ? ` It also sent ${quoteBytes(s.received, 40)}: not needed (a daytime server does not read), but harmless.` : ' It sent nothing, as a daytime client should.';
    return { status: 'passed', feedback: `Your client connected to ${where}.${sent}` };
  }
  const what = s.received.length === 0 ? 'an empty datagram, like the client from class' : `a datagram with ${quoteBytes(s.received, 40)}`;
  return { status: 'passed', feedback: `Your client sent ${what} to ${where}.` };
}

/** Did the client print the time our server sent? */
export function judgePrinted(s: DaytimeClientScenario): Finding {
  const stdout = s.run.stdout;
  const shown = stdout.trim() === '' ? ' nothing.' : `:\n\`\`\`\n${tailOf(stdout)}\n\`\`\``;
  const flat = squash(stdout);
  const answer = squash(s.answer);
  if (s.run.timedOut && !flat.includes(answer)) {
    return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it. Until then it printed${shown}${s.transport === 'udp' ? '\n\nIf it waits in `recvfrom()`: did it send a datagram first? Our server answers only what it receives.' : ''}` };
  }
  // `print(daten)` shows b'Tuesday, …': the text is in there, but as a bytes literal.
  const head = s.answer.slice(0, 12);
  const bytesLiteral = stdout.includes(`b'${head}`) || stdout.includes(`b"${head}`) || (/\bb(['"]).*\1/.test(stdout) && !flat.includes(answer));
  if (!bytesLiteral && flat.includes(answer)) return { status: 'passed', feedback: `Your client printed the time our server sent: ${quoteBytes(Buffer.from(s.answer))}.` };
  if (bytesLiteral) {
    return { status: 'failed', feedback: `Your client printed the bytes object instead of the text. It printed${shown}\n\nTurn the bytes into text before printing: \`bytes2string(daten)\` or \`daten.decode("utf-8")\`.` };
  }
  if (flat.includes(squash(Buffer.from(s.answer, 'utf8').toString('latin1')))) {
    return { status: 'failed', feedback: `Your client printed${shown}\n\nThe \`ä\` came out as \`Ã¤\`: you decoded the UTF-8 bytes as Latin-1. Decode with UTF-8: \`bytes2string(daten)\` or \`daten.decode("utf-8")\`.` };
  }
  const sentTo = `Our server sent ${quoteBytes(Buffer.from(s.answer))}, but your client did not print it. It printed${shown}`;
  const ownClock = judgeTime(parseDaytime(stdout), { fromMs: Date.now() - s.run.durationMs - 60_000, toMs: Date.now() }, 60 * 60_000);
  if (stdout.trim() !== '' && ownClock.ok) {
    return { status: 'failed', feedback: `${sentTo}\n\nThat looks like the current time of your own computer. A daytime client prints what the server sends: our server sends a time from the past on purpose.` };
  }
  return { status: 'failed', feedback: `${sentTo}${s.units === 0 ? '\n\nIt never reached our server, so it had nothing to print.' : ''}${exitNote(s)}` };
}

/** Did the client end by itself with exit code 0? */
export function judgeEnded(s: DaytimeClientScenario): Finding {
  if (s.run.timedOut) {
    return {
      status: 'timeout',
      feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.\n\nA daytime client ends by itself once it has printed the answer: ${s.transport === 'tcp' ? 'one `recv()` is enough; our server closes the connection after its answer' : 'exactly one datagram comes back; do not wait for a second one'}.`,
    };
  }
  if (s.run.startError !== undefined || s.run.exitCode !== 0) return { status: 'failed', feedback: describeExit(s.run, { what: 'client', entry: '{entry}' }) };
  if (s.units === 0) return { status: 'failed', feedback: `Your client exited with code 0, but it never ${s.transport === 'tcp' ? 'connected to' : 'sent anything to'} our server.` };
  return { status: 'passed', feedback: `Your client exited with code 0 after ${s.run.durationMs} ms.` };
}

function exitNote(s: DaytimeClientScenario): string {
  if (s.run.exitCode === 0 && s.run.startError === undefined && !s.run.timedOut) return '';
  if (s.run.timedOut) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

/**
 * The printing and the exit verdict both explain a crash: one block is enough (issue #13:
 * the whole traceback appeared twice in one test).
 */
function withoutRepeats(feedback: string, block: string): string {
  const paragraph = block.trim();
  if (paragraph === '') return feedback;
  const first = feedback.indexOf(paragraph);
  if (first < 0) return feedback;
  const head = feedback.slice(0, first + paragraph.length);
  return head + feedback.slice(head.length).split(paragraph).join('').replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '');
}

/** Whitespace collapsed, so `print()` of a `\r\n`-terminated answer matches. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function tailOf(text: string, maxChars = 600): string {
  const trimmed = text.replace(/\s+$/, '');
  return trimmed.length > maxChars ? `…${trimmed.slice(-maxChars)}` : trimmed;
}

function finish(ctx: ClientCheckContext, s: DaytimeClientScenario, finding: Finding): TestOutcome {
  ctx.transcript.include(s.transcript);
  return { status: finding.status, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries() };
}

function checksFor(transport: 'tcp' | 'udp') {
  const typed = withParams(DAYTIME_CLIENT);
  const single = (judge: (s: DaytimeClientScenario) => Finding): ClientCheck => async (ctx) => {
    const scenario = await daytimeClientScenario(ctx, transport);
    return finish(ctx, scenario, judge(scenario));
  };
  return {
    'contacts-server': typed(single(judgeContact)),
    'prints-time': typed(single(judgePrinted)),
    'exits-cleanly': typed(single(judgeEnded)),
    /** All three at once, for the second scenario: any failure fails it; else a timeout times it out. */
    'full-exchange': typed<ClientCheck>(async (ctx) => {
      const scenario = await daytimeClientScenario(ctx, transport);
      const findings = [judgeContact(scenario), judgePrinted(scenario), judgeEnded(scenario)];
      const failed = findings.filter((f) => f.status === 'failed' || f.status === 'error');
      if (failed.length > 0) return finish(ctx, scenario, { status: 'failed', feedback: withoutRepeats(failed.map((f) => f.feedback).join('\n\n'), exitNote(scenario)) });
      const timedOut = findings.find((f) => f.status === 'timeout');
      if (timedOut) return finish(ctx, scenario, timedOut);
      return finish(ctx, scenario, { status: 'passed', feedback: `Our server sent ${quoteBytes(Buffer.from(scenario.answer))}: your client printed it and ended cleanly.` });
    }),
  };
}

export const daytimeTcpClientSuite = { id: 'daytime-tcp-client', role: 'client', transport: 'tcp', checks: checksFor('tcp') } satisfies ClientSuite;
export const daytimeUdpClientSuite = { id: 'daytime-udp-client', role: 'client', transport: 'udp', checks: checksFor('udp') } satisfies ClientSuite;
