import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ShownReport } from '../../report-formats/index.js';
import type { CliIo } from '../cli-io.js';
import { parseCommandLine } from '../command-line.js';
import { outputFormat, renderReport, type OutputFormat } from '../output-format.js';
import { terminalSafe, terminalSafeInline } from '../terminal-text.js';
import { CredentialsFileError, credentialsPath, findLogin, readCredentials } from './credentials-file.js';
import { followSubmission, type SubmissionState } from './follow-submission.js';
import { packFolder } from './pack-folder.js';
import { ProgressLine, progressText } from './progress-line.js';
import { ServiceClient, ServiceError } from './service-client.js';
import { normalizeServiceUrl } from './service-url.js';

const USAGE = `usage: sockgrade submit <assignment> [folder] [--url URL] [--token TOKEN] [--format text|json|junit|gradescope]
                        [--min-score N] [--timeout SECONDS]

  Uploads the folder (default: the current one; .git, __pycache__, .venv and the like left
  out), follows the grading and prints the report. Exit 0 when the score reaches the bar
  (full points, or --min-score N), 1 when it does not, 2 when it could not submit or no
  result came. URL and token: --url/--token, else SOCKGRADE_URL/SOCKGRADE_TOKEN, else
  what \`sockgrade login\` kept.
`;

/** Exit codes, as a CI job reads them. */
export const SUBMIT_EXIT = { passed: 0, belowBar: 1, notSubmitted: 2 } as const;

export interface SubmitCommandDeps {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stderr is a terminal: a progress line rewritten in place, or plain lines. */
  stderrIsTty: boolean;
  /** @defaultValue aborted on SIGINT or SIGTERM */
  signal?: AbortSignal;
}

/** `sockgrade submit <assignment> [folder]`. */
export async function submitCommand(argv: string[], io: CliIo, deps: SubmitCommandDeps): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      url: { type: 'string' },
      token: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      'min-score': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
    io,
  );
  if (parsed === null) return SUBMIT_EXIT.notSubmitted;
  if (parsed === 'help') return 0;
  const [assignment, folder = '.', ...extra] = parsed.positionals;
  const format = outputFormat(parsed.values);
  const minScore = parsed.values['min-score'] === undefined ? undefined : Number(parsed.values['min-score']);
  const timeoutS = parsed.values.timeout === undefined ? 900 : Number(parsed.values.timeout);
  const problem =
    !assignment || extra.length > 0
      ? ''
      : typeof format === 'object'
        ? format.problem
        : minScore !== undefined && !(Number.isFinite(minScore) && minScore >= 0)
          ? '--min-score must be a number of points, 0 or more'
          : !(Number.isFinite(timeoutS) && timeoutS > 0)
            ? '--timeout must be a number of seconds above 0'
            : null;
  if (problem !== null) {
    io.stderr(`${problem ? `${problem}\n` : ''}${USAGE}`);
    return SUBMIT_EXIT.notSubmitted;
  }
  try {
    return await submit({ assignment: assignment!, folder: resolve(deps.cwd, folder), format: format as OutputFormat, minScore, timeoutMs: timeoutS * 1000 }, parsed.values, io, deps);
  } catch (error) {
    if (deps.signal?.aborted) {
      io.stderr('Interrupted before the submission was handed in.\n');
      return SUBMIT_EXIT.notSubmitted;
    }
    if (error instanceof ServiceError || error instanceof CredentialsFileError) {
      io.stderr(`${terminalSafe(error.message)}\n`);
      return SUBMIT_EXIT.notSubmitted;
    }
    throw error;
  }
}

interface SubmitPlan {
  assignment: string;
  folder: string;
  format: OutputFormat;
  minScore: number | undefined;
  timeoutMs: number;
}

async function submit(plan: SubmitPlan, flags: { url?: string | undefined; token?: string | undefined }, io: CliIo, deps: SubmitCommandDeps): Promise<number> {
  const target = await serviceAndToken(flags, deps.env);
  if ('problem' in target) {
    io.stderr(`${target.problem}\n`);
    return SUBMIT_EXIT.notSubmitted;
  }
  if (!(await stat(plan.folder).catch(() => null))?.isDirectory()) {
    io.stderr(`The folder ${plan.folder} does not exist or is not a folder.\n`);
    return SUBMIT_EXIT.notSubmitted;
  }
  const packed = await packFolder(plan.folder);
  if ('problem' in packed) {
    io.stderr(`${terminalSafe(packed.problem)}\n`);
    return SUBMIT_EXIT.notSubmitted;
  }
  const client = new ServiceClient(target.url);
  const progress = new ProgressLine(io.stderr, deps.stderrIsTty);
  let created: { id: string };
  try {
    created = await handIn(client, target.token, plan.assignment, packed, progress, deps.signal);
  } catch (error) {
    progress.end();
    throw error;
  }
  const reportUrl = `${target.url}/submissions/${encodeURIComponent(created.id)}`;
  const timeout = AbortSignal.timeout(plan.timeoutMs);
  const signal = deps.signal ? AbortSignal.any([deps.signal, timeout]) : timeout;
  let final: SubmissionState;
  try {
    final = await followSubmission(client, created.id, {
      token: target.token,
      signal,
      onState: (state) => progress.update(`${created.id}: ${progressText(state)}`),
      onProgress: (p) => progress.update(`${created.id}: ${progressText({ status: 'running', progress: p })}`),
    });
  } catch (error) {
    progress.end();
    if (timeout.aborted || deps.signal?.aborted) {
      const why = timeout.aborted ? `No result after ${plan.timeoutMs / 1000} s` : 'Interrupted';
      io.stderr(`${why}; submitted as ${created.id}, the grading goes on: see ${reportUrl}\n`);
      return SUBMIT_EXIT.notSubmitted;
    }
    throw error;
  }
  progress.update(`${created.id}: ${final.status}`);
  progress.end();
  return await printResult(final, plan, { client, token: target.token, reportUrl }, io);
}

/** Token, assignment, then the upload; a 401 says how to sign in again. */
async function handIn(
  client: ServiceClient,
  token: string,
  assignment: string,
  packed: { archive: Buffer; files: string[] },
  progress: ProgressLine,
  signal: AbortSignal | undefined,
): Promise<{ id: string }> {
  const form = new FormData();
  form.set('assignment', assignment);
  form.set('archive', new Blob([new Uint8Array(packed.archive)], { type: 'application/gzip' }), 'submission.tar.gz');
  try {
    // Token, assignment and whether it is open, asked before the upload: the service
    // refuses a bad token before reading a body, and a client still sending then sees
    // only a broken pipe, not the reason.
    await client.request(`/api/me/assignments/${encodeURIComponent(assignment)}`, { token, ...(signal ? { signal } : {}) });
    progress.update(`uploading ${packed.files.length} file${packed.files.length === 1 ? '' : 's'} to ${client.baseUrl}…`);
    return await client.json('/api/submissions', { method: 'POST', token, body: form, timeoutMs: 120_000, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof ServiceError && error.status === 401) throw new ServiceError(error.code, `${error.message} Sign in again: \`sockgrade login ${client.baseUrl}\`.`, 401);
    throw error;
  }
}

async function printResult(final: SubmissionState, plan: SubmitPlan, ctx: { client: ServiceClient; token: string; reportUrl: string }, io: CliIo): Promise<number> {
  const report = final.report as ShownReport | null | undefined;
  if (final.status === 'superseded') {
    io.stderr(`A newer submission of yours replaced this one before it was graded: ${ctx.reportUrl}\n`);
    return SUBMIT_EXIT.notSubmitted;
  }
  if (!report || final.score === null || final.maxScore === null) {
    io.stderr(`The submission could not be graded${final.error ? `: ${terminalSafe(final.error)}` : ''}. See ${ctx.reportUrl}\n`);
    return SUBMIT_EXIT.notSubmitted;
  }
  if (plan.format === 'junit' || plan.format === 'gradescope') {
    // The service's own rendering: the same document `?format=` gives anyone who asks.
    const path = `/api/submissions/${encodeURIComponent(final.id)}?format=${plan.format}`;
    io.stdout(await (await ctx.client.request(path, { token: ctx.token })).text());
  } else {
    io.stdout(renderReport(plan.format, report));
  }
  const bar = plan.minScore ?? final.maxScore;
  const counted = final.score !== report.score ? ` (counted: ${final.score}${final.override ? ', set by your teacher' : final.late?.penaltyPercent ? `, ${final.late.penaltyPercent} % late penalty` : ''})` : '';
  const verdict = final.score >= bar ? 'passes' : 'is below';
  io.stderr(`Score ${report.score}/${report.maxScore}${counted} ${verdict} the bar of ${bar}. Report: ${ctx.reportUrl}\n`);
  return final.score >= bar ? SUBMIT_EXIT.passed : SUBMIT_EXIT.belowBar;
}

/** The service and token: flags, then the environment, then what `sockgrade login` kept. */
async function serviceAndToken(flags: { url?: string | undefined; token?: string | undefined }, env: Record<string, string | undefined>): Promise<{ url: string; token: string } | { problem: string }> {
  const given = flags.url ?? (env.SOCKGRADE_URL || undefined);
  const url = given === undefined ? undefined : normalizeServiceUrl(given);
  if (url === null) return { problem: `\`${terminalSafeInline(given!)}\` is not the URL of a service: write it as http://host:port or https://host.` };
  const explicitToken = flags.token ?? (env.SOCKGRADE_TOKEN || undefined);
  if (url && explicitToken) return { url, token: explicitToken };
  const path = credentialsPath(env);
  const login = findLogin(await readCredentials(path), url);
  if (!login) {
    return url
      ? { problem: `No token for ${url}: run \`sockgrade login ${url}\`, or pass --token (or SOCKGRADE_TOKEN).` }
      : { problem: 'Which service? Run `sockgrade login <url>` first, or pass --url and --token (or SOCKGRADE_URL and SOCKGRADE_TOKEN).' };
  }
  return { url: login.url, token: explicitToken ?? login.token };
}
