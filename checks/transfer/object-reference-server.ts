/**
 * Our server for the object-transfer client: it receives one pickled Python object
 * (with an 8-byte length in front, or until the client ends its sending side), decodes
 * it with the safe decoder — never with anything that could run code — and answers one
 * line: `OK <type> <len>` or `ERROR <why>`. What arrived is kept for the checks.
 */
import { readLengthPrefixed } from '../lib/framing.js';
import { HandlerTcpServer } from '../lib/handler-tcp-server.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import type { Framing } from './params.js';
import { decodePickle, type PickleDecodeResult, type PickleLimits } from './pickle/pickle-decoder.js';
import { sizeOf, typeName } from './pickle/py-value.js';

/** How the bytes of one object arrived, before decoding. */
export type FrameEnd =
  | 'complete' // as the framing says
  | 'no-fin' // framing close: the client never ended its sending side; we took what came
  | 'too-long' // the length in front is more than we accept (or garbage)
  | 'short' // the connection ended before the announced length arrived
  | 'timeout' // nothing, or not all, arrived in time
  | 'empty'; // connected and ended without sending anything

export interface ReceivedObject {
  /** Every byte the client sent on this connection (capped), for explanations. */
  raw: Buffer;
  /** The pickle as framed (without the length prefix). */
  payload: Buffer;
  frameEnd: FrameEnd;
  /** `length-prefix`: the announced length (Infinity when absurd). */
  announced: number | null;
  /** Bytes after the frame (a second object, a newline). */
  extra: number;
  decoded: PickleDecodeResult | null;
  /** Our answer line. */
  reply: Buffer | null;
}

export interface ObjectServerSetup {
  transcript: TranscriptRecorder;
  framing: Framing;
  limits: PickleLimits;
  /** Silence after which we stop waiting for (the rest of) the object. */
  replyMs: number;
  okWord: string;
  errorWord: string;
  port?: number;
  log?: (line: string) => void;
}

export async function startObjectReferenceServer(setup: ObjectServerSetup): Promise<{ server: HandlerTcpServer; received: ReceivedObject[] }> {
  const received: ReceivedObject[] = [];
  const server = await HandlerTcpServer.start({
    transcript: setup.transcript,
    ...(setup.port !== undefined ? { port: setup.port } : {}),
    ...(setup.log ? { log: setup.log } : {}),
    handler: async (conn, signal) => {
      const object = await receive(conn, signal, setup);
      received.push(object);
      object.reply = Buffer.from(`${replyLine(object, setup)}\n`, 'utf8');
      await conn.write(object.reply, { signal }).catch(() => {});
    },
  });
  return { server, received };
}

async function receive(conn: TcpConnection, signal: AbortSignal, setup: ObjectServerSetup): Promise<ReceivedObject> {
  const maxBytes = setup.limits.maxBytes;
  const base: ReceivedObject = { raw: Buffer.alloc(0), payload: Buffer.alloc(0), frameEnd: 'complete', announced: null, extra: 0, decoded: null, reply: null };
  if (setup.framing === 'close') {
    const all = await conn.read({ until: 'close', maxBytes: maxBytes + 1, idleTimeoutMs: setup.replyMs, signal });
    const frameEnd: FrameEnd = all.data.length === 0 ? (all.end === 'closed' ? 'empty' : 'timeout') : all.end === 'max-bytes' ? 'too-long' : all.end === 'idle-timeout' ? 'no-fin' : 'complete';
    const object = { ...base, raw: all.data, payload: all.data, frameEnd };
    return frameEnd === 'complete' || frameEnd === 'no-fin' ? withDecoded(object, setup) : object;
  }
  const frame = await readLengthPrefixed(conn, { prefixBytes: 8, maxBytes, idleTimeoutMs: setup.replyMs, signal });
  // A short look at what else comes: the rest of a mis-framed object, or extra bytes.
  const after = await conn.read({ until: 'close', maxBytes: 64 * 1024, idleTimeoutMs: frame.end === 'complete' ? 100 : 300, signal });
  const raw = Buffer.concat([frame.prefix, frame.payload, after.data]);
  if (frame.end === 'complete') return withDecoded({ ...base, raw, payload: frame.payload, announced: frame.length, extra: after.data.length }, setup);
  const frameEnd: FrameEnd = frame.end === 'too-long' ? 'too-long' : raw.length === 0 ? (frame.end === 'closed' ? 'empty' : 'timeout') : frame.end === 'closed' || frame.end === 'reset' ? 'short' : 'timeout';
  return { ...base, raw, payload: frame.payload, announced: frame.length, frameEnd };
}

function withDecoded(object: ReceivedObject, setup: ObjectServerSetup): ReceivedObject {
  const decoded = decodePickle(object.payload, setup.limits);
  const extra = decoded.ok ? object.extra + (object.payload.length - decoded.consumed) : object.extra;
  return { ...object, decoded, extra };
}

function replyLine(object: ReceivedObject, setup: ObjectServerSetup): string {
  const { okWord, errorWord } = setup;
  const decoded = object.decoded;
  if (!decoded) return `${errorWord} ${object.frameEnd === 'too-long' ? 'object too large or length prefix wrong' : 'incomplete object'}`;
  if (decoded.ok) {
    const size = sizeOf(decoded.value);
    return `${okWord} ${typeName(decoded.value)}${size === null ? '' : ` ${size}`}`;
  }
  switch (decoded.problem.kind) {
    case 'runs-code':
      return `${errorWord} refused: unpickling this would run code${decoded.problem.global ? ` (${decoded.problem.global})` : ''}`;
    case 'unsupported':
      return `${errorWord} refused: only plain values are accepted`;
    case 'limit':
      return `${errorWord} object too large or too deep`;
    default:
      return `${errorWord} not a valid pickle`;
  }
}
