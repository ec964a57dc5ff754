import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getAssignment, listAssignments } from '../../checks/index.js';
import { runtimeForFiles } from '../../checks/runtimes.js';
import { SockgradeError, UnknownAssignmentError } from '../errors.js';
import { gradeSubmission } from '../run-submission.js';
import { connectDocker } from '../sandbox/docker-connection.js';
import { KeptPods } from '../sandbox/kept-pods.js';
import { requireRunImages } from '../sandbox/run-images.js';
import { reapOrphans } from '../sandbox/reaper.js';
import { readSubmissionDir } from '../submission-files.js';
import { outputFormat, renderReport } from './output-format.js';
import type { CliIo } from './cli-io.js';
import { parseCommandLine, withNewline } from './command-line.js';
import type { GraderConfig } from '../config.js';

const USAGE = 'usage: sockgrade grade <assignment-id> <submission-dir> [--format text|json|junit|gradescope] [--json] [--transcripts] [--verbose]';

/**
 * `sockgrade grade`: grades one submission folder and prints the report. Exit 0 whenever
 * grading ran, whatever the score; 1 with one sentence when it could not run; 2 for usage.
 */
export async function gradeCommand(argv: string[], io: CliIo, deps: { distDir: string; config: GraderConfig }): Promise<number> {
  const parsed = parseCommandLine(argv, { json: { type: 'boolean' }, transcripts: { type: 'boolean' }, verbose: { type: 'boolean' }, format: { type: 'string' } }, USAGE, io);
  if (parsed === null || parsed === 'help') return 2;
  const [assignmentId, dir, ...extra] = parsed.positionals;
  const format = outputFormat(parsed.values);
  if (typeof format === 'object') {
    io.stderr(`${format.problem}\n${withNewline(USAGE)}`);
    return 2;
  }
  if (!assignmentId || !dir || extra.length > 0) {
    io.stderr(withNewline(USAGE));
    return 2;
  }
  const assignment = getAssignment(assignmentId);
  if (!assignment) {
    io.stderr(`${new UnknownAssignmentError(assignmentId, listAssignments().map((a) => a.id)).message}\n`);
    return 1;
  }
  const submissionDir = resolve(dir);
  if (!(await stat(submissionDir).catch(() => null))?.isDirectory()) {
    io.stderr(`The submission folder ${submissionDir} does not exist or is not a folder.\n`);
    return 1;
  }
  const verbose = parsed.values.verbose === true || deps.config.debug;
  const log = verbose ? (line: string) => io.stderr(`[sockgrade] ${line}\n`) : () => {};
  const cancel = new AbortController();
  const onSignal = () => cancel.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const docker = await connectDocker();
    const files = await readSubmissionDir(submissionDir);
    // The language is chosen by the entry file handed in, where the assignment accepts several (issue #14).
    const chosen = 'problem' in files ? assignment : runtimeForFiles(assignment, files.keys());
    const images = await requireRunImages(docker, deps.distDir, chosen.runtime.image, deps.config.imageSource);
    await reapOrphans(docker, { log });
    const report = await gradeSubmission({
      docker,
      assignment: chosen,
      files,
      images,
      // The pod stays up for the next `sockgrade grade` a while (issue #11).
      ...(deps.config.keepPodSeconds > 0 ? { pool: new KeptPods({ client: docker, keepMs: deps.config.keepPodSeconds * 1000, log }) } : {}),
      signal: cancel.signal,
      log,
      progress:
        format !== 'text'
          ? {}
          : {
            onTestResult: (result) => log(`test ${result.testId}: ${result.status}`),
          },
    });
    io.stdout(
      renderReport(format, report, {
        ...(parsed.values.transcripts ? { transcripts: 'all' as const } : {}),
        visibility: (id) => assignment.tests.find((test) => test.id === id)?.visibility ?? 'visible',
      }),
    );
    return 0;
  } catch (error) {
    if (error instanceof SockgradeError) {
      io.stderr(`${error.message}\n`);
      if (verbose && error.cause) io.stderr(`[sockgrade] cause: ${String(error.cause)}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
