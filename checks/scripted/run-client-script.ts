/**
 * The generic mock server of scripted client assignments (issue #14): runs the student's
 * client once per test against a server that plays the teacher's script on every
 * connection (greet, expect a command, answer from a table of patterns, close), then
 * judges what the server saw, the program's stdout and its exit code, in that order.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { comparison } from '../lib/comparison.js';
import { formatDuration, sleep } from '../lib/deadline.js';
import { ConnectionLostError } from '../lib/errors.js';
import { HandlerTcpServer } from '../lib/handler-tcp-server.js';
import { describeRunEnd } from '../lib/run-end-note.js';
import { runStudentClient } from '../lib/run-student-client.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { ClientCheckContext } from '../suite.js';
import type { TestOutcome } from '../types.js';
import { matchMessage, withoutLineEnding } from './match-message.js';
import { judgeServerRead } from './server-step-read.js';
import { dataBytes, scriptTiming, type ScriptTiming } from './run-script.js';
import type { ConnectionFinding, MockServer } from './mock-server.js';
import type { CompiledClientScript } from './script.js';
import { startUdpScriptServer } from './udp-script-server.js';
import { TcpScriptClient } from './script-clients.js';
import { substitute } from './template.js';

export async function runClientScript(ctx: ClientCheckContext, script: CompiledClientScript): Promise<TestOutcome> {
  const timing = scriptTiming(ctx.params);
  const udp = ctx.assignment.transport === 'udp';
  const server = udp ? await startUdpScriptServer(ctx, script, timing) : await startTcpScriptServer(ctx, script, timing);
  let run;
  try {
    run = await runStudentClient(ctx, ctx.transcript, { key: ctx.test.id, host: '127.0.0.1', port: server.port, extraArgs: script.args, ...(script.stdin === undefined ? {} : { stdin: script.stdin }) });
  } finally {
    await server.close(timing.replyMs);
  }
  const { findings } = server;
  const transcript = ctx.transcript.entries();
  const fail = (feedback: string, status: 'failed' | 'timeout' = 'failed', extra: Partial<TestOutcome> = {}): TestOutcome => ({ status, feedback, transcript, ...extra });
  if (run.startError !== undefined) return fail(`Your client ${describeRunEnd(run)}.`);
  if (!server.contacted() && script.server.length > 0) {
    const what = udp ? 'sent a datagram to' : 'connected to';
    return fail(`Your client never ${what} our server at 127.0.0.1 port ${server.port}${udp ? ' (UDP)' : ''} (we pass both as arguments: \`sys.argv[1]\` and \`sys.argv[2]\`). It ${describeRunEnd(run)}.${stderrNote(run.stderr)}`);
  }
  const failed = findings.find((finding) => finding.failure !== null);
  if (failed) return fail(`${failed.label}: ${failed.failure}${run.timedOut ? `\n\nYour client was ${describeRunEnd(run)}.` : ''}`, failed.timedOut ? 'timeout' : 'failed');
  if (script.stdout) {
    const verdict = matchMessage(script.stdout, Buffer.from(run.stdout, 'utf8'), new Map());
    if (!verdict.ok) {
      const compare = verdict.expected ? { compare: comparison(verdict.expected, withoutLineEnding(Buffer.from(run.stdout, 'utf8')), 'stdout') } : {};
      return fail(`Your client's output: ${verdict.why}${run.timedOut ? ` (It was ${describeRunEnd(run)}.)` : ''}`, 'failed', compare);
    }
  }
  if (run.timedOut) return fail(`Your client did everything we checked, but it was ${describeRunEnd(run)}: a client should end by itself once its work is done.`, 'timeout');
  if (script.exitCode !== undefined && run.exitCode !== script.exitCode) {
    return fail(`Your client exited with code ${run.exitCode ?? 'none'}, but should exit with code ${script.exitCode}.${stderrNote(run.stderr)}`);
  }
  return { status: 'passed', feedback: `Your client talked to our server as expected${script.stdout ? ' and printed the right output' : ''}.`, transcript };
}

async function startTcpScriptServer(ctx: ClientCheckContext, script: CompiledClientScript, timing: ScriptTiming): Promise<MockServer> {
  const findings: ConnectionFinding[] = [];
  const server = await HandlerTcpServer.start({
    transcript: ctx.transcript,
    port: ctx.assignment.port ?? 0,
    log: ctx.log,
    handler: async (conn, signal) => {
      findings.push(await playConnection(conn, script, timing, signal));
    },
  });
  return { port: server.port, contacted: () => server.connectionCount > 0, findings, close: (graceMs) => server.close(graceMs) };
}

/** One connection: the script's steps in order; the first that fails ends it. */
async function playConnection(conn: TcpConnection, script: CompiledClientScript, timing: ScriptTiming, signal: AbortSignal): Promise<ConnectionFinding> {
  const client = new TcpScriptClient(conn, script.framing);
  const vars = new Map<string, string>();
  const found = (failure: string | null, timedOut = false): ConnectionFinding => ({ label: conn.label, failure, timedOut });
  let lastSent: Buffer | null = null;
  for (const [index, step] of script.server.entries()) {
    const at = `step ${index + 1} of our server's script`;
    const rest = script.server.slice(index + 1);
    switch (step.do) {
      case 'send': {
        lastSent = dataBytes(step.data, vars);
        try {
          await client.send(lastSent, !('line' in step.data), signal);
        } catch (error) {
          if (error instanceof ConnectionLostError) return found(`At ${at}, we could not send ${quoteBytes(lastSent)}: your client had already closed the connection.`);
          throw error;
        }
        break;
      }
      case 'wait':
        await sleep(step.ms, signal);
        break;
      case 'close':
        await conn.close();
        return found(null);
      case 'expect':
      case 'reply': {
        const expect = step.do === 'expect' ? step.expect : ({ kind: 'regex', pattern: '', flags: '' } as const);
        const withinMs = step.withinMs ?? timing.replyMs;
        const received = await client.receive(expect, vars, { withinMs, settleMs: timing.settleMs, graceMs: timing.graceMs, exitReportMs: 0, moreExpected: rest.some((next) => next.do === 'expect' || next.do === 'reply'), signal });
        const after = lastSent ? `after we sent ${quoteBytes(lastSent)}, ` : '';
        const teacher = step.feedback ? `\n\n${substitute(step.feedback, vars)}` : '';
        if (step.do === 'expect' && (expect.kind === 'closed' || expect.kind === 'silence')) {
          const ok = expect.kind === 'closed' ? received.message.length === 0 && (received.end === 'closed' || received.end === 'reset') : received.message.length === 0 && received.end === 'timeout';
          if (!ok) return found(`At ${at}, ${after}we expected ${expect.kind === 'closed' ? 'your client to close the connection' : `nothing for ${formatDuration(expect.ms)}`}, but ${received.message.length > 0 ? `got ${quoteBytes(received.message)}` : 'it did not'}.${teacher}`);
          break;
        }
        if (received.message.length === 0) {
          const how = received.end === 'timeout' ? `waited ${formatDuration(withinMs)}, but your client sent nothing` : 'got nothing: your client closed the connection without sending anything';
          return found(`At ${at}, ${after}we ${how}.${teacher}`, received.end === 'timeout');
        }
        const read = judgeServerRead(step, received.message, vars);
        if ('failure' in read) return found(`At ${at}, ${after}${read.failure}${teacher}`);
        if (!read.answer) break;
        lastSent = read.answer.bytes;
        try {
          await client.send(lastSent, read.answer.frame, signal);
        } catch (error) {
          if (error instanceof ConnectionLostError) return found(`At ${at}, we could not answer: your client had already closed the connection.`);
          throw error;
        }
        break;
      }
    }
  }
  return found(null);
}

function stderrNote(stderr: string): string {
  const tail = stderr.trim().split('\n').slice(-6).join('\n');
  return tail ? `\n\nIts error output ended with:\n\`\`\`\n${tail}\n\`\`\`` : '';
}
