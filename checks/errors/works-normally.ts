/**
 * The baseline for the error-handling suite: with a working echo server the client must
 * do its job (print the echo, exit 0). Without it, a client that always prints an error
 * and exits 1 would pass every error test.
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import { readParams } from '../lib/param-schema.js';
import { ERROR_HANDLING } from './error-params.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { ClientCheck } from '../suite.js';
import { hasTraceback } from './error-verdict.js';

export function worksNormally(transport: 'tcp' | 'udp'): ClientCheck {
  return async (ctx) => {
    const { text } = readParams(ERROR_HANDLING, ctx.params);
    const transcript = new TranscriptRecorder();
    const host = '127.0.0.1';
    const server = transport === 'tcp' ? await ctx.servers.tcpEcho({ transcript }) : await ctx.servers.udpEcho({ transcript });
    try {
      const stdin = `${text}\n`;
      const run = await runStudentClient(ctx, transcript, { key: 'errors:works-normally', host, port: server.port, stdin });
      ctx.transcript.include(transcript.entries());
      const quoted = quoteBytes(Buffer.from(text));
      const intro = `With a working echo server and ${quoted} typed in, your client`;
      let feedback: string;
      let passed = false;
      if (run.timedOut) feedback = `${intro} was still running after ${formatDuration(ctx.limits.clientRunMs)}, so we stopped it. It should print the echo and end.`;
      else if (hasTraceback(run) || run.exitCode !== 0 || run.startError !== undefined) feedback = `${intro} did not end cleanly.\n\n${describeExit(run, { what: 'client', entry: ctx.assignment.entry })}`;
      else if (!run.stdout.includes(text)) feedback = `${intro} did not print the echo ${quoted}. It printed:\n\`\`\`\n${run.stdout.trim() || '(nothing)'}\n\`\`\``;
      else {
        passed = true;
        feedback = `${intro} printed the echo and exited with code 0: error handling must not get in the way of the normal case.`;
      }
      return { status: run.timedOut ? 'timeout' : passed ? 'passed' : 'failed', feedback, transcript: ctx.transcript.entries() };
    } finally {
      await server.close();
    }
  };
}
