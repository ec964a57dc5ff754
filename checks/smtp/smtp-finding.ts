/**
 * What the smtp judges share: the finding type, quoting lines and replies for feedback,
 * what to say when the client never talked to us, and turning a judge into a check.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck } from '../suite.js';
import type { TestStatus } from '../types.js';
import { mainSession, type SmtpClientScenario, smtpClientScenario } from './smtp-client-scenario.js';
import type { ClientLine } from './smtp-line-reader.js';
import type { SmtpReply, SmtpSession } from './smtp-session.js';

export interface Finding {
  status: TestStatus;
  feedback: string;
  fraction?: number;
}

/** A line as the client sent it, line end made visible: `` `HELO x\r\n` ``. */
export const quoteLine = (line: ClientLine): string => quoteBytes(line.raw, 120);

/** A line without its line end: `` `HELO x` ``. */
export const quoteContent = (line: ClientLine): string => quoteBytes(line.content, 120);

/** Text in backticks, control characters visible. */
export const quoteText = (text: string): string => quoteBytes(Buffer.from(text, 'utf8'), 120);

/** Our reply's first line: `` `250 2.1.0 Ok` ``. */
export function quoteReply(reply: SmtpReply): string {
  const first = reply.wire.split('\r\n')[0] ?? '';
  return `\`${first}${reply.lines.length > 1 ? ' …' : ''}\``;
}

/** The session the judge looks at, or the finding that there is none. */
export function withSession(s: SmtpClientScenario, judge: (session: SmtpSession) => Finding): Finding {
  const session = mainSession(s);
  if (!session || session.lines.length === 0) return nothingSent(s, session);
  return judge(session);
}

export function nothingSent(s: SmtpClientScenario, session: SmtpSession | null): Finding {
  const where = `our mail server (${s.host} port ${s.port})`;
  if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had sent nothing to ${where}, so we stopped it.` };
  const contact = session ? 'connected to, but sent nothing to' : 'never connected to';
  return {
    status: 'failed',
    feedback: `Your client ${contact} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}`,
  };
}

/** The exit report when the client did not end cleanly, else nothing. */
export function exitNote(s: SmtpClientScenario): string {
  if ((s.run.exitCode === 0 && s.run.startError === undefined) || s.run.timedOut) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

/** A check that runs (or reuses) the scenario and applies one judge to it. */
export function smtpCheck(judge: (s: SmtpClientScenario) => Finding): ClientCheck {
  return async (ctx) => {
    const scenario = await smtpClientScenario(ctx);
    const finding = judge(scenario);
    ctx.transcript.include(scenario.transcript);
    return {
      status: finding.status,
      feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry),
      ...(finding.fraction !== undefined ? { fraction: finding.fraction } : {}),
      transcript: ctx.transcript.entries(),
    };
  };
}
