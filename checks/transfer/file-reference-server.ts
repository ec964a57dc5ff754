/**
 * Our file server for grading a student's download client: it answers `GET name` with
 * `OK` and the file (then closes, or with an 8-byte length in front), or with
 * `ERROR no such file: name`. It is lenient where the client is graded separately
 * (a missing `\n`, a `\r\n`): one slip should not fail every test.
 */
import { decodeUtf8 } from '../lib/bytes-text.js';
import { encodeLengthPrefixed, readLine } from '../lib/framing.js';
import { HandlerTcpServer } from '../lib/handler-tcp-server.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import type { TransferFile } from './file-content.js';
import type { FileWords, Framing } from './params.js';

export interface ServedRequest {
  /** What the client sent before we answered (its request line, ideally). */
  data: Buffer;
  /** The request ended with `\n`. */
  complete: boolean;
  /** Our status line, null when we did not answer (nothing came). */
  status: Buffer | null;
  /** File bytes we handed to the kernel; less than the file when the client went away. */
  sentBytes: number;
}

export interface FileReferenceServer {
  server: HandlerTcpServer;
  requests: ServedRequest[];
}

export interface FileServerSetup {
  transcript: TranscriptRecorder;
  /** The one file we have; null: every name is unknown. */
  file: TransferFile | null;
  framing: Framing;
  words: FileWords;
  /** How long we wait for the request line. */
  replyMs: number;
  port?: number;
  log?: (line: string) => void;
}

export async function startFileReferenceServer(setup: FileServerSetup): Promise<FileReferenceServer> {
  const requests: ServedRequest[] = [];
  const server = await HandlerTcpServer.start({
    transcript: setup.transcript,
    ...(setup.port !== undefined ? { port: setup.port } : {}),
    ...(setup.log ? { log: setup.log } : {}),
    handler: async (conn, signal) => {
      const request: ServedRequest = { data: Buffer.alloc(0), complete: false, status: null, sentBytes: 0 };
      requests.push(request);
      await serve(conn, signal, setup, request);
    },
  });
  return { server, requests };
}

async function serve(conn: TcpConnection, signal: AbortSignal, setup: FileServerSetup, request: ServedRequest): Promise<void> {
  const line = await readLine(conn, { maxBytes: 4096, idleTimeoutMs: setup.replyMs, signal });
  request.data = line.data;
  request.complete = line.end === 'complete';
  if (line.data.length === 0) return;
  const text = (decodeUtf8(line.data) ?? '').trim();
  const [verb = '', ...rest] = text.split(/\s+/);
  const name = rest.join(' ');
  const { file, words } = setup;
  let status: Buffer;
  let body: Buffer = Buffer.alloc(0);
  if (verb !== words.get || name === '') status = Buffer.from(`${words.error} bad request, expected: ${words.get} name\n`);
  else if (!file || name !== file.name) status = Buffer.from(`${words.error} no such file: ${name}\n`);
  else {
    status = Buffer.from(`${words.ok}\n`);
    body = setup.framing === 'length-prefix' ? encodeLengthPrefixed(file.content, 8) : file.content;
  }
  request.status = status;
  try {
    // One write: the status line and the file's start arrive together, as from a real server.
    await conn.write(Buffer.concat([status, body]), { signal });
    request.sentBytes = body.length;
  } catch {
    // The client went away mid-file; the checks see it in the transcript and its output.
  }
}
