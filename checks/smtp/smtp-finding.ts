/**
 * What the smtp judges share: the finding type, quoting lines and replies for feedback,
 * what to say when the client never talked to us, and turning a judge into a check.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { type Finding, judgedCheck, noContactFinding } from '../lib/client-finding.js';
import { mainSession, type SmtpClientScenario, smtpClientScenario } from './smtp-client-scenario.js';
import type { ClientLine } from './smtp-line-reader.js';
import type { SmtpReply, SmtpSession } from './smtp-session.js';
import { withParams } from '../define-assignment.js';
import { SMTP_CLIENT } from './smtp-params.js';

export { exitNote, type Finding } from '../lib/client-finding.js';

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
  return noContactFinding(s, { server: 'mail server', sent: 'nothing', connected: session !== null });
}

/** A check that runs (or reuses) the scenario and applies one judge to it. */
export function smtpCheck(judge: (s: SmtpClientScenario) => Finding) {
  return withParams(SMTP_CLIENT)(judgedCheck(smtpClientScenario, judge));
}
