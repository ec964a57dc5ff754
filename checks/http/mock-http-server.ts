/**
 * Our mock web server for grading a student's HTTP client, built like nodemailer's
 * smtp-server: a bounded line reader for the request head, a method → handler table, one
 * `#send()` that writes and records, an idle timeout, a cap on requests per connection,
 * and `close()` (of the underlying {@link HandlerTcpServer}) that drains, then forces.
 *
 * It serves one page (ISO-8859-1) at `page.path`, framed by `Content-Length` or chunked,
 * with `Connection: close` or keep-alive, in several pieces with pauses. A keep-alive
 * connection is closed after `keepAliveMs` of silence, as Apache does after its
 * `KeepAliveTimeout`, so a client that reads until the server closes still finishes.
 *
 * Lenient where RFC 9112 allows it (a bare `\n` ends a line, §2.2) and where other tests
 * grade: a head without its empty line is taken after `settleMs`, and by default a
 * missing `Host` is served (a real server answers 400, §3.2; `strictHost` does too).
 */
import { sleep } from '../lib/deadline.js';
import { ConnectionLostError } from '../lib/errors.js';
import { HandlerTcpServer } from '../lib/handler-tcp-server.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import type { HttpPage } from './http-page.js';
import { type HeadLine, lineEnd, lineText, parseRequestHead, type RequestHead, connectionTokens, fieldValues, targetPath } from './http-request-head.js';
import { type BodyFraming, encodeChunked, errorPage, responseHead, splitPieces } from './http-response.js';

export type ConnectionMode = 'close' | 'keep-alive';

export interface MockHttpServerOptions {
  transcript: TranscriptRecorder;
  page: HttpPage;
  /** `close`: every response ends the connection; `keep-alive`: HTTP/1.1 requests keep it open. @defaultValue 'close' */
  connection?: ConnectionMode;
  /** @defaultValue 'length' */
  encoding?: BodyFraming;
  /** Silence on an open keep-alive connection before we close it. @defaultValue 2000 */
  keepAliveMs?: number;
  /** Longest wait for the first request on a connection. @defaultValue 5000 */
  requestWaitMs?: number;
  /** Silence within a head after which we take it without its empty line. @defaultValue 1000 */
  settleMs?: number;
  /** Pause between the pieces of a response. @defaultValue 40 */
  segmentPauseMs?: number;
  /** Answer an HTTP/1.1 request without `Host` with 400, as RFC 9112 §3.2 demands. @defaultValue false */
  strictHost?: boolean;
  /** Requests served per connection before we close it. @defaultValue 5 */
  maxRequests?: number;
  port?: number;
  log?: (line: string) => void;
}

export interface ServedResponse {
  status: number;
  /** The head we sent, as text. */
  head: string;
  framing: BodyFraming;
  keepAlive: boolean;
  /** Body bytes (before chunk framing). */
  bodyBytes: number;
  /** Bytes of the body's wire form we handed to the kernel. */
  sentBytes: number;
  pieces: number;
  /** Every piece was written; false when the client went away in between. */
  complete: boolean;
  /** `Date.now()` when the last piece was written. */
  doneAt: number;
}

export interface HttpExchange {
  head: RequestHead;
  response: ServedResponse | null;
}

/** How a connection ended: the client closed or reset it, we closed it (after a response, or idle), or nothing came. */
export type HttpConnectionEnd = 'client-closed' | 'reset' | 'idle-closed' | 'we-closed' | 'silent';

export interface HttpConnectionRecord {
  label: string;
  exchanges: HttpExchange[];
  end: HttpConnectionEnd | null;
  /** `Date.now()` when it ended. */
  endedAt: number | null;
}

export interface MockHttpServer {
  server: HandlerTcpServer;
  connections: HttpConnectionRecord[];
}

export async function startMockHttpServer(options: MockHttpServerOptions): Promise<MockHttpServer> {
  const connections: HttpConnectionRecord[] = [];
  const server = await HandlerTcpServer.start({
    transcript: options.transcript,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.log ? { log: options.log } : {}),
    handler: async (conn, signal) => {
      const record: HttpConnectionRecord = { label: conn.label, exchanges: [], end: null, endedAt: null };
      connections.push(record);
      await new HttpConnection(conn, signal, record, options).serve();
    },
  });
  return { server, connections };
}

/** RFC 9112 §2.2 allows a server to skip empty lines before the request line; a few, not forever. */
const MAX_LEADING_EMPTY = 4;
const MAX_LINE_BYTES = 8192;
const MAX_HEAD_BYTES = 32 * 1024;

interface Answer {
  status: number;
  reason: string;
  body: Buffer;
  headOnly: boolean;
}

type MethodHandler = (head: RequestHead) => Answer;

class HttpConnection {
  readonly #methods: Readonly<Record<string, MethodHandler>>;

  constructor(
    readonly conn: TcpConnection,
    readonly signal: AbortSignal,
    readonly record: HttpConnectionRecord,
    readonly options: MockHttpServerOptions,
  ) {
    this.#methods = {
      GET: (head) => this.#page(head, false),
      HEAD: (head) => this.#page(head, true),
    };
  }

  async serve(): Promise<void> {
    const keepAliveMs = this.options.keepAliveMs ?? 2000;
    for (let n = 0; n < (this.options.maxRequests ?? 5); n += 1) {
      const read = await this.#readHead(n === 0 ? (this.options.requestWaitMs ?? 5000) : keepAliveMs);
      if (!('head' in read)) {
        if (read.end === 'idle' && n > 0) {
          this.options.transcript.event(this.record.label, `no further request for ${keepAliveMs} ms on the keep-alive connection: we close it, as real servers do`);
          return this.#end('idle-closed');
        }
        return this.#end(read.end === 'idle' ? 'silent' : read.end === 'reset' ? 'reset' : 'client-closed');
      }
      const exchange: HttpExchange = { head: read.head, response: null };
      this.record.exchanges.push(exchange);
      exchange.response = await this.#respond(read.head);
      if (!exchange.response.keepAlive || !exchange.response.complete) return this.#end('we-closed');
    }
    this.#end('we-closed');
  }

  #end(end: HttpConnectionEnd): void {
    this.record.end = end;
    this.record.endedAt = Date.now();
  }

  /** One request head: lines until the empty line, bounded in size and time. */
  async #readHead(waitMs: number): Promise<{ head: RequestHead } | { end: 'idle' | 'closed' | 'reset' }> {
    const lines: HeadLine[] = [];
    let bytes = 0;
    let leading = 0;
    for (;;) {
      const idleTimeoutMs = lines.length === 0 ? waitMs : (this.options.settleMs ?? 1000);
      const read = await this.conn.read({ until: { delimiter: '\n' }, maxBytes: MAX_LINE_BYTES, idleTimeoutMs, signal: this.signal });
      if (read.data.length > 0) {
        const empty = read.end === 'complete' && lineText(read.data) === '';
        if (empty && lines.length === 0 && leading < MAX_LEADING_EMPTY) {
          leading += 1;
          continue;
        }
        lines.push({ raw: read.data, end: lineEnd(read.data) });
        bytes += read.data.length;
        if (empty) return { head: parseRequestHead(lines, 'blank-line') };
      }
      if (read.end === 'max-bytes' || bytes > MAX_HEAD_BYTES) return { head: parseRequestHead(lines, 'too-large') };
      if (read.end === 'complete') continue;
      if (lines.length === 0) return { end: read.end === 'idle-timeout' || read.end === 'total-timeout' ? 'idle' : read.end === 'reset' ? 'reset' : 'closed' };
      return { head: parseRequestHead(lines, read.end === 'idle-timeout' ? 'settled' : 'closed') };
    }
  }

  #answer(head: RequestHead): Answer {
    const bad = (status: number, reason: string, why: string): Answer => ({ status, reason, body: errorPage(status, reason, why), headOnly: false });
    if (head.ended === 'too-large') return bad(431, 'Request Header Fields Too Large', 'The request head is too large.');
    if (!head.method || !head.target || !head.version) return bad(400, 'Bad Request', 'The request line must be: method, path, version, e.g. GET / HTTP/1.1');
    if (!/^HTTP\/1\.[01]$/.test(head.version)) return bad(505, 'HTTP Version Not Supported', `This server speaks HTTP/1.1 and HTTP/1.0, not ${head.version}.`);
    if (this.options.strictHost && head.version === 'HTTP/1.1' && fieldValues(head, 'host').length !== 1) return bad(400, 'Bad Request', 'An HTTP/1.1 request needs exactly one Host field.');
    const handler = this.#methods[head.method];
    if (!handler) return bad(501, 'Not Implemented', `The method ${head.method} is not implemented here.`);
    return handler(head);
  }

  #page(head: RequestHead, headOnly: boolean): Answer {
    const { page } = this.options;
    if (targetPath(head.target ?? '') !== page.path) return { status: 404, reason: 'Not Found', body: errorPage(404, 'Not Found', `Hier gibt es nur ${page.path}.`), headOnly };
    return { status: 200, reason: 'OK', body: page.body, headOnly };
  }

  async #respond(head: RequestHead): Promise<ServedResponse> {
    const answer = this.#answer(head);
    const tokens = connectionTokens(head);
    const keepAlive = (this.options.connection ?? 'close') === 'keep-alive' && answer.status !== 400 && head.version === 'HTTP/1.1' && !tokens.includes('close') && head.ended !== 'closed';
    // RFC 9112 §6.1: chunked only to an HTTP/1.1 client.
    const framing: BodyFraming = this.options.encoding === 'chunked' && head.version === 'HTTP/1.1' && answer.status === 200 && !answer.headOnly ? 'chunked' : 'length';
    const text = responseHead({ status: answer.status, reason: answer.reason, framing, bodyLength: answer.body.length, keepAlive, keepAliveMs: this.options.keepAliveMs ?? 2000 });
    const payload = answer.headOnly ? Buffer.alloc(0) : framing === 'chunked' ? encodeChunked(answer.body) : answer.body;
    const pieces = answer.status === 200 && !answer.headOnly ? splitPieces(Buffer.from(text, 'latin1'), payload) : [Buffer.concat([Buffer.from(text, 'latin1'), payload])];
    const response: ServedResponse = { status: answer.status, head: text, framing, keepAlive, bodyBytes: answer.headOnly ? 0 : answer.body.length, sentBytes: 0, pieces: pieces.length, complete: false, doneAt: 0 };
    const headBytes = Buffer.byteLength(text, 'latin1');
    let written = 0;
    for (const [index, piece] of pieces.entries()) {
      if (index > 0) await sleep(this.options.segmentPauseMs ?? 40, this.signal);
      if (!(await this.#send(piece))) break;
      written += piece.length;
      response.sentBytes = Math.max(0, written - headBytes);
    }
    response.complete = written === pieces.reduce((sum, piece) => sum + piece.length, 0);
    response.doneAt = Date.now();
    return response;
  }

  /** The one way we write; false when the client has gone away (then the transcript shows it). */
  async #send(bytes: Buffer): Promise<boolean> {
    try {
      await this.conn.write(bytes, { signal: this.signal });
      return true;
    } catch (error) {
      if (error instanceof ConnectionLostError) return false;
      throw error;
    }
  }
}
