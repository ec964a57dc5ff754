/**
 * What the http judges share: the finding type, quoting, what to say when the client
 * never asked us anything, and turning a judge into a check.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { type Finding, judgedCheck, noContactFinding } from '../lib/client-finding.js';
import { firstExchange, type HttpClientScenario, httpClientScenario } from './http-client-scenario.js';
import type { HttpConnectionRecord, HttpExchange } from './mock-http-server.js';
import { withParams } from '../define-assignment.js';
import { HTTP_CLIENT } from './http-params.js';

export { exitNote, type Finding } from '../lib/client-finding.js';

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
  return noContactFinding(s, { server: 'web server', sent: 'no request', connected: s.connections.length > 0 });
}

/** What the client printed, in a code block (its tail when long). */
export function printedBlock(stdout: string): string {
  const text = stdout.replace(/\s+$/, '');
  if (text === '') return ' nothing.';
  return `:\n\`\`\`\n${text.length > 600 ? `…${text.slice(-600)}` : text}\n\`\`\``;
}

export function httpCheck(judge: (s: HttpClientScenario) => Finding) {
  return withParams(HTTP_CLIENT)(judgedCheck(httpClientScenario, judge));
}
