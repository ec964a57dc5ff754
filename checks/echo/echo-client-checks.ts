/**
 * Grading an echo client: started as `python3 client.py HOST PORT` with one line on
 * stdin, it must send that line to our echo server, print the echo, and end cleanly.
 */
import { decodeUtf8, quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import { comparison } from '../lib/comparison.js';
import type { Comparison, TestOutcome, TestStatus } from '../types.js';
import { type EchoScenario, echoScenario } from './echo-client-scenario.js';
import { explainMismatch } from './echo-verdict.js';
import { withParams } from '../define-assignment.js';
import { ECHO_CLIENT } from './echo-params.js';

interface Finding {
  status: TestStatus;
  feedback: string;
  /** What we typed vs what our server received, when that was the failure. */
  compare?: Comparison;
}

/** Did our server receive exactly the line we typed (with or without its newline)? */
export function judgeSent(s: EchoScenario): Finding {
  const text = Buffer.from(s.text, 'utf8');
  const where = s.transport === 'tcp' ? `our server (${s.host} port ${s.port})` : `our server (${s.host} port ${s.port}, UDP)`;
  if (s.received.length === 0) {
    if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had not sent anything to ${where}, so we stopped it.${progress(s)}` };
    const contact = s.transport === 'tcp' ? (s.units === 0 ? 'never connected to' : 'connected to, but sent nothing to') : 'sent nothing to';
    return { status: 'failed', feedback: `Your client ${contact} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}` };
  }
  if (s.flood) return { status: 'failed', feedback: s.flood };
  const variants: Array<[Buffer, string]> = [
    [text, 'without the line break at the end — fine: input() removes it'],
    [Buffer.concat([text, Buffer.from('\n')]), 'with the line break at the end — fine'],
    [Buffer.concat([text, Buffer.from('\r\n')]), 'with a Windows line break (\\r\\n) at the end — fine'],
  ];
  for (const [bytes, how] of variants) {
    if (s.received.equals(bytes)) return { status: 'passed', feedback: `Our server received exactly ${quoteBytes(text)} (${how}).` };
  }
  const intro = `We typed ${quoteBytes(text)} into your client, and our server received ${quoteBytes(s.received)} (${s.received.length} bytes).`;
  if (decodeUtf8(s.received) === null) {
    // Python's text.encode("latin-1", errors="replace") turns € and – into "?".
    const latin1 = Buffer.from(s.text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1');
    const looksLatin1 = s.received.subarray(0, latin1.length).equals(latin1);
    return {
      status: 'failed',
      compare: comparison(text, s.received),
      feedback: `${intro} These bytes are not valid UTF-8${looksLatin1 ? ': it looks like you encoded the text as Latin-1 (or cp1252)' : ''}. Encode text with UTF-8: \`string2bytes(text)\` or \`text.encode("utf-8")\`.`,
    };
  }
  const cause = explainMismatch(text, s.received, 'complete', s.transport);
  return { status: 'failed', compare: comparison(text, s.received), feedback: `${intro}${cause ? `\n\nLikely cause: ${cause.replace(/^you sent back our message/, 'you sent the text')}` : ''}` };
}

/**
 * Did the client print the echo? Judged on what it printed, whether or not it ended
 * afterwards: a client that prints the echo and then hangs loses the exit test only
 * (issue #13: the hang cost this test too, although its feedback quoted the echo).
 */
export function judgePrinted(s: EchoScenario): Finding {
  const stdout = s.run.stdout;
  const shown = stdout.trim() === '' ? ' nothing.' : `:\n\`\`\`\n${tailOf(stdout)}\n\`\`\``;
  // `print(daten)` shows b'Hallo…': the text is in there, but as a bytes literal.
  const bytesLiteral = stdout.includes(`b'${s.text}`) || stdout.includes(`b"${s.text}`);
  if (!bytesLiteral && stdout.includes(s.text)) {
    const late = s.run.timedOut ? ` (Afterwards it was still running after ${formatDuration(s.timeoutMs)}, so we stopped it: that costs only the exit test.)` : '';
    return { status: 'passed', feedback: `Your client printed the echo ${quoteBytes(Buffer.from(s.text))}.${late}` };
  }
  if (s.run.timedOut) {
    return {
      status: 'timeout',
      feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.${progress(s)} Until then it printed${shown}\n\n${waitAdvice(s)}`,
    };
  }
  if (bytesLiteral || /\bb(['"]).*\1/.test(stdout)) {
    return {
      status: 'failed',
      feedback: `Your client printed the bytes object instead of the text. It printed${shown}\n\nTurn the bytes into text before printing: \`bytes2string(daten)\` or \`daten.decode("utf-8")\`.`,
    };
  }
  const echoed = s.received.length > 0 ? `We echoed ${quoteBytes(s.received)}, but your` : 'Your';
  return { status: 'failed', feedback: `${echoed} client did not print ${quoteBytes(Buffer.from(s.text))}. It printed${shown}${exitNote(s)}` };
}

/** Why a client that waits after the echo never ends: TCP and UDP differ. */
function waitAdvice(s: EchoScenario): string {
  if (s.transport === 'tcp') return 'After printing the echo, close the socket and let the program end. Do not wait for more data in a loop: our echo server keeps the connection open until *you* close it.';
  return 'After printing the echo, close the socket and let the program end. Do not call `recvfrom()` again in a loop: our echo server sends exactly one datagram back, and UDP has no connection that could end, so a second `recvfrom()` waits forever.';
}

/** Did the client end by itself, with exit code 0, and (TCP) close its connection properly? */
export function judgeEnded(s: EchoScenario): Finding {
  if (s.run.timedOut) {
    return {
      status: 'timeout',
      feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.${progress(s)}\n\n${waitAdvice(s)}`,
    };
  }
  if (s.run.startError !== undefined || s.run.exitCode !== 0) {
    return { status: 'failed', feedback: describeExit(s.run, { what: 'client', entry: '{entry}' }) };
  }
  if (s.transport === 'tcp' && s.units === 0) return { status: 'failed', feedback: 'Your client exited with code 0, but it never connected to our server.' };
  if (s.closedCleanly === false) {
    return {
      status: 'failed',
      feedback: 'Your client exited with code 0, but its connection ended with a reset instead of a proper close. Read the echo first, then call close() on the socket.',
    };
  }
  const closed = s.transport === 'tcp' ? 'closed its connection and ' : '';
  return { status: 'passed', feedback: `Your client ${closed}exited with code 0 after ${s.run.durationMs} ms.` };
}

function progress(s: EchoScenario): string {
  const steps: string[] = [];
  if (s.transport === 'tcp') steps.push(s.units > 0 ? 'connected to our server' : 'did not connect to our server');
  steps.push(s.received.length > 0 ? `sent ${quoteBytes(s.received, 40)}` : 'sent nothing');
  if (s.received.length > 0) steps.push('got the echo back from us');
  return ` So far it ${steps.join(', ')}.`;
}

function exitNote(s: EchoScenario): string {
  if (s.run.exitCode === 0 && s.run.startError === undefined) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

function tailOf(text: string, maxChars = 600): string {
  const trimmed = text.replace(/\s+$/, '');
  return trimmed.length > maxChars ? `…${trimmed.slice(-maxChars)}` : trimmed;
}

function finish(ctx: ClientCheckContext, s: EchoScenario, finding: Finding): TestOutcome {
  ctx.transcript.include(s.transcript);
  const compare = finding.compare ? { compare: finding.compare } : {};
  return { status: finding.status, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries(), ...compare };
}

function checksFor(transport: 'tcp' | 'udp') {
  const typed = withParams(ECHO_CLIENT);
  const single = (judge: (s: EchoScenario) => Finding): ClientCheck => async (ctx) => {
    const scenario = await echoScenario(ctx, transport);
    return finish(ctx, scenario, judge(scenario));
  };
  return {
    'sends-text': typed(single(judgeSent)),
    'prints-echo': typed(single(judgePrinted)),
    'exits-cleanly': typed(single(judgeEnded)),
    /**
     * Sending and printing again, for a second scenario (umlauts and €): any failure fails
     * it; else a timeout times it out. How the client ends counts in `exits-cleanly` only,
     * so one hang does not cost two tests (issue #13).
     */
    'full-exchange': typed<ClientCheck>(async (ctx) => {
      const scenario = await echoScenario(ctx, transport);
      const findings = [judgeSent(scenario), judgePrinted(scenario)];
      const failed = findings.filter((f) => f.status === 'failed' || f.status === 'error');
      if (failed.length > 0) {
        const compare = failed.find((f) => f.compare)?.compare;
        return finish(ctx, scenario, { status: 'failed', feedback: failed.map((f) => f.feedback).join('\n\n'), ...(compare ? { compare } : {}) });
      }
      const timedOut = findings.find((f) => f.status === 'timeout');
      if (timedOut) return finish(ctx, scenario, timedOut);
      return finish(ctx, scenario, {
        status: 'passed',
        feedback: `We typed ${quoteBytes(Buffer.from(scenario.text))}: your client sent it and printed the echo.`,
      });
    }),
  };
}

export const echoTcpClientSuite = { id: 'echo-tcp-client', role: 'client', transport: 'tcp', checks: checksFor('tcp') } satisfies ClientSuite;
export const echoUdpClientSuite = { id: 'echo-udp-client', role: 'client', transport: 'udp', checks: checksFor('udp') } satisfies ClientSuite;
