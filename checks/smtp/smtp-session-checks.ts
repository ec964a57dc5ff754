/**
 * Judging the conversation of a mail client (RFC 5321): the order of its commands, that
 * it waited for each reply, that it ended with QUIT, and its line endings.
 */
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import { exitNote, type Finding, quoteContent, quoteLine, quoteReply, withSession } from './smtp-finding.js';
import type { SmtpClientScenario } from './smtp-client-scenario.js';
import type { ClientLine } from './smtp-line-reader.js';
import type { EarlyLine, SmtpCommand, SmtpSession } from './smtp-session.js';

const ORDER = '`HELO`/`EHLO` → `MAIL FROM:<…>` → `RCPT TO:<…>` → `DATA` → the message, ended by a line with only `.` → `QUIT`';

/** The commands as a short sequence, e.g. `EHLO → MAIL → RCPT → DATA → (message) → QUIT`. */
export function commandSequence(session: SmtpSession): string {
  const steps = session.commands.map((c) => (c.verb === 'DATA' && c.reply?.code === 354 ? 'DATA → (message)' : c.verb || '(empty line)'));
  return steps.length > 12 ? `${steps.slice(0, 12).join(' → ')} → …` : steps.join(' → ');
}

/** RFC 5321 §4.1.4: HELO/EHLO, MAIL, RCPT, DATA, the message; no command refused as out of order or unknown. */
export function judgeOrder(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const sequence = `Your client's commands: ${commandSequence(session)}.`;
    const refused = session.commands.find((c) => c.reply?.code === 503 || c.reply?.code === 500 || c.reply?.code === 502);
    if (refused?.reply) {
      const why =
        refused.reply.code === 503
          ? ` That command was out of order: SMTP expects ${ORDER} (RFC 5321 §4.1.4).`
          : ` Our server did not know that command. Every command is one line: a verb like \`MAIL\`, its argument, and \`\\r\\n\`.${looksLikeMessage(refused) ? ' It looks like a line of your message that arrived outside of DATA — see the end-of-data test.' : ''}`;
      return { status: 'failed', feedback: `Your client sent ${quoteContent(refused.line)} and our server answered ${quoteReply(refused.reply)}.${why}\n\n${sequence}` };
    }
    const missing = missingStep(session);
    if (missing) {
      const status = s.run.timedOut ? 'timeout' : 'failed';
      return { status, feedback: `${missing} A mail is sent as ${ORDER}.\n\n${sequence}${exitNote(s)}` };
    }
    return { status: 'passed', feedback: `${sequence} That is the order RFC 5321 §4.1.4 asks for.` };
  });
}

function missingStep(session: SmtpSession): string | null {
  if (!session.hello) return `Your client never introduced itself with \`HELO\` or \`EHLO\`.${refusal(session, ['HELO', 'EHLO'])}`;
  const transaction = session.transactions.find((t) => t.ended === 'dot' || t.ended === 'too-big') ?? session.transactions[0];
  if (!transaction) return `Our server accepted no \`MAIL FROM:<…>\` from your client, so no mail was started.${refusal(session, ['MAIL'])}`;
  if (transaction.recipients.length === 0) return `After \`MAIL FROM\` our server accepted no \`RCPT TO:<…>\`: the mail had no recipient.${refusal(session, ['RCPT'])}`;
  if (!transaction.data) return 'After `RCPT TO` your client never sent `DATA`, so the message itself never came.';
  return null;
}

/** " It sent `X`, and our server answered `501 …`." for the first refused command of those verbs. */
function refusal(session: SmtpSession, verbs: string[]): string {
  const refused = session.commands.find((c) => verbs.includes(c.verb) && c.reply && c.reply.code >= 400);
  if (!refused?.reply) return '';
  return ` It sent ${quoteContent(refused.line)}, and our server answered ${quoteReply(refused.reply)}${refused.verb === 'MAIL' || refused.verb === 'RCPT' ? ' (see the addresses test)' : ''}.`;
}

function looksLikeMessage(command: SmtpCommand): boolean {
  return command.state === 'hello' && !/^[A-Z]{4}$/.test(command.verb);
}

/** RFC 5321 §4.3 and RFC 2920: without PIPELINING in our EHLO reply, every command waits for the reply to the one before. */
export function judgeWaiting(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const early = earlyLines(session);
    const delays = `(We greet after ${s.settings.greetDelayMs} ms and answer each command after ${s.settings.replyDelayMs} ms, as a busy server would.)`;
    const first = early[0];
    if (!first) {
      return { status: 'passed', feedback: `Your client waited for our greeting before its first command and for our reply before every next one. ${delays}` };
    }
    const more = early.length > 1 ? ` After that, ${early.length - 1} more line${early.length === 2 ? '' : 's'} came before the reply to the previous command, e.g. ${describeEarly(early[1] as [ClientLine, EarlyLine])}.` : '';
    const [line, note] = first;
    if (note.answering === null) {
      return {
        status: 'failed',
        feedback: `Your client sent ${quoteContent(line)} before our greeting ${quoteReply(note.before)} had arrived. In SMTP the server speaks first (RFC 5321 §3.1): right after \`connect()\`, read the greeting with \`recv()\`, and only then send \`HELO\`/\`EHLO\`.${more} (The slides' client does this: it sends \`HELO\` right after \`connect()\`, and from then on each of its \`recv()\` calls returns the reply to the command before.) ${delays}`,
      };
    }
    return {
      status: 'failed',
      feedback: `Your client sent ${describeEarly(first)}.${more} Our server did not offer PIPELINING in its EHLO reply, so a client must wait for the reply to each command before it sends the next (RFC 5321 §4.3, RFC 2920): read until a reply line with a space after the code (\`250 \`, not \`250-\`), then send the next command. ${delays}`,
    };
  });
}

/** Lines that came before the reply they should have waited for, in the order they came. */
function earlyLines(session: SmtpSession): Array<[ClientLine, EarlyLine]> {
  const fromCommands = session.commands.filter((c) => c.early).map((c): [ClientLine, EarlyLine] => [c.line, c.early as EarlyLine]);
  const fromData = session.transactions.filter((t) => t.early).map((t): [ClientLine, EarlyLine] => [t.lines[0]?.line ?? (t.endLine as ClientLine), t.early as EarlyLine]);
  return [...fromCommands, ...fromData].filter(([line]) => line).sort(([a], [b]) => a.arrivedAt - b.arrivedAt);
}

function describeEarly([line, note]: [ClientLine, EarlyLine]): string {
  if (note.answering === null) return `${quoteContent(line)} before our greeting`;
  const what = note.answering === '.' ? 'the end of your message (`.`)' : `\`${note.answering}\``;
  const kind = note.before.code === 354 ? `the first line of the message ${quoteContent(line)} before our \`354\` invited it` : `${quoteContent(line)} before our reply to ${what}`;
  return `${kind} (${quoteReply(note.before)} came only after it)`;
}

/** RFC 5321 §4.1.1.10: QUIT, wait for 221, close; and the program ends by itself with exit code 0. */
export function judgeQuit(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const timeout = `still running after ${formatDuration(s.timeoutMs)}, so we stopped it`;
    if (!session.quit) {
      if (s.run.timedOut) return { status: 'timeout', feedback: `Your client never sent \`QUIT\` and was ${timeout}.` };
      const how = !session.closedByUs
        ? 'closed the connection without a word'
        : session.end?.end === 'idle'
          ? `went silent; after ${formatDuration(s.settings.idleMs)} our server gave up with ${quoteReply(session.closedByUs)}`
          : `made too many errors, and our server closed the connection with ${quoteReply(session.closedByUs)}`;
      return {
        status: 'failed',
        feedback: `After its last command your client ${how}. It never sent \`QUIT\`. An SMTP session ends with \`QUIT\\r\\n\`; the server answers \`221\` and closes (RFC 5321 §4.1.1.10). A server logs a client that just hangs up as "lost connection".${exitNote(s)}`,
      };
    }
    const reply = session.quit.reply ? ` and our server answered ${quoteReply(session.quit.reply)}` : '';
    if (s.run.timedOut) return { status: 'timeout', feedback: `Your client sent \`QUIT\`${reply}, but then it was ${timeout}. After \`221\`, close the socket and end the program.` };
    if (s.run.startError !== undefined || s.run.exitCode !== 0) {
      return { status: 'failed', feedback: `Your client sent \`QUIT\`${reply}, but then: ${describeExit(s.run, { what: 'client', entry: '{entry}' })}` };
    }
    return { status: 'passed', feedback: `Your client sent \`QUIT\`${reply}, then ended with exit code 0 after ${s.run.durationMs} ms.` };
  });
}

/** RFC 5321 §2.3.8: every line ends with CR LF. Bare LF is accepted, and costs this test. */
export function judgeLineEndings(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const lines = session.lines;
    const bare = lines.filter((line) => line.end === 'lf');
    const open = lines.filter((line) => line.end === 'none');
    if (bare.length === 0 && open.length === 0) {
      return { status: 'passed', feedback: `All ${lines.length} lines your client sent ended with \`\\r\\n\` (CR LF), as RFC 5321 §2.3.8 requires.` };
    }
    const parts: string[] = [];
    if (bare.length > 0) {
      const all = bare.length === lines.length ? 'All' : `${bare.length} of the`;
      parts.push(
        `${all} ${lines.length} lines your client sent ended with a bare \`\\n\` instead of \`\\r\\n\`, e.g. ${quoteLine(bare[0] as ClientLine)}. RFC 5321 §2.3.8: in SMTP every line ends with CR LF (\`\\r\\n\`), and a client must not send a bare LF. Our server accepted it anyway, as many real servers do, so the other tests are graded as if the lines were right — but since the "SMTP smuggling" attacks of 2023 more and more servers refuse a bare \`\\n\`. Write \`"HELO sesamstrasse.de\\r\\n"\` and end every line of the message with \`\\r\\n\` too.`,
      );
    }
    if (open.length > 0) {
      parts.push(
        `${open.length === 1 ? 'One line' : `${open.length} lines`} had no line end at all, e.g. ${quoteLine(open[0] as ClientLine)}: we waited ${formatDuration(s.settings.settleMs)} for more and then took it as complete. A real server would have waited for the \`\\r\\n\` forever.`,
      );
    }
    return { status: 'failed', feedback: parts.join('\n\n'), fraction: 0 };
  });
}
