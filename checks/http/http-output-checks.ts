/**
 * Judging what an HTTP client printed: the per-run token, the umlauts (the page is
 * ISO-8859-1), the whole page (it comes in pieces, framed by Content-Length), and the
 * variants — a keep-alive connection and a chunked body (RFC 9112 §7.1).
 */
import { formatDuration } from '../lib/deadline.js';
import { connectionTokens } from './http-request-head.js';
import type { HttpClientScenario } from './http-client-scenario.js';
import { exitNote, type Finding, nothingAsked, printedBlock, quoteStatus, quoteText } from './http-finding.js';
import { type OutputReading, readOutput } from './http-output.js';
import type { HttpConnectionRecord, HttpExchange } from './mock-http-server.js';

interface Served {
  exchange: HttpExchange;
  connection: HttpConnectionRecord;
  reading: OutputReading;
}

/** The exchange that served the page, with the output read against it; or why there is none. */
function withPage(s: HttpClientScenario, judge: (served: Served) => Finding): Finding {
  const all = s.connections.flatMap((connection) => connection.exchanges.map((exchange) => ({ connection, exchange })));
  if (all.length === 0) return nothingAsked(s);
  const served = all.find((e) => e.exchange.response?.status === 200);
  if (!served) {
    const first = all[0] as { exchange: HttpExchange };
    return {
      status: 'failed',
      feedback: `Our server never sent the page: to your request ${quoteText(first.exchange.head.requestLine)} it answered ${quoteStatus(first.exchange)} (see the request-line test).${exitNote(s)}`,
    };
  }
  return judge({ ...served, reading: readOutput(s.run.stdout, s.page) });
}

function notPrinted(s: HttpClientScenario, what: string): Finding {
  const status = s.run.timedOut ? 'timeout' : 'failed';
  const repr = /\bb['"]/.test(s.run.stdout) ? ' It looks like you printed a bytes object (`b\'…\'`): turn the bytes into text first, `str(daten, "iso-8859-1")`.' : '';
  const late = s.run.timedOut ? ` Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.` : '';
  return { status, feedback: `${what} Print the body of the response, the page (printing the header too is fine).${repr}${late} Your client printed${printedBlock(s.run.stdout)}${exitNote(s)}` };
}

/** The per-run token from the top of the page appears in the output. */
export function judgeToken(s: HttpClientScenario): Finding {
  return withPage(s, ({ reading }) => {
    if (reading.tokenFound) return { status: 'passed', feedback: `Your client printed the page's \`Tageslosung: ${s.page.token}\` (it changes on every run).` };
    return notPrinted(s, `The page starts with the line \`Tageslosung: ${s.page.token}\` (it changes on every run), but your client did not print it.`);
  });
}

/** The umlaut paragraph came out right: decoded as ISO-8859-1, as `Content-Type` says. */
export function judgeUmlauts(s: HttpClientScenario): Finding {
  return withPage(s, ({ reading }) => {
    const charset = 'The page is ISO-8859-1, as our `Content-Type: text/html; charset=iso-8859-1` says: there `ü` is the single byte `0xFC`, which is not valid UTF-8. Decode with `str(daten, "iso-8859-1")` (the slide does) — better still, take the charset from the `Content-Type` line.';
    if (reading.umlautsFound) return { status: 'passed', feedback: `Your client printed ${quoteText(s.page.umlauts)} with every umlaut right: it decoded ISO-8859-1, as our \`Content-Type\` said.` };
    if (/UnicodeDecodeError/.test(s.run.stderr)) return { status: 'failed', feedback: `Your client crashed with a \`UnicodeDecodeError\`: it decoded the page as UTF-8. ${charset}${exitNote(s)}` };
    const printed = reading.garbled ? ` It printed ${quoteText(reading.garbled)}.` : '';
    switch (reading.garbling) {
      case 'replacement':
        return { status: 'failed', feedback: `We sent ${quoteText(s.page.umlauts)}.${printed} The \`\uFFFD\` marks stand where the umlauts were: your client decoded the bytes as UTF-8 (with \`errors="replace"\`). ${charset}` };
      case 'dropped':
        return { status: 'failed', feedback: `We sent ${quoteText(s.page.umlauts)}.${printed} The umlauts are missing: your client decoded as UTF-8 and dropped what it could not read (\`errors="ignore"\`). ${charset}` };
      case 'bytes-repr':
        return { status: 'failed', feedback: `We sent ${quoteText(s.page.umlauts)}.${printed} Those are the raw bytes (\`\\xfc\` is \`ü\` in ISO-8859-1): your client printed bytes, not text. ${charset}` };
      case 'double-encoded':
      case 'other':
        return { status: 'failed', feedback: `We sent ${quoteText(s.page.umlauts)}.${printed} The umlauts came out wrong. ${charset}` };
      default:
        return notPrinted(s, `The page has the line ${quoteText(s.page.umlauts)}, but your client did not print it.`);
    }
  });
}

/** Every paragraph, up to the last, printed whole: the client read the whole body, not one `recv()`. */
export function judgeWholeBody(s: HttpClientScenario): Finding {
  return withPage(s, ({ exchange, reading }) => {
    const response = exchange.response;
    const total = s.page.paragraphs.length;
    const count = reading.present.filter(Boolean).length;
    const sent = response ? `We sent the body, ${response.bodyBytes} bytes (\`Content-Length: ${response.bodyBytes}\`), in ${response.pieces} pieces ${s.settings.segmentPauseMs} ms apart` : 'We sent the body';
    if (count === total) return { status: 'passed', feedback: `${sent}; your client printed all ${total} paragraphs, down to ${quoteText(s.page.closing)}.` };
    return incomplete(s, exchange, reading, `${sent}.`);
  });
}

/** The output is missing paragraphs: say which, and the likely cause. */
function incomplete(s: HttpClientScenario, exchange: HttpExchange, reading: OutputReading, sent: string): Finding {
  const total = s.page.paragraphs.length;
  const count = reading.present.filter(Boolean).length;
  const lastIndex = reading.present.lastIndexOf(true);
  const status = s.run.timedOut ? 'timeout' : 'failed';
  if (count === 0) return notPrinted(s, `${sent} Your client printed none of the page's ${total} paragraphs.`);
  const gaveUp = exchange.response && !exchange.response.complete ? ' Your client even closed the connection while we were still sending.' : '';
  if (lastIndex < total - 1) {
    return {
      status,
      feedback: `${sent} Your client printed only the first ${lastIndex + 1} of the page's ${total} paragraphs; the last one, ${quoteText(s.page.closing)}, is missing.${gaveUp} One \`recv()\` returns only what has arrived so far. Call \`recv()\` in a loop until you have \`Content-Length\` bytes of body, or until it returns \`b''\` because the server closed the connection.${exitNote(s)}`,
    };
  }
  const broken = s.page.paragraphs.find((_, i) => !reading.present[i]) as string;
  return {
    status,
    feedback: `${sent} Your client printed the page down to its last paragraph, but ${total - count} paragraph${total - count === 1 ? ' came' : 's came'} out broken, e.g. ${quoteText(broken)} is not in your output as one piece. Collect all bytes first, then decode and print them once.${exitNote(s)}`,
  };
}

/** With a keep-alive connection the client must still finish with the whole page; how it knew the end is the lesson. */
export function judgeKeepAlive(s: HttpClientScenario): Finding {
  return withPage(s, ({ exchange, connection, reading }) => {
    if (reading.present.some((p) => !p)) return incomplete(s, exchange, reading, exchange.response?.keepAlive ? 'We sent the page and kept the connection open (HTTP/1.1 keep-alive).' : 'We sent the page.');
    if (s.run.timedOut) return { status: 'timeout', feedback: `Your client printed the page but was still running after ${formatDuration(s.timeoutMs)}, so we stopped it. End the program once the page is complete.` };
    const after = exchange.response ? Math.max(0, s.endedAt - exchange.response.doneAt) : 0;
    const version = exchange.head.version ?? '';
    if (connectionTokens(exchange.head).includes('close') || version === 'HTTP/1.0') {
      const why = version === 'HTTP/1.0' ? 'Your request was HTTP/1.0, where a connection ends after one response' : 'Your client asked for `Connection: close`';
      return { status: 'passed', feedback: `${why}, so our server closed the connection right after the page, and your client was done ${formatDuration(after)} after the last byte. Simple and quick.` };
    }
    if (connection.end === 'idle-closed') {
      return {
        status: 'passed',
        feedback: `Your client printed the whole page. Our server kept the connection open (HTTP/1.1 keep-alive, \`Connection: Keep-Alive\`) for a next request and closed it only after ${formatDuration(s.settings.keepAliveMs)} without one — real servers do that too, after 5 to 75 seconds. Your client waited for that close: it ended ${formatDuration(after)} after the page was complete. Reading exactly \`Content-Length\` bytes, or sending \`Connection: close\` with the request, spares that wait.`,
      };
    }
    return { status: 'passed', feedback: `Our server kept the connection open (HTTP/1.1 keep-alive), and your client still knew where the page ended: it was done ${formatDuration(after)} after the last byte. That is reading by \`Content-Length\`, as it should be.` };
  });
}

/** RFC 9112 §7.1: a chunked body is printed without its chunk sizes, the page whole. */
export function judgeChunked(s: HttpClientScenario): Finding {
  return withPage(s, ({ exchange, reading }) => {
    const complete = reading.present.every(Boolean);
    if (exchange.response?.framing !== 'chunked') {
      if (!complete) return incomplete(s, exchange, reading, 'We sent the page with `Content-Length`.');
      return { status: 'passed', feedback: `Your request was ${exchange.head.version ?? 'not HTTP/1.1'}, and chunked encoding is only for HTTP/1.1 clients (RFC 9112 §6.1), so we sent the page with \`Content-Length\` — asking with HTTP/1.0 is a fair way around chunks. Your client printed all of it.` };
    }
    if (complete) return { status: 'passed', feedback: `Our server sent the page with \`Transfer-Encoding: chunked\` (RFC 9112 §7.1), in chunks that cut through paragraphs. Your client put them back together: all ${s.page.paragraphs.length} paragraphs came out whole, without the chunk sizes.` };
    const format = 'With `Transfer-Encoding: chunked` (RFC 9112 §7.1) the body comes in chunks: a line with the chunk\'s size in hex (`258\\r\\n` = 600 bytes), the data, `\\r\\n`; a chunk of size `0` ends the body. Read each size, keep only the data, and print the joined data.';
    if (reading.chunkSizeLines.length > 0 || reading.present.lastIndexOf(true) === s.page.paragraphs.length - 1) {
      const sizes = reading.chunkSizeLines.length > 0 ? ` Your output has the chunk sizes in it (${reading.chunkSizeLines.slice(0, 4).map((l) => `\`${l}\``).join(', ')}), and they break paragraphs apart.` : ' Some paragraphs came out broken where the chunks were cut.';
      const short = reading.present[s.page.paragraphs.length - 1] ? '' : ` Also, the page's last paragraph, ${quoteText(s.page.closing)}, is missing: keep reading until the chunk of size \`0\`.`;
      return { status: s.run.timedOut ? 'timeout' : 'failed', feedback: `Our server sent the page with \`Transfer-Encoding: chunked\`.${sizes} ${format}${short} (Or ask with \`HTTP/1.0\`: then a server does not use chunks.)` };
    }
    return incomplete(s, exchange, reading, `We sent the page with \`Transfer-Encoding: chunked\`. ${format}`);
  });
}
