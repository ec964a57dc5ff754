/**
 * Grading a download client: started as `python3 client.py HOST PORT` with a file name
 * on stdin, it sends `GET name`, saves what our server sends, and prints the file's size
 * and SHA-256. We cannot look into its folder, so the checksum it prints is the proof
 * that every byte arrived; for the unknown file it must print our error instead.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import { encodeLengthPrefix } from '../lib/framing.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { fileClientScenario, type FileClientScenario } from './file-client-scenario.js';
import { explainDigestMismatch } from './file-verdict.js';
import { withParams } from '../define-assignment.js';
import { FILE_CLIENT } from './params.js';

interface Finding {
  status: TestStatus;
  feedback: string;
}

/** Did our server get exactly `GET name\n` (a `\r\n` is fine)? */
export function judgeRequest(s: FileClientScenario): Finding {
  const want = `${s.words.get} ${s.typed}`;
  const first = s.requests[0];
  if (!first) {
    if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had not connected to our server, so we stopped it.` };
    return { status: 'failed', feedback: `Your client never connected to our server (${s.host} port ${s.port}). We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}` };
  }
  const got = first.data;
  const text = got.toString('utf8');
  if (text === `${want}\n` || text === `${want}\r\n`) return { status: 'passed', feedback: `Our server received exactly ${quoteBytes(got)}.` };
  const intro = `We typed \`${s.typed}\`, so we expected the request line ${quoteBytes(Buffer.from(`${want}\n`))}`;
  if (got.length === 0) return { status: 'failed', feedback: `${intro}, but your client connected and sent nothing.${exitNote(s)}` };
  if (!first.complete && text.trim() === want) {
    return { status: 'failed', feedback: `${intro}. Your client sent ${quoteBytes(got)} without the line break at the end, so our server had to guess after ${formatDuration(s.replyMs)} that the line was complete. End the request with \`\\n\`.` };
  }
  if (text.trim() === s.typed) return { status: 'failed', feedback: `${intro}, but your client sent only the name: ${quoteBytes(got)}. The line starts with the command \`${s.words.get}\` and a space.` };
  if (text.trim() === want) return { status: 'failed', feedback: `${intro}, but your client sent ${quoteBytes(got)}: extra spaces or characters around it. Send exactly \`${want}\` and \`\\n\`.` };
  return { status: 'failed', feedback: `${intro}, but your client sent ${quoteBytes(got)}.` };
}

/** Did the client print the size and SHA-256 of exactly the file we sent, and end cleanly? */
export function judgeSaved(s: FileClientScenario): Finding {
  const file = s.file;
  if (!file) return { status: 'error', feedback: 'this test has no file to check (configuration error)' };
  const printed = digestsIn(s.run.stdout);
  const asked = `We typed \`${file.name}\`; our server sent ${file.content.length} bytes (SHA-256 \`${file.sha256}\`).`;
  if (s.run.timedOut) {
    return { status: 'timeout', feedback: `${asked} Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.${progress(s)}\n\n${stillRunningHint(s)}${printedNote(s)}` };
  }
  if (printed.includes(file.sha256)) {
    const sizePrinted = numbersIn(s.run.stdout).includes(file.content.length);
    if (s.run.exitCode !== 0 || s.run.startError !== undefined) return { status: 'failed', feedback: `${asked} Your client printed the right SHA-256, but it did not end cleanly.${exitNote(s)}` };
    if (!sizePrinted) return { status: 'failed', feedback: `${asked} Your client printed the right SHA-256, but not the size: print the number of bytes (${file.content.length}) as well.${printedNote(s)}` };
    return { status: 'passed', feedback: `${asked} Your client printed exactly this size and SHA-256: every byte arrived.` };
  }
  if (printed.length === 0) {
    const crashed = s.run.exitCode !== 0 || s.run.startError !== undefined;
    return { status: 'failed', feedback: `${asked} Your client did not print a SHA-256 checksum (64 hex digits), so we cannot tell what it saved.${progress(s)}${printedNote(s)}${crashed ? exitNote(s) : ''}` };
  }
  const sizes = numbersIn(s.run.stdout);
  const size = sizes.find((n) => n !== file.content.length && n < file.content.length * 4 + 1024) ?? null;
  const lineBefore = Buffer.concat([Buffer.from(`${s.words.ok}\n`), s.framing === 'length-prefix' ? encodeLengthPrefix(file.content.length, 8) : Buffer.alloc(0)]);
  const cause = explainDigestMismatch(file.content, printed[0] as string, size, { who: 'client', lineBefore });
  return {
    status: 'failed',
    feedback: `${asked} Your client printed the SHA-256 \`${printed[0]}\`${size !== null ? ` and the size ${size}` : ''}: it saved something else.${cause ? `\n\nLikely cause: ${cause}` : ''}${printedNote(s)}${s.run.exitCode !== 0 ? exitNote(s) : ''}`,
  };
}

/** For a name we do not have: did the client print our error and end without a traceback? */
export function judgeError(s: FileClientScenario): Finding {
  const status = s.requests[0]?.status?.toString('utf8').trim() ?? '';
  const asked = `We typed \`${s.typed}\`, a file our server does not have; it answered ${status ? quoteBytes(Buffer.from(`${status}\n`)) : 'nothing (your client sent no request)'}.`;
  if (s.run.timedOut) return { status: 'timeout', feedback: `${asked} Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it. After an \`${s.words.error}\` line no file follows: print the line and end.` };
  if (/Traceback \(most recent call last\)/.test(s.run.stderr) || s.run.startError !== undefined || (s.run.exitCode !== 0 && s.run.exitCode !== 1)) {
    return { status: 'failed', feedback: `${asked} Your client did not handle it.${exitNote(s)}\n\nCheck the first line of the answer: only after \`${s.words.ok}\` does a file follow.` };
  }
  if (digestsIn(s.run.stdout).length > 0) {
    return { status: 'failed', feedback: `${asked} Your client printed a SHA-256 checksum as if it had received a file. Check the first line: after \`${s.words.error}\` no file follows.${printedNote(s)}` };
  }
  const reason = status.slice(s.words.error.length).trim();
  const said = (reason && s.run.stdout.includes(reason)) || /error|fehler|nicht gefunden|not found|gibt es nicht/i.test(s.run.stdout);
  if (!said) return { status: 'failed', feedback: `${asked} Your client ended, but did not tell the user: print the server's error line.${printedNote(s)}` };
  return { status: 'passed', feedback: `${asked} Your client reported the error and ended without saving a file.` };
}

/** SHA-256 digests (64 hex digits) in the output, lowercased. */
export function digestsIn(stdout: string): string[] {
  return [...stdout.matchAll(/(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g)].map((m) => m[0].toLowerCase());
}

/** Whole numbers in the output, also with thousands separators (`3.145.728`, `3,145,728`, `3 145 728`). */
export function numbersIn(stdout: string): number[] {
  const withoutDigests = stdout.replace(/[0-9a-fA-F]{64}/g, ' ');
  return [...withoutDigests.matchAll(/\d{1,3}(?:([.,' \u202f])\d{3}(?:\1\d{3})*)?(?!\d)|\d+/g)].map((m) => Number(m[0].replace(/[^\d]/g, '')));
}

function progress(s: FileClientScenario): string {
  const first = s.requests[0];
  if (!first) return ' It never connected to our server.';
  const answered = first.status ? `; our server answered ${quoteBytes(first.status)} and sent ${first.sentBytes} more bytes` : '';
  return ` So far it connected and sent ${quoteBytes(first.data, 60)}${answered}.`;
}

function stillRunningHint(s: FileClientScenario): string {
  return s.framing === 'close'
    ? "Our server closes the connection after the file: then recv() returns b''. Stop reading there, save the file, print, and end."
    : 'After the 8-byte length, read exactly that many bytes; then save, print, and end.';
}

function printedNote(s: FileClientScenario): string {
  const out = s.run.stdout.replace(/\s+$/, '');
  if (!out) return '\n\nIt printed nothing.';
  return `\n\nIt printed:\n\`\`\`\n${out.length > 600 ? `…${out.slice(-600)}` : out}\n\`\`\``;
}

function exitNote(s: FileClientScenario): string {
  if (s.run.exitCode === 0 && s.run.startError === undefined) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

function finish(ctx: ClientCheckContext, s: FileClientScenario, finding: Finding): TestOutcome {
  ctx.transcript.include(s.transcript);
  return { status: finding.status, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries() };
}

const judged =
  (judge: (s: FileClientScenario) => Finding): ClientCheck =>
  async (ctx) => {
    const scenario = await fileClientScenario(ctx);
    return finish(ctx, scenario, judge(scenario));
  };

const typed = withParams(FILE_CLIENT);

export const fileClientSuite = {
  id: 'file-client',
  role: 'client',
  transport: 'tcp',
  checks: {
    'sends-request': typed(judged(judgeRequest)),
    'saves-file': typed(judged(judgeSaved)),
    'reports-error': typed(judged(judgeError)),
  },
} satisfies ClientSuite;
