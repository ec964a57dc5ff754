/**
 * Grading a file server (issue #4, "Übertragung einer Datei"): clients upload files with
 * `PUT name` and download them with `GET name`. The reference client uploads a file of
 * known bytes and downloads it again; SHA-256 and byte-wise comparison decide. Files the
 * server already has (its own `server.py`) and names it must refuse are tested too.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import type { ServerCheck, ServerCheckContext, ServerSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { fileFor, sha256 } from './file-content.js';
import { type DownloadObservation, download, type FileTiming, fileTiming, startsWithWord, upload, type UploadObservation } from './file-exchange.js';
import { explainContentMismatch, likelyDecoded } from './file-verdict.js';
import { readParams } from '../lib/param-schema.js';
import { GET_EXISTING, REFUSES_NAME, ROUND_TRIP } from './params.js';
import { withServerExit } from './server-exit-note.js';
import { withParams } from '../define-assignment.js';

interface Finding {
  status: TestStatus;
  feedback: string;
  /** The connection closed or reset: worth waiting for the server's exit report. */
  died: boolean;
}

/** Upload a file (`params.file`: text | binary | empty | large), download it, compare. */
export const roundTrip: ServerCheck = async (ctx) => {
  const timing = fileTiming(ctx.params);
  const file = fileFor(ctx.params, ctx.seed);
  const up = await upload(ctx, 'upload', file.name, file.content, timing);
  if (up.end === 'refused') return finish(ctx, refused(up.errorCode));
  const down = await download(ctx, 'download', file.name, file.content.length, timing);
  return finish(ctx, judgeRoundTrip(file.name, file.content, up, down, timing));
};

/** `GET server.py`: a file the server has from the start. Any non-empty content passes. */
export const getExisting: ServerCheck = async (ctx) => {
  const timing = fileTiming(ctx.params);
  const name = readParams(GET_EXISTING, ctx.params).name ?? ctx.assignment.entry;
  const down = await download(ctx, 'download', name, 1024 * 1024, timing);
  const asked = `We asked for \`${name}\` (${quoteBytes(down.request)}), a file in your server's folder`;
  if (down.end === 'refused') return finish(ctx, refused(down.errorCode));
  const problem = statusProblem(down, timing, asked);
  if (problem) return finish(ctx, problem);
  const framing = framingProblem(down, timing, asked);
  if (framing) return finish(ctx, framing);
  if (down.content.length === 0) return finish(ctx, { status: 'failed', feedback: `${asked}. Your server answered ${quoteBytes(down.status as Buffer)}, but then sent 0 bytes: \`${name}\` is not empty.`, died: false });
  return finish(ctx, {
    status: 'passed',
    feedback: `${asked}. Your server answered ${quoteBytes(down.status as Buffer)} and sent ${down.content.length} bytes, starting with ${quoteBytes(down.content, 40)}.`,
    died: false,
  });
};

/** `GET` of a name that does not exist (`params.name`), or of a path outside the folder (`params.escape`): an error line. */
export const refusesName: ServerCheck = async (ctx) => {
  const timing = fileTiming(ctx.params);
  const given = readParams(REFUSES_NAME, ctx.params);
  const escape = given.escape;
  const name = given.name ?? (escape ? '../../../../../../../../etc/passwd' : `gibt-es-nicht-${sha256(Buffer.from(ctx.seed)).slice(0, 6)}.txt`);
  const down = await download(ctx, 'download', name, 64 * 1024, timing);
  if (down.end === 'refused') return finish(ctx, refused(down.errorCode));
  const error = timing.words.error;
  const why = escape
    ? `a path that leads out of your server's folder (to the system file \`/etc/passwd\`)`
    : 'a file that does not exist';
  const asked = `We asked for \`${name}\`, ${why}, and expected a line starting with \`${error}\``;
  if (startsWithWord(down.status, error)) {
    return finish(ctx, { status: 'passed', feedback: `${asked}. Your server answered ${quoteBytes(down.status as Buffer)}.`, died: false });
  }
  if (startsWithWord(down.status, timing.words.ok)) {
    const leaked = down.content.length > 0 ? ` and ${down.content.length} bytes: ${quoteBytes(down.content, 60)}` : '';
    const advice = escape
      ? `\n\nYour server sent a file from outside its folder. Anyone could read any file of the computer that way (passwords, keys). A file server must only hand out files from its own folder: refuse names that contain \`/\`, \`\\\` or \`..\` (or compare \`os.path.basename(name)\` with the name) and answer \`${error} …\`.`
      : `\n\nCheck that the file exists (\`os.path.isfile(name)\`) before you answer \`${timing.words.ok}\`.`;
    return finish(ctx, { status: 'failed', feedback: `${asked}, but your server answered ${quoteBytes(down.status as Buffer)}${leaked}.${advice}`, died: false });
  }
  if (down.status) return finish(ctx, { status: 'failed', feedback: `${asked}, but your server answered ${quoteBytes(down.status)}.`, died: false });
  return finish(ctx, nothingBack(down, timing, asked));
};

export function judgeRoundTrip(name: string, content: Buffer, up: UploadObservation, down: DownloadObservation, timing: FileTiming): Finding {
  const digest = sha256(content);
  const what = `We uploaded \`${name}\` (${content.length} bytes, SHA-256 \`${digest.slice(0, 16)}…\`)`;
  const upProblem = uploadProblem(up, content.length, timing);
  const downAsked = `Then we asked for it with ${quoteBytes(down.request)}`;
  let downProblem: Finding | null = statusProblem(down, timing, downAsked) ?? framingProblem(down, timing, downAsked);
  const decoded = down.end === 'too-long' ? likelyDecoded(content, down.content, { who: 'server', lineBefore: up.request }) : null;
  if (downProblem && decoded) downProblem = { ...downProblem, feedback: `${downProblem.feedback}\n\nLikely cause: ${decoded}` };
  if (!downProblem && !down.content.equals(content)) {
    const cause = explainContentMismatch(content, down.content, { who: 'server', lineBefore: up.request });
    downProblem = {
      status: 'failed',
      feedback: `${downAsked} and got ${down.content.length} bytes back (SHA-256 \`${sha256(down.content).slice(0, 16)}…\`), not the ${content.length} bytes we uploaded.\n\nLikely cause: ${cause}`,
      died: false,
    };
  }
  if (!upProblem && !downProblem) {
    return {
      status: 'passed',
      feedback: `${what}; your server answered ${quoteBytes(up.reply as Buffer)}. Then we downloaded it: the same ${content.length} bytes came back, with the same SHA-256.`,
      died: false,
    };
  }
  const parts = [`${what}${upProblem ? `, but ${upProblem.feedback}` : `; your server answered ${quoteBytes(up.reply as Buffer)}.`}`];
  parts.push(downProblem ? downProblem.feedback : `${downAsked}: the file came back complete and unchanged, so only the answer to the upload is missing.`);
  const status = upProblem?.status === 'timeout' && (!downProblem || downProblem.status === 'timeout') ? 'timeout' : 'failed';
  return { status, feedback: parts.join('\n\n'), died: Boolean(upProblem?.died || downProblem?.died) };
}

function uploadProblem(up: UploadObservation, total: number, timing: FileTiming): Finding | null {
  const { ok, error } = timing.words;
  const ended = timing.framing === 'close' ? ' and closed our sending side (so your recv() returned b\'\')' : '';
  if (up.reply && startsWithWord(up.reply, ok) && !up.end) return null;
  if (up.stalledAfter !== undefined) {
    return {
      status: 'timeout',
      feedback: `your server stopped taking our data after ${up.stalledAfter} of ${total} bytes: for ${formatDuration(timing.replyMs)} it read nothing more. Keep calling recv() until the whole file is there${timing.framing === 'close' ? " (until recv() returns b'')" : ' (until you have as many bytes as the length said)'}.`,
      died: false,
    };
  }
  if (up.end === 'lost') {
    const said = up.reply ? ` It had answered ${quoteBytes(up.reply)} before that.` : '';
    return {
      status: 'failed',
      feedback: `your server closed the connection while we were still sending (${up.sentBytes} of ${total} bytes were out).${said} It stopped reading before the file was complete.`,
      died: true,
    };
  }
  if (up.reply && startsWithWord(up.reply, error)) return { status: 'failed', feedback: `your server answered ${quoteBytes(up.reply)}: it did not accept the upload.`, died: false };
  if (up.reply && up.end) return { status: 'failed', feedback: `your server sent ${quoteBytes(up.reply)} and then ${up.end === 'timeout' ? 'nothing more (no line break at the end of the answer?)' : 'closed the connection'}; we expected a line starting with \`${ok}\`.`, died: up.end !== 'timeout' };
  if (up.reply) return { status: 'failed', feedback: `your server answered ${quoteBytes(up.reply)}; we expected a line starting with \`${ok}\`.`, died: false };
  if (up.end === 'timeout') {
    const hint =
      timing.framing === 'close'
        ? " Does your server read until recv() returns b'' and then send its answer? Or does it wait for more data that never comes?"
        : ' Does your server read the 8-byte length and then exactly that many bytes before it answers?';
    return { status: 'timeout', feedback: `we sent all ${total} bytes${ended} and then waited for your server's answer, but none came.${hint}`, died: false };
  }
  return { status: 'failed', feedback: `your server ${up.end === 'reset' ? 'reset' : 'closed'} the connection without answering.`, died: true };
}

/** The status line of a download is missing or is not `OK`. */
function statusProblem(down: DownloadObservation, timing: FileTiming, asked: string): Finding | null {
  const { ok, error } = timing.words;
  if (down.end === 'no-status') {
    return {
      status: 'failed',
      feedback: `${asked}. Your server sent ${down.content.length} bytes starting with ${quoteBytes(down.content, 40)}, but no status line first (did it send the file without the line \`${ok}\\n\` in front?). The answer must start with the line \`${ok}\\n\` (or \`${error} …\\n\`), then the file follows.`,
      died: false,
    };
  }
  if (!down.status) return nothingBack(down, timing, asked);
  if (startsWithWord(down.status, error)) return { status: 'failed', feedback: `${asked}. Your server answered ${quoteBytes(down.status)}: it does not have the file${/\//.test(down.request.toString()) ? '' : ' (did it store the upload under exactly this name, in its working directory?)'}.`, died: false };
  if (!startsWithWord(down.status, ok)) return { status: 'failed', feedback: `${asked}. Your server answered ${quoteBytes(down.status)}; the first line must be \`${ok}\` (then the file) or \`${error} …\`.`, died: false };
  return null;
}

/** The end of the file was not marked as the framing says. */
function framingProblem(down: DownloadObservation, timing: FileTiming, asked: string): Finding | null {
  const got = `${asked}. Your server answered ${quoteBytes(down.status as Buffer)}`;
  switch (down.end) {
    case 'complete':
      return null;
    case 'no-close':
      return {
        status: 'failed',
        feedback: `${got} and sent ${down.content.length} bytes, but then kept the connection open for ${formatDuration(timing.replyMs)}. Without a length in front, closing the connection is the only way a client can tell that the file is complete: close the client's socket after sending.`,
        died: false,
      };
    case 'too-long':
      return {
        status: 'failed',
        feedback:
          down.announced !== null && timing.framing === 'length-prefix'
            ? `${got} and then the length ${down.announced === Infinity ? 'of more than 2^53' : down.announced} in the 8 bytes ${quoteBytes(down.content.subarray(0, 8))}: far more than the file has. Send \`len(daten).to_bytes(8, "big")\` right after the status line.`
            : `${got} and then far more bytes than the file has (we stopped after ${down.content.length}).`,
        died: false,
      };
    case 'timeout':
      return { status: 'timeout', feedback: `${got}, sent ${down.content.length} bytes of the file and then nothing more for ${formatDuration(timing.replyMs)}.`, died: false };
    default:
      return {
        status: 'failed',
        feedback: `${got}, but the connection was ${down.end === 'reset' ? 'reset' : 'closed'} after ${down.content.length} bytes${down.announced !== null ? `, before the announced ${down.announced}` : ''}.`,
        died: true,
      };
  }
}

function nothingBack(down: DownloadObservation, timing: FileTiming, asked: string): Finding {
  if (down.end === 'timeout') {
    return { status: 'timeout', feedback: `${asked}, but your server sent nothing back for ${formatDuration(timing.replyMs)}. Does it read the request line (up to \`\\n\`) and then answer? Is it perhaps still busy with an earlier client?`, died: false };
  }
  const how = down.end === 'reset' ? 'reset the connection' : down.end === 'lost' ? 'had already closed the connection' : 'closed the connection';
  return { status: 'failed', feedback: `${asked}, but your server ${how} without answering.`, died: true };
}

function refused(errorCode: string | undefined): Finding {
  return { status: 'failed', feedback: `We could not connect: nobody accepted the connection (${errorCode ?? 'refused'}). Is your server still running and listening?`, died: true };
}

async function finish(ctx: ServerCheckContext, finding: Finding): Promise<TestOutcome> {
  const feedback = finding.status === 'passed' ? finding.feedback : await withServerExit(ctx, finding.feedback, finding.died);
  return { status: finding.status, feedback, transcript: ctx.transcript.entries() };
}

export const fileServerSuite = {
  id: 'file-server',
  role: 'server',
  transport: 'tcp',
  checks: {
    'get-existing': withParams(GET_EXISTING)(getExisting),
    'round-trip': withParams(ROUND_TRIP)(roundTrip),
    'refuses-name': withParams(REFUSES_NAME)(refusesName),
  },
} satisfies ServerSuite;
