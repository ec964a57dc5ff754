import { isUtf8 } from '../lib/bytes-text.js';
import { waitForExitReport } from '../lib/exit-report-wait.js';
import { howItEnded, pythonErrorLine, pythonHints, stderrTail } from '../lib/exit-report.js';
import type { ServerCheckContext } from '../suite.js';
import type { EchoEnd } from './echo-verdict.js';
import { readParams } from '../lib/param-schema.js';
import { tcpEchoProbe, udpEchoProbe } from '../lib/socket-probes.js';
import { ECHO_TIMING } from './echo-params.js';

const DYING_ENDS: ReadonlySet<EchoEnd> = new Set(['closed', 'reset', 'refused', 'lost', 'exited']);

/**
 * Adds to a failed echo's feedback what happened to the server: a crash, its traceback,
 * and for bytes that are not UTF-8 how to echo without decoding.
 */
export async function addCrashReport(ctx: ServerCheckContext, feedback: string, end: EchoEnd, sent: Buffer): Promise<string> {
  let exit = ctx.student.lastExit();
  if (!exit && DYING_ENDS.has(end)) exit = await waitForExitReport(ctx.student, readParams(ECHO_TIMING, ctx.params).exitReportMs, ctx.signal);
  const parts = [feedback];
  const binary = !isUtf8(sent);
  const errorLine = exit ? pythonErrorLine(exit.stderr) : null;
  // Without a traceback, a UTF-8 hint needs evidence (issue #13: a server that closes every
  // connection at once was told it cannot decode): the server must still echo plain text.
  const decodingGuess = binary && !exit && DYING_ENDS.has(end) && (await echoesPlainText(ctx));
  if (binary && (errorLine?.startsWith('UnicodeDecodeError') || decodingGuess)) {
    parts.push(
      `${errorLine ? `Your server crashed with \`${errorLine}\`` : 'Your server probably tried to turn our bytes into text'}: these bytes are not valid UTF-8, so \`bytes2string()\` (\`str(daten, "utf8")\`) cannot decode them. ` +
        'An echo server does not need to understand the text: send the bytes from recv() back unchanged, without decoding them. ' +
        '(If you do want the text, decode with `errors="surrogateescape"` and encode the same way.) ' +
        'This test is worth fewer points because the course examples decode everything, but real clients do send such bytes.',
    );
  }
  if (exit) {
    parts.push(howItEnded(exit, { what: 'server', when: 'during this test', memoryBytes: ctx.assignment.resources.memoryBytes }));
    const tail = stderrTail(exit);
    if (tail) parts.push(`Its error output ended with:\n\`\`\`\n${tail}\n\`\`\``);
    const hints = pythonHints(exit, { what: 'server', entry: ctx.assignment.entry }).filter((hint) => !(binary && hint.includes('UnicodeDecodeError')));
    parts.push(...hints);
  }
  return parts.join('\n\n');
}

/** Does the server still echo plain ASCII? One quick probe; false on any doubt. */
async function echoesPlainText(ctx: ServerCheckContext): Promise<boolean> {
  const probe = ctx.target.transport === 'tcp' ? tcpEchoProbe : udpEchoProbe;
  const family = ctx.target.host.includes(':') ? 6 : 4;
  return probe.probe({ host: ctx.target.host, port: ctx.target.port, family }, ctx.signal).catch(() => false);
}
