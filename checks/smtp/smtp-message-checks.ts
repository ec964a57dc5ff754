/**
 * Judging what a mail client sent about the mail itself: the envelope addresses
 * (RFC 5321 §4.1.2), the message's header and body (RFC 5322 §3.6), the end-of-data
 * marker (§4.1.1.4) and dot-stuffing (§4.5.2).
 */
import { formatDuration } from '../lib/deadline.js';
import { isRfc5322Date } from './mail-date.js';
import { DOT_LINE } from './mail-input.js';
import { headerField, type MailMessage, parseMailMessage } from './mail-message.js';
import type { SmtpClientScenario } from './smtp-client-scenario.js';
import { type Finding, quoteContent, quoteLine, quoteReply, quoteText, withSession } from './smtp-finding.js';
import { sameAddress } from './smtp-path.js';
import type { SmtpCommand, SmtpSession, SmtpTransaction } from './smtp-session.js';

/** The transaction that carried the message: the first one that reached DATA. */
export function messageTransaction(session: SmtpSession): SmtpTransaction | null {
  return session.transactions.find((t) => t.data !== null) ?? null;
}

/** `MAIL FROM:<from>` and one `RCPT TO:<to>`, with the addresses we typed, in angle brackets. */
export function judgeAddresses(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const mail = session.commands.find((c) => c.verb === 'MAIL');
    if (!mail) return { status: 'failed', feedback: 'Your client never sent `MAIL FROM:<…>`, so there was no sender address to check.' };
    const rcpts = session.commands.filter((c) => c.verb === 'RCPT');
    const problems = [checkPath(mail, 'FROM', s.input.from, 'sender')];
    if (rcpts.length === 0) problems.push('Your client never sent `RCPT TO:<…>`, so the mail had no recipient.');
    else problems.push(checkPath(rcpts[0] as SmtpCommand, 'TO', s.input.to, 'recipient'));
    const extra = rcpts.slice(1).filter((c) => !c.path || !sameAddress(c.path.address, s.input.to));
    if (extra.length > 0) problems.push(`We typed one recipient, but your client also sent ${extra.map((c) => quoteContent(c.line)).join(', ')}.`);
    const found = problems.filter((p): p is string => p !== null);
    if (found.length > 0) return { status: 'failed', feedback: `${found.join('\n\n')}\n\nRFC 5321 §4.1.2: \`MAIL FROM:<local@domain>\` and \`RCPT TO:<local@domain>\`, the address in angle brackets, no space after the colon.` };
    const space = [mail, ...rcpts].some((c) => c.path?.spaceAfterColon)
      ? ' (A space after the colon, `MAIL FROM: <…>`, is not in the grammar of RFC 5321 §4.1.2; most servers accept it, strict ones do not. Better leave it out.)'
      : '';
    return { status: 'passed', feedback: `Your client sent ${quoteContent(mail.line)} and ${quoteContent((rcpts[0] as SmtpCommand).line)}: the addresses we typed, in angle brackets.${space}` };
  });
}

function checkPath(command: SmtpCommand, keyword: 'FROM' | 'TO', want: string, role: string): string | null {
  const verb = keyword === 'FROM' ? 'MAIL FROM' : 'RCPT TO';
  const sent = `Your client sent ${quoteContent(command.line)}${command.reply ? ` (our server answered ${quoteReply(command.reply)})` : ''}`;
  const path = command.path;
  if (!path) {
    const broken = command.line.end !== 'crlf' && !command.text.includes('>') && command.text.includes('<') ? ' The line ends before the `>`: the address from stdin probably still had its line break — use `input()` or `.strip()`.' : '';
    return `${sent}. We expected \`${verb}:<${want}>\`.${broken}`;
  }
  if (!sameAddress(path.address, want)) return `${sent}. We typed \`${want}\` as the ${role}, so we expected \`${verb}:<${want}>\`.`;
  if (!path.bracketed) return `${sent}. The address must stand in angle brackets: \`${verb}:<${want}>\`. Some servers accept it without, many refuse it.`;
  return null;
}

/** The message of the first transaction that reached DATA, parsed; or the finding why there is none. */
function withMessage(s: SmtpClientScenario, judge: (message: MailMessage, transaction: SmtpTransaction) => Finding): Finding {
  return withSession(s, (session) => {
    const transaction = messageTransaction(session);
    if (!transaction || transaction.lines.length === 0) {
      const status = s.run.timedOut ? 'timeout' : 'failed';
      const why = transaction ? 'After our `354` no message line came' : 'Your client never got as far as `DATA`, so no message arrived (see the order test)';
      return { status, feedback: `${why}; there was nothing to check.` };
    }
    return judge(parseMailMessage(transaction.lines.map((l) => l.unstuffed)), transaction);
  });
}

/** RFC 5322 §3.6: `From:`, `To:`, `Subject:` and `Date:` with what we typed and a valid date. A quarter each. */
export function judgeHeaders(s: SmtpClientScenario): Finding {
  return withMessage(s, (message) => {
    if (message.headerless) {
      return {
        status: 'failed',
        feedback: `Your message starts with ${quoteText(message.bodyText.split('\n')[0] ?? '')}: it has no header. Before the body come the header lines \`From: <${s.input.from}>\`, \`To: <${s.input.to}>\`, \`Subject: ${s.input.subject}\` and \`Date: …\`, then an empty line (RFC 5322 §3.6).`,
        fraction: 0,
      };
    }
    const checks: Array<[string, string | null]> = [
      ['From', addressField(message, 'From', s.input.from)],
      ['To', addressField(message, 'To', s.input.to)],
      ['Subject', subjectField(message, s.input.subject)],
      ['Date', dateField(message)],
    ];
    const problems = checks.map(([, problem]) => problem).filter((p): p is string => p !== null);
    const good = checks.length - problems.length;
    const fields = message.fields.map((f) => quoteText(`${f.name}: ${f.value}`)).join(', ');
    if (problems.length === 0) return { status: 'passed', feedback: `Your message has the header fields ${fields}: \`From\`, \`To\`, \`Subject\` and \`Date\` are right.` };
    return { status: 'failed', fraction: good / checks.length, feedback: `${problems.join('\n\n')}\n\nYour message's header: ${fields || 'nothing'}. (${good} of ${checks.length} fields right.)` };
  });
}

function addressField(message: MailMessage, name: string, address: string): string | null {
  const field = headerField(message, name);
  if (!field) return `Your message has no \`${name}:\` field. Write \`${name}: <${address}>\` into the header.`;
  if (!field.decoded.toLowerCase().includes(address.toLowerCase())) return `Your \`${name}:\` field is ${quoteText(field.value)}, but we typed \`${address}\`: \`${name}: <${address}>\`.`;
  return null;
}

function subjectField(message: MailMessage, subject: string): string | null {
  const field = headerField(message, 'Subject');
  if (!field) return `Your message has no \`Subject:\` field. Write \`Subject: ${subject}\` into the header.`;
  if (field.decoded.trim() === subject) return null;
  const garbled = /Ã|\ufffd/.test(field.decoded) ? ' The umlaut came out wrong: send the text as UTF-8 (`string2bytes()`).' : '';
  return `Your \`Subject:\` is ${quoteText(field.decoded)}, but we typed ${quoteText(subject)}.${garbled}`;
}

function dateField(message: MailMessage): string | null {
  const field = headerField(message, 'Date');
  const how = 'Python writes a correct one for you: `email.utils.formatdate(localtime=True)`.';
  if (!field) return `Your message has no \`Date:\` field. RFC 5322 §3.6 requires it (with \`From\`). ${how}`;
  if (isRfc5322Date(field.value)) return null;
  return `Your \`Date:\` field is ${quoteText(field.value)}, which is not a date in the format of RFC 5322 §3.3, e.g. \`Date: Thu, 21 May 1998 05:33:29 -0700\`. (The slide's \`Date: wird nicht verraten\` is a joke that many servers let pass.) ${how}`;
}

/** The body, after the empty line that ends the header, is exactly what we typed (dots judged separately). */
export function judgeBody(s: SmtpClientScenario): Finding {
  return withMessage(s, (message, transaction) => {
    const want = trimEmpty(s.input.body);
    const got = trimEmpty(message.bodyText.split('\n').map((line) => line.replace(/\r$/, '').trimEnd()));
    if (!message.separated && !message.headerless) {
      return {
        status: 'failed',
        feedback: `After your header came no empty line, so your message's first body line ${quoteText(got[0] ?? '')} is still part of the header to a mail program. RFC 5322 §2.1: an empty line separates header and body — send \`"\\r\\n"\` after the last header line.`,
      };
    }
    // A line that lost its first dot is the dot-stuffing test's business, not this one's.
    const same = (g: string | undefined, w: string): boolean => g === w || (w === DOT_LINE && g === DOT_LINE.slice(1));
    const mismatch = want.findIndex((line, i) => !same(got[i], line));
    const decoded = message.encoding ? ` (It came ${message.encoding === 'multipart' ? 'as a MIME multipart message' : `as ${message.encoding}`}; we decoded it.)` : '';
    if (mismatch < 0 && got.length === want.length) return { status: 'passed', feedback: `The body arrived exactly as we typed it, all ${want.length} lines.${decoded}` };
    if (mismatch < 0) return { status: 'failed', feedback: `The body we typed ended with ${quoteText(want[want.length - 1] ?? '')}, but your message goes on: ${got.slice(want.length, want.length + 3).map(quoteText).join(', ')}.${decoded}` };
    const gotLine = got[mismatch];
    if (gotLine === undefined) {
      return {
        status: 'failed',
        feedback: `Your message's body ends after ${got.length} line${got.length === 1 ? '' : 's'}; we typed ${want.length}. The first missing one: ${quoteText(want[mismatch] as string)}. Read the body from stdin until the end of input (\`sys.stdin.read()\`), not just one line.${decoded}`,
      };
    }
    const garbled = /Ã|\ufffd/.test(gotLine)
      ? ' The umlauts came out wrong: send the text as UTF-8 (`string2bytes()`), and do not decode or encode it twice.'
      : /^b['"]/.test(gotLine)
        ? ' That is a bytes object printed as text: send the bytes themselves.'
        : gotLine === `${want[mismatch] as string}.` && transaction.endLine === null
          ? ' That dot is your end marker, stuck to the last line (see the end-of-data test).'
          : '';
    return { status: 'failed', feedback: `Line ${mismatch + 1} of the body should be ${quoteText(want[mismatch] as string)}, but your message has ${quoteText(gotLine)}.${garbled}${decoded}` };
  });
}

function trimEmpty(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start += 1;
  while (end > start && lines[end - 1] === '') end -= 1;
  return lines.slice(start, end);
}

/** RFC 5321 §4.1.1.4: the message ends with `CRLF.CRLF`, a line with only a dot. A bare `\n` costs only the line-ending test. */
export function judgeEndOfData(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const transaction = messageTransaction(session);
    if (!transaction) return { status: s.run.timedOut ? 'timeout' : 'failed', feedback: 'Your client never got as far as `DATA` and our `354`, so there was no message to end (see the order test).' };
    const end = transaction.endLine;
    if (end) {
      const reply = transaction.reply ? `, and our server answered ${quoteReply(transaction.reply)}` : '';
      const how = end.end === 'crlf' ? '`\\r\\n.\\r\\n`' : end.end === 'lf' ? '`\\n.\\n` (with a bare `\\n`, which we accepted; see the line-ending test)' : 'a `.` without a line end, which we took after a pause (see the line-ending test)';
      return { status: 'passed', feedback: `Your client ended the message with a line that holds only a dot, ${how}${reply}.` };
    }
    const last = transaction.lines[transaction.lines.length - 1];
    const glued = last && /\.\s*$/.test(last.line.content.toString('latin1'))
      ? ` Your last line was ${quoteLine(last.line)}: the dot stuck to the end of the body's last line, because the body did not end with a line break. The end marker is a line of its own: \`"\\r\\n.\\r\\n"\`.`
      : '';
    const lastSeen = last ? ` The last line we got was ${quoteLine(last.line)}.` : '';
    const why =
      transaction.ended === 'idle' && session.closedByUs
        ? `After that nothing came for ${formatDuration(s.settings.idleMs)}; our server was still waiting for the end of the message and gave up with ${quoteReply(session.closedByUs)}.`
        : s.run.timedOut
          ? `Our server was still waiting for the end of the message when we stopped your client after ${formatDuration(s.timeoutMs)}.`
          : 'Then your client closed the connection, and the mail was never sent.';
    return {
      status: s.run.timedOut ? 'timeout' : 'failed',
      feedback: `Your message never ended: a line with only a dot (\`\\r\\n.\\r\\n\`) never came.${lastSeen} ${why}${glued}`,
    };
  });
}

/** RFC 5321 §4.5.2: a line that starts with a dot is sent with one more dot in front. */
export function judgeDotStuffing(s: SmtpClientScenario): Finding {
  return withSession(s, (session) => {
    const transaction = messageTransaction(session);
    const lines = transaction?.lines ?? [];
    const stuffed = lines.find((l) => l.unstuffed.toString('utf8') === DOT_LINE);
    if (stuffed) return { status: 'passed', feedback: `We typed the line ${quoteText(DOT_LINE)}; your client sent it as ${quoteLine(stuffed.line)}, with the extra dot that our server removes again (RFC 5321 §4.5.2).` };
    const rule = 'RFC 5321 §4.5.2: a line of the message that starts with a dot gets one more dot in front (`..`), and the server removes the first dot of every such line. Otherwise a line with only a dot would end the message early. `if zeile.startswith("."): zeile = "." + zeile`.';
    const raw = lines.find((l) => l.line.content.toString('utf8') === DOT_LINE);
    if (raw) {
      return {
        status: 'failed',
        feedback: `We typed the line ${quoteText(DOT_LINE)}. Your client sent it unchanged, ${quoteLine(raw.line)}, so our server removed its first dot and the recipient reads ${quoteText(DOT_LINE.slice(1))}. ${rule}`,
      };
    }
    const message = parseMailMessage(lines.map((l) => l.unstuffed));
    if (message.encoding && message.bodyText.split('\n').some((line) => line.replace(/\r$/, '') === DOT_LINE)) {
      return { status: 'passed', feedback: `We typed the line ${quoteText(DOT_LINE)}. Your client sent the body ${message.encoding === 'multipart' ? 'as a MIME multipart message' : `as ${message.encoding}`}, so no line on the wire started with a dot, and the line arrived intact.` };
    }
    const similar = lines.find((l) => l.line.content.toString('utf8').includes(DOT_LINE.replace(/^\.+/, '')));
    const status = s.run.timedOut ? 'timeout' : 'failed';
    if (similar) return { status, feedback: `We typed the line ${quoteText(DOT_LINE)}; it arrived as ${quoteLine(similar.line)}. ${rule}` };
    return { status, feedback: `We typed the line ${quoteText(DOT_LINE)}, but it never arrived in a message, so we could not check it (see the body test). ${rule}` };
  });
}
