/**
 * Judging the request a client sent (RFC 9112): the request line, the Host field, and
 * the form of the head — CRLF line ends and the empty line that ends it.
 */
import { formatDuration } from '../lib/deadline.js';
import type { HttpClientScenario } from './http-client-scenario.js';
import { type Finding, quoteHead, quoteStatus, quoteText, withRequest } from './http-finding.js';
import { fieldValues, targetPath } from './http-request-head.js';

/** RFC 9112 §3: `GET /path HTTP/1.1` (or `HTTP/1.0`), single spaces, the page's path. */
export function judgeRequestLine(s: HttpClientScenario): Finding {
  return withRequest(s, (exchange) => {
    const { head } = exchange;
    const want = `GET ${s.page.path} HTTP/1.1`;
    const sent = `Your client's request line was ${quoteText(head.requestLine)}`;
    const answered = ` Our server answered ${quoteStatus(exchange)}.`;
    if (!head.method || !head.target) return { status: 'failed', feedback: `${sent}. A request line has three parts, separated by single spaces: the method, the path and the version: \`${want}\`.${answered}` };
    if (!head.version) return { status: 'failed', feedback: `${sent}: the version is missing. Write \`${want}\` (or \`HTTP/1.0\`).${answered}` };
    if (head.method !== 'GET') {
      const hint = head.method.toUpperCase() === 'GET' ? ' Methods are case-sensitive (RFC 9110 §9.1): `GET` in capitals.' : '';
      return { status: 'failed', feedback: `${sent}. To fetch a page, the method is \`GET\`: \`${want}\`.${hint}${answered}` };
    }
    if (targetPath(head.target) !== s.page.path) {
      return { status: 'failed', feedback: `${sent}: it asks for \`${head.target}\`, but the page is at \`${s.page.path}\`: \`${want}\`.${answered}` };
    }
    if (!/^HTTP\/1\.[01]$/.test(head.version)) return { status: 'failed', feedback: `${sent}. The version must be \`HTTP/1.1\` (or \`HTTP/1.0\`), in capitals.${answered}` };
    if (!head.exactRequestLine) return { status: 'failed', feedback: `${sent}. Separate method, path and version by exactly one space each, nothing before or after (RFC 9112 §3): \`${want}\`.${answered}` };
    return { status: 'passed', feedback: `${sent}: method, path and version, as RFC 9112 §3 asks.${answered}` };
  });
}

/** RFC 9112 §3.2: an HTTP/1.1 request has exactly one `Host` field; for HTTP/1.0 it is recommended. */
export function judgeHost(s: HttpClientScenario): Finding {
  return withRequest(s, (exchange) => {
    const hosts = fieldValues(exchange.head, 'host');
    // Only a real HTTP/1.0 request may leave `Host` out: a line without a version is no
    // excuse (issue #13: a client that sent megabytes of `x` passed this test).
    const http11 = exchange.head.version !== 'HTTP/1.0';
    const example = `\`Host: ${s.host}:${s.port}\``;
    const real = s.settings.strictHost ? ` Our server answered ${quoteStatus(exchange)}, as a real one does.` : ' A real server answers `400 Bad Request`; ours served the page anyway, so that the other tests can grade the rest.';
    if (hosts.length === 0) {
      if (!http11) return { status: 'passed', feedback: `Your request is HTTP/1.0, where \`Host\` was not yet required. Still, send it: one server often hosts many sites, and \`Host\` says which one you want, e.g. ${example}.` };
      return { status: 'failed', feedback: `Your request ${quoteHead(exchange)} has no \`Host\` field. RFC 9112 §3.2: every HTTP/1.1 request must have one — one server often hosts many sites, and \`Host\` says which one you want, e.g. ${example}.${real}` };
    }
    if (hosts.length > 1) return { status: 'failed', feedback: `Your request has ${hosts.length} \`Host\` fields (${hosts.map((h) => quoteText(h)).join(', ')}); RFC 9112 §3.2 allows exactly one.${real}` };
    const value = hosts[0] as string;
    if (!/^[A-Za-z0-9.\-_~%!$&'()*+,;=]+(:\d*)?$|^\[[0-9A-Fa-f:.]+\](:\d*)?$/.test(value)) {
      return { status: 'failed', feedback: `Your \`Host\` field is ${quoteText(value)}: that is no host name. Write the host you connect to, and the port when it is not 80: ${example}.` };
    }
    const port = /:\d+$/.test(value) ? '' : ` (Tip: when the port is not 80, add it — RFC 9110 §7.2 — e.g. ${example}. Servers rarely care.)`;
    return { status: 'passed', feedback: `Your request has \`Host: ${value}\`.${port}` };
  });
}

/** RFC 9112 §2.1–2.2: each line ends with CRLF, and an empty line ends the head. A bare LF is accepted and costs this test. */
export function judgeRequestFormat(s: HttpClientScenario): Finding {
  return withRequest(s, (exchange) => {
    const { head } = exchange;
    const problems: string[] = [];
    const bare = head.lines.filter((l) => l.end === 'lf').length;
    if (bare > 0) {
      const all = bare === head.lines.length ? 'Every line' : `${bare} of ${head.lines.length} lines`;
      problems.push(
        `${all} of your request ended with a bare \`\\n\` instead of \`\\r\\n\`. RFC 9112 §2.1: the lines of an HTTP message end with CR LF. A server may accept a bare LF (§2.2), and ours did, like most — but not every one does. Write \`"GET / HTTP/1.1\\r\\nHost: …\\r\\n\\r\\n"\`.`,
      );
    }
    if (head.ended === 'settled') {
      problems.push(
        `The empty line that ends the request never came: after your last line nothing followed for ${formatDuration(s.settings.settleMs)}. Our server took the request anyway; a real one waits for the empty line until its timeout (often a minute) and then answers \`408 Request Timeout\`. The slide says it: "Wichtig: Leerzeile nach der GET-Anforderung" — end the head with \`\\r\\n\\r\\n\`.`,
      );
    } else if (head.ended === 'closed') {
      problems.push('Your client closed its side before the empty line that ends the request. End the head with `\\r\\n\\r\\n`.');
    } else if (head.ended === 'too-large') {
      problems.push('Your request head was larger than 32 KiB, so our server stopped reading it.');
    }
    if (head.badFields.length > 0) problems.push(`These lines of your head are no \`Name: value\` fields: ${head.badFields.map((f) => quoteText(f)).join(', ')}.`);
    if (problems.length === 0) return { status: 'passed', feedback: `Your request ${quoteHead(exchange)}: every line ends with \`\\r\\n\`, and an empty line ends it.` };
    return { status: 'failed', fraction: 0, feedback: `Your request: ${quoteHead(exchange)}\n\n${problems.join('\n\n')}` };
  });
}
