/**
 * One run of the student's download client: we type a file name on its stdin, our file
 * server answers its request, and we keep what it sent, what we sent, and how it ended.
 * Several tests judge the same run.
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { fileFor, type TransferFile } from './file-content.js';
import { type ServedRequest, startFileReferenceServer } from './file-reference-server.js';
import { readParams } from '../lib/param-schema.js';
import { FILE_CLIENT, type FileWords, type Framing, fileWords, UNKNOWN_FILE_NAME } from './params.js';

export interface FileClientScenario {
  /** The file we serve; null in the unknown-file scenario. */
  file: TransferFile | null;
  /** The name we typed. */
  typed: string;
  host: string;
  port: number;
  framing: Framing;
  words: FileWords;
  requests: ServedRequest[];
  run: StudentRunResult;
  timeoutMs: number;
  /** How long our server waits for the request line. */
  replyMs: number;
  transcript: TranscriptEntry[];
}

/**
 * The scenario of a test: `params.file` is text | binary | empty | large, or `unknown`
 * (we type `params.name`, else {@link UNKNOWN_FILE_NAME}, and have no such file).
 */
export function fileClientScenario(ctx: ClientCheckContext): Promise<FileClientScenario> {
  const given = readParams(FILE_CLIENT, ctx.params);
  const file = given.file === 'unknown' ? null : fileFor(ctx.params, ctx.seed);
  const typed = file?.name ?? given.name ?? UNKNOWN_FILE_NAME;
  return ctx.shared(`file-client:${file?.kind ?? 'unknown'}:${typed}`, () => runScenario(ctx, file, typed));
}

async function runScenario(ctx: ClientCheckContext, file: TransferFile | null, typed: string): Promise<FileClientScenario> {
  const transcript = new TranscriptRecorder();
  const host = '127.0.0.1';
  const { framing, replyMs } = readParams(FILE_CLIENT, ctx.params);
  const words = fileWords(ctx.params);
  const reference = await startFileReferenceServer({
    transcript,
    file,
    framing,
    words,
    replyMs,
    ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}),
    log: ctx.log,
  });
  const port = reference.server.port;
  const stdin = `${typed}\n`;
  try {
    const run = await runStudentClient(ctx, transcript, { key: `file:${file?.kind ?? 'unknown'}:${typed}`, host, port, stdin });
    await reference.server.close();
    return { file, typed, host, port, framing, words, requests: reference.requests, run, timeoutMs: ctx.limits.clientRunMs, replyMs, transcript: transcript.entries() };
  } finally {
    await reference.server.close();
  }
}

