/**
 * Grading a chat client (issue #5): started as `python3 client.py HOST PORT` with its name
 * as the first line of stdin, it must log in, send every further line as one message,
 * print what the others say, log out at the end of input and exit. And when its name is
 * taken, say so and end.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { type ChatClientScenario, chatClientScenario } from './chat-client-scenario.js';
import { delimiterName, encodeMessage } from './chat-protocol.js';
import type { ChatClientSession, ReceivedMessage } from './reference-chat-server.js';
import { withParams } from '../define-assignment.js';
import { CHAT_CLIENT } from './chat-params.js';

export interface Finding {
  status: TestStatus;
  feedback: string;
}

const quote = (bytes: Buffer): string => quoteBytes(bytes, 120);
const quoteText = (text: string): string => quoteBytes(Buffer.from(text, 'utf8'), 120);

/** The connection that carried the conversation: the first one on which the client sent something. */
function sessionOf(s: ChatClientScenario): ChatClientSession | null {
  return s.sessions.find((session) => session.messages.length > 0) ?? s.sessions[0] ?? null;
}

/** The message we expect for `text`, as bytes in backticks. */
function expectedFrame(s: ChatClientScenario, text: string): string {
  return quote(encodeMessage(text, s.protocol));
}

/** Did the first message log in with the typed name, ended by the delimiter? */
export function judgeLogin(s: ChatClientScenario): Finding {
  const session = sessionOf(s);
  const want = `${s.protocol.words.login} ${s.typedName}`;
  if (!session || session.messages.length === 0) return nothingSent(s, session);
  const first = session.messages[0] as ReceivedMessage;
  const d = delimiterName(s.protocol);
  const intro = `We gave your client the name \`${s.typedName}\` (${s.nameVia === 'stdin' ? 'first line of stdin' : 'argv[3]'}). Its first message should be ${expectedFrame(s, want)}, and it sent ${quote(first.raw)}.`;
  if (first.kind !== 'login') {
    const hint = first.text.trim() === s.typedName ? ` That is the name alone: put \`${s.protocol.words.login} \` in front of it.` : ` Log in first: \`"${s.protocol.words.login} " + name\`.`;
    return { status: 'failed', feedback: `${intro}${hint}` };
  }
  const name = first.text.slice(s.protocol.words.login.length + 1);
  if (name !== s.typedName) {
    const hint = name.replace(/\r?\n$/, '') === s.typedName ? ' The name still has its line break: `input()` removes it, `sys.stdin.readline()` does not (use `.strip()`).' : '';
    return { status: 'failed', feedback: `${intro} That is not exactly the name we typed, so our server answered \`${s.protocol.words.error}\`.${hint}` };
  }
  if (!first.terminated) {
    return {
      status: 'failed',
      feedback: `${intro} No ${d} came after it: we waited ${formatDuration(s.settleMs)}, then took it as complete anyway. Every message of the protocol ends with ${d}, so the server knows where it ends: \`string2bytes("${s.protocol.words.login} " + name + "${s.protocol.delimiter === '\0' ? '\\0' : '\\n'}")\`.`,
    };
  }
  const space = /^\s/.test(first.raw.toString('utf8')) ? ' (The space in front is only typesetting on the slide; our server ignores it, but better leave it out.)' : '';
  return { status: 'passed', feedback: `Your client logged in with ${quote(first.raw)}, and our server answered \`${s.protocol.words.ok} …\`.${space}` };
}

/** Did every typed line arrive as one message of its own, in order, ended by the delimiter? */
export function judgeMessages(s: ChatClientScenario): Finding {
  const session = sessionOf(s);
  if (!session || session.messages.length === 0) return nothingSent(s, session);
  const texts = session.messages.filter((m) => m.kind === 'text');
  const d = delimiterName(s.protocol);
  const typed = s.lines.map((line) => `\`${line}\``).join(', ');
  const refused = session.loginName === null ? ` (Our server had refused the login, see the login test.)` : '';
  if (texts.length === 0) {
    const status: TestStatus = s.run.timedOut ? 'timeout' : 'failed';
    return { status, feedback: `After the name we typed ${typed}, one per line, but your client sent none of them as a message.${refused}${exitNote(s)}` };
  }
  const unterminated = texts.find((m) => !m.terminated);
  if (unterminated) {
    const glued = s.lines.filter((line) => unterminated.text.includes(line)).length > 1 || /\/logout/.test(unterminated.text) ? ' Several lines ran together into one, because nothing marks where one ends.' : '';
    return { status: 'failed', feedback: `Your client sent ${quote(unterminated.raw)} with no ${d} after it.${glued} End every message with ${d}: \`string2bytes(zeile + "${s.protocol.delimiter === '\0' ? '\\0' : '\\n'}")\`.` };
  }
  const normalized = texts.map((m) => m.text.replace(/\r?\n$/, ''));
  for (const [index, line] of s.lines.entries()) {
    const got = normalized[index];
    if (got === line) continue;
    const message = texts[index];
    if (got === undefined) return { status: s.run.timedOut ? 'timeout' : 'failed', feedback: `We typed ${typed}, but your client sent only ${texts.length} message${texts.length === 1 ? '' : 's'}: ${texts.map((m) => quote(m.raw)).join(', ')}.${refused}${exitNote(s)}` };
    const glued = s.lines.filter((l) => got.includes(l)).length > 1 ? ' Two lines arrived as one message: send each line as a message of its own, each ended by ' + d + '.' : '';
    return { status: 'failed', feedback: `Line ${index + 1} we typed was \`${line}\`, so message ${index + 1} should be ${expectedFrame(s, line)}; your client sent ${quote((message as ReceivedMessage).raw)}.${glued}` };
  }
  if (texts.length > s.lines.length) {
    const extra = texts.slice(s.lines.length);
    return { status: 'failed', feedback: `We typed ${s.lines.length} lines, but your client sent ${texts.length} messages; the extra ones: ${extra.map((m) => quote(m.raw)).join(', ')}.` };
  }
  const newline = texts.some((m) => /\r?\n$/.test(m.text)) ? ' (Some kept the line break from stdin before the delimiter; that is tolerated, but `.strip()` it.)' : '';
  return { status: 'passed', feedback: `Every line we typed arrived as one message of its own, in order: ${texts.map((m) => quote(m.raw)).join(', ')}.${newline}` };
}

/** Did the client print everything Bob said, with Bob's name? */
export function judgePrinted(s: ChatClientScenario): Finding {
  const session = sessionOf(s);
  const said = session?.botSaid ?? [];
  if (said.length === 0) {
    return { status: 'failed', feedback: `${s.bot} had nothing to say to your client, because it never logged in successfully (see the login test).${exitNote(s)}` };
  }
  const lines = s.run.stdout.split(/\r?\n/);
  const block = printedBlock(s.run.stdout);
  for (const text of said) {
    const line = lines.find((l) => l.includes(text));
    if (line && line.includes(s.bot)) continue;
    if (line) return { status: 'failed', feedback: `Your client printed ${quoteText(line)}, but not who said it. Print the sender too, e.g. the message as it comes: \`${s.bot}:${text}\`. It printed${block}` };
    const repr = /\bb['"]/.test(s.run.stdout) ? ' It looks like you printed the bytes object: turn it into text first, `bytes2string(daten)`.' : '';
    const late = s.run.timedOut ? '' : ` Keep receiving until the server answered your \`${s.protocol.words.logout}\` with \`${s.protocol.words.ok}\`; do not end before.`;
    return {
      status: s.run.timedOut ? 'timeout' : 'failed',
      feedback: `Our ${s.bot} said ${expectedFrame(s, `${s.bot}:${text}`)}, but your client did not print it.${repr}${late} While your client sends what is typed, it must also receive (a second thread, or \`select()\`) and print every \`NAME:text\` that comes. It printed${block}${exitNote(s)}`,
    };
  }
  return { status: 'passed', feedback: `Your client printed everything ${s.bot} said: ${said.map((text) => quoteText(`${s.bot}:${text}`)).join(' and ')}.` };
}

/** Did the client send `/logout` after its last message, ended by the delimiter? */
export function judgeLogout(s: ChatClientScenario): Finding {
  const session = sessionOf(s);
  if (!session || session.messages.length === 0) return nothingSent(s, session);
  const { words } = s.protocol;
  const d = delimiterName(s.protocol);
  const index = session.messages.findIndex((m) => m.kind === 'logout');
  if (index < 0) {
    const glued = session.messages.find((m) => m.text.includes(words.logout));
    if (glued) return { status: 'failed', feedback: `The \`${words.logout}\` arrived inside ${quote(glued.raw)}, glued to what came before, because no ${d} ended that message. Our server could not see it as a logout.` };
    const how = s.run.timedOut ? `was still running after ${formatDuration(s.timeoutMs)}` : session.closedByClient ? 'closed its connection' : 'ended';
    return { status: s.run.timedOut ? 'timeout' : 'failed', feedback: `After the last line we typed, the input ended. Then your client ${how} without sending ${expectedFrame(s, words.logout)}. At the end of input (\`EOFError\` from \`input()\`), log out first, so the server can free your name.${exitNote(s)}` };
  }
  const logout = session.messages[index] as ReceivedMessage;
  const laterText = session.messages.slice(index + 1).find((m) => m.kind === 'text');
  if (laterText) return { status: 'failed', feedback: `Your client sent \`${words.logout}\` and then still ${quote(laterText.raw)}. Log out only at the end of input, after the last message.` };
  if (!logout.terminated) return { status: 'failed', feedback: `Your client sent ${quote(logout.raw)} with no ${d} after it. Every message ends with ${d}: ${expectedFrame(s, words.logout)}.` };
  return { status: 'passed', feedback: `After the last line your client sent ${quote(logout.raw)}, and our server answered \`${logout.reply ?? words.ok}\`.` };
}

/** Did the client end by itself in time, with exit code 0? */
export function judgeEnded(s: ChatClientScenario): Finding {
  if (s.run.timedOut) {
    return {
      status: 'timeout',
      feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it. At the end of input send \`${s.protocol.words.logout}\`, wait for \`${s.protocol.words.ok}\`, close the socket and end; a receiving thread must end too (it gets \`b''\` once the connection is closed, or make it a daemon thread).`,
    };
  }
  if (s.run.startError !== undefined || s.run.exitCode !== 0) return { status: 'failed', feedback: describeExit(s.run, { what: 'client', entry: '{entry}' }) };
  if (s.sessions.length === 0) return { status: 'failed', feedback: 'Your client exited with code 0, but it never connected to our server.' };
  return { status: 'passed', feedback: `Your client exited with code 0 after ${s.run.durationMs} ms.` };
}

/**
 * The name is taken (`/login Bob` while Bob is online): the client must say so (any
 * output that is not a traceback), send nothing more, and end in time (any exit code).
 */
export function judgeRefused(s: ChatClientScenario): Finding {
  const session = sessionOf(s);
  const { words } = s.protocol;
  if (!session || session.messages.length === 0) return nothingSent(s, session);
  const index = session.messages.findIndex((m) => m.kind === 'login');
  if (index < 0) return judgeLogin(s);
  const login = session.messages[index] as ReceivedMessage;
  const intro = `${s.bot} was logged in, and we gave your client the name \`${s.typedName}\` too. It sent ${quote(login.raw)}; our server answered \`${login.reply ?? words.error}\`.`;
  if (login.reply !== words.error) return { status: 'failed', feedback: `${intro} Our server did not refuse it, so this test could not happen; see the login test.` };
  const after = session.messages.slice(index + 1).filter((m) => m.kind === 'text' || m.kind === 'login');
  if (after.length > 0) {
    return {
      status: 'failed',
      feedback: `${intro} Then your client still sent ${after.map((m) => quote(m.raw)).join(', ')}. After \`${words.error}\` to the login, tell the user that the name is taken or not allowed, and end the program.`,
    };
  }
  if (s.run.timedOut) {
    return { status: 'timeout', feedback: `${intro} Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it. After \`${words.error}\`, print a message and end the program (\`sys.exit(1)\`).` };
  }
  if (/Traceback \(most recent call last\)/.test(s.run.stderr)) {
    return { status: 'failed', feedback: `${intro} Your client crashed instead of telling the user. ${describeExit(s.run, { what: 'client', entry: '{entry}' })}` };
  }
  const output = `${s.run.stdout}\n${s.run.stderr}`.trim();
  if (output === '') return { status: 'failed', feedback: `${intro} Your client ended without a word. Print a message, e.g. \`Der Name ist schon vergeben oder ungültig.\`, so the user knows why.` };
  const last = output.split(/\r?\n/).filter((line) => line.trim() !== '').slice(-2).join('\n');
  return { status: 'passed', feedback: `${intro} Your client reported it (its output ended with ${quoteText(last)}), sent nothing more and ended with exit code ${s.run.exitCode ?? 'none'}.` };
}

function nothingSent(s: ChatClientScenario, session: ChatClientSession | null): Finding {
  const where = `our server (${s.host} port ${s.port})`;
  if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had sent nothing to ${where}, so we stopped it.` };
  const contact = session ? 'connected to, but sent nothing to' : 'never connected to';
  return { status: 'failed', feedback: `Your client ${contact} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}` };
}

function exitNote(s: ChatClientScenario): string {
  if ((s.run.exitCode === 0 && s.run.startError === undefined) || s.run.timedOut) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

function printedBlock(stdout: string): string {
  const text = stdout.replace(/\s+$/, '');
  if (text === '') return ' nothing.';
  return `:\n\`\`\`\n${text.length > 800 ? `…${text.slice(-800)}` : text}\n\`\`\``;
}

function finish(ctx: ClientCheckContext, s: ChatClientScenario, finding: Finding): TestOutcome {
  ctx.transcript.include(s.transcript);
  return { status: finding.status, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries() };
}

function single(judge: (s: ChatClientScenario) => Finding) {
  return withParams(CHAT_CLIENT)<ClientCheck>(async (ctx) => {
    const scenario = await chatClientScenario(ctx);
    return finish(ctx, scenario, judge(scenario));
  });
}

export const chatClientSuite = {
  id: 'chat-client',
  role: 'client',
  transport: 'tcp',
  checks: {
    login: single(judgeLogin),
    'sends-messages': single(judgeMessages),
    'prints-messages': single(judgePrinted),
    logout: single(judgeLogout),
    'exits-cleanly': single(judgeEnded),
    'name-taken': single(judgeRefused),
  },
} satisfies ClientSuite;
