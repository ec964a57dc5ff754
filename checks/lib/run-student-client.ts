import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import { sleep } from './deadline.js';
import { describeRunEnd } from './run-end-note.js';
import type { TranscriptRecorder } from './transcript.js';

export interface StudentClientRun {
  /** The key of `ctx.runClient`: one run per key within a peer run. */
  key: string;
  /** Where our server listens: passed as argv and as `SERVER_HOST`/`SERVER_PORT`. */
  host: string;
  port: number;
  /** argv after host and port. */
  extraArgs?: string[];
  /** What we type on stdin. */
  stdin?: string;
  /** Said in brackets after the start line, e.g. the secret number. */
  note?: string;
  /** @defaultValue ctx.limits.clientRunMs */
  timeoutMs?: number;
  /** Wait after the exit report before noting the end: a client's last bytes and FIN may trail it. @defaultValue 50 ms */
  settleMs?: number;
}

/**
 * One run of the student's client against our server at host:port, with the start and
 * the end in the transcript: what every client check does around `ctx.runClient`.
 */
export async function runStudentClient(
  ctx: Pick<ClientCheckContext, 'runClient' | 'assignment' | 'limits'>,
  transcript: TranscriptRecorder,
  client: StudentClientRun,
): Promise<StudentRunResult> {
  const args = [client.host, String(client.port), ...(client.extraArgs ?? [])];
  const stdinNote = client.stdin === undefined ? '' : `, stdin ${JSON.stringify(client.stdin)}`;
  transcript.event('client', `started: python3 ${ctx.assignment.entry} ${args.join(' ')}${stdinNote}${client.note ? ` (${client.note})` : ''}`);
  const run = await ctx.runClient(client.key, {
    args,
    ...(client.stdin === undefined ? {} : { stdin: client.stdin }),
    env: { SERVER_HOST: client.host, SERVER_PORT: String(client.port) },
    timeoutMs: client.timeoutMs ?? ctx.limits.clientRunMs,
  });
  await sleep(client.settleMs ?? 50);
  transcript.event('client', describeRunEnd(run));
  return run;
}
