/**
 * What the http judges share: the finding type, quoting, what to say when the client
 * never asked us anything, and turning a judge into a check.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck } from '../suite.js';
import type { TestStatus } from '../types.js';
import { firstExchange, type HttpClientScenario, httpClientScenario } from './http-client-scenario.js';
import type { HttpConnectionRecord, HttpExchange } from './mock-http-server.js';

export interface Finding {
  status: TestStatus;
  feedback: string;
  fraction?: number;
}

export const quoteText = (text: string, max = 160): string => quoteBytes(Buffer.from(text, 'utf8'), max);

/** The request head as sent, line ends visible, e.g. `` `GET / HTTP/1.1\r\nHost: x\r\n\r\n` ``. */
export function quoteHead(exchange: HttpExchange): string {
  return quoteBytes(Buffer.concat(exchange.head.lines.map((l) => l.raw)), 300);
}

/** Our status line, e.g. `` `HTTP/1.1 200 OK` ``. */
export function quoteStatus(exchange: HttpExchange): string {
  return exchange.response ? `\`${exchange.response.head.split('\r\n')[0] ?? ''}\`` : 'nothing';
}

/** The first request, or the finding that there was none. */
export function withRequest(s: HttpClientScenario, judge: (exchange: HttpExchange, connection: HttpConnectionRecord) => Finding): Finding {
  const first = firstExchange(s);
  if (!first) return nothingAsked(s);
  return judge(first.exchange, first.connection);
}

export function nothingAsked(s: HttpClientScenario): Finding {
  const where = `our web server (${s.host} port ${s.port})`;
  if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had sent no request to ${where}, so we stopped it.` };
  const contact = s.connections.length > 0 ? 'connected to, but sent no request to' : 'never connected to';
  return {
    status: 'failed',
    feedback: `Your client ${contact} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}`,
  };
}

/** The exit report when the client did not end cleanly, else nothing. */
export function exitNote(s: HttpClientScenario): string {
  if ((s.run.exitCode === 0 && s.run.startError === undefined) || s.run.timedOut) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

/** What the client printed, in a code block (its tail when long). */
export function printedBlock(stdout: string): string {
  const text = stdout.replace(/\s+$/, '');
  if (text === '') return ' nothing.';
  return `:\n\`\`\`\n${text.length > 600 ? `…${text.slice(-600)}` : text}\n\`\`\``;
}

export function httpCheck(judge: (s: HttpClientScenario) => Finding): ClientCheck {
  return async (ctx) => {
    const scenario = await httpClientScenario(ctx);
    const finding = judge(scenario);
    ctx.transcript.include(scenario.transcript);
    return {
      status: finding.status,
      feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry),
      ...(finding.fraction !== undefined ? { fraction: finding.fraction } : {}),
      transcript: ctx.transcript.entries(),
    };
  };
}
