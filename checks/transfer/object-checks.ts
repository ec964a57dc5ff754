/**
 * Grading the object-transfer client (issue #4, "Übertragung einer Liste oder eines
 * anderen Python-Objekts", pickle): started as `python3 client.py HOST PORT` with a
 * Python literal on stdin, it builds the object, sends it pickled to our server and
 * prints the server's answer. Our server never unpickles with Python: it decodes the
 * opcodes itself and refuses anything that would run code.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { type ObjectScenario, objectScenario } from './object-scenario.js';
import { judgeObject } from './object-verdict.js';
import { withParams } from '../define-assignment.js';
import { OBJECT_TRANSFER } from './params.js';

interface Finding {
  status: TestStatus;
  feedback: string;
}

/** Did our server receive, framed as agreed, a pickle of exactly the typed object? */
export function judgeSent(s: ObjectScenario): Finding {
  const typed = `We typed \`${shorten(s.literal)}\`.`;
  const first = s.received[0];
  if (!first) {
    if (s.run.timedOut) return { status: 'timeout', feedback: `${typed} Your client was still running after ${formatDuration(s.timeoutMs)} and had not connected to our server, so we stopped it.` };
    return { status: 'failed', feedback: `${typed} Your client never connected to our server (${s.host} port ${s.port}). We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}` };
  }
  const verdict = judgeObject(first, s.expected, s.literal, s.framing);
  const more = s.connections > 1 ? `\n\n(Your client opened ${s.connections} connections; we judged the first.)` : '';
  const crash = verdict.passed ? '' : exitNote(s);
  return { status: verdict.passed ? 'passed' : 'failed', feedback: `${typed} ${verdict.feedback}${more}${crash}` };
}

/** Did the client print our answer line (as text, not as `b'…'`) and end with exit code 0? */
export function judgeReply(s: ObjectScenario): Finding {
  const reply = s.received[0]?.reply?.toString('utf8').trim() ?? '';
  if (s.run.timedOut) {
    return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.${reply ? ` Our server had answered ${quoteBytes(Buffer.from(reply))} and closed the connection.` : ''} After printing the answer, close the socket and end.` };
  }
  if (!reply) return { status: 'failed', feedback: `Our server had no answer to print: your client sent no object.${exitNote(s)}` };
  const stdout = s.run.stdout;
  if (stdout.includes(`b'${reply}`) || stdout.includes(`b"${reply}`)) {
    return { status: 'failed', feedback: `Your client printed the bytes object instead of the text:\n\`\`\`\n${tail(stdout)}\n\`\`\`\nTurn the answer into text first: \`bytes2string(daten)\` or \`daten.decode("utf-8")\`.` };
  }
  if (!stdout.includes(reply)) return { status: 'failed', feedback: `Our server answered ${quoteBytes(Buffer.from(`${reply}\n`))}, but your client did not print it. It printed${stdout.trim() ? `:\n\`\`\`\n${tail(stdout)}\n\`\`\`` : ' nothing.'}${exitNote(s)}` };
  if (s.run.exitCode !== 0 || s.run.startError !== undefined) return { status: 'failed', feedback: `Your client printed our answer ${quoteBytes(Buffer.from(reply))}, but did not end cleanly.${exitNote(s)}` };
  return { status: 'passed', feedback: `Your client printed our answer ${quoteBytes(Buffer.from(reply))} and ended with exit code 0.` };
}

function exitNote(s: ObjectScenario): string {
  if (s.run.exitCode === 0 && s.run.startError === undefined) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

function tail(text: string, max = 600): string {
  const trimmed = text.replace(/\s+$/, '');
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed;
}

function shorten(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function finish(ctx: ClientCheckContext, s: ObjectScenario, finding: Finding): TestOutcome {
  ctx.transcript.include(s.transcript);
  return { status: finding.status, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries() };
}

const judged =
  (judge: (s: ObjectScenario) => Finding): ClientCheck =>
  async (ctx) => {
    const scenario = await objectScenario(ctx);
    return finish(ctx, scenario, judge(scenario));
  };

const typed = withParams(OBJECT_TRANSFER);

export const objectTransferSuite = {
  id: 'object-transfer',
  role: 'client',
  transport: 'tcp',
  checks: { 'sends-object': typed(judged(judgeSent)), 'prints-reply': typed(judged(judgeReply)) },
} satisfies ClientSuite;
