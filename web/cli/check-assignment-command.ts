/**
 * `sockgrade check-assignment FILE [SOLUTION_DIR]` (issue #14): the teacher's own test of
 * an assignment file before students see it. Checks the file like the service does at
 * start (every problem with file:line); given a model solution, grades it in the sandbox
 * and requires full marks. Exit 0: fine; 1: a problem (listed); 2: usage. Here in web/
 * because the loader is (the grader's CLI may not import web/: web → grader → checks).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadGraderConfig } from '../../grader/config.js';
import { formatReport } from '../../grader/cli/format-report.js';
import { terminalSafeInline } from '../../grader/cli/terminal-text.js';
import { SockgradeError } from '../../grader/errors.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { connectDocker } from '../../grader/sandbox/docker-connection.js';
import { KeptPods } from '../../grader/sandbox/kept-pods.js';
import { reapOrphans } from '../../grader/sandbox/reaper.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { readSubmissionDir } from '../../grader/submission-files.js';
import { AssignmentFileError, formatProblem, loadAssignmentFile } from '../assignments/index.js';

const USAGE = 'usage: sockgrade check-assignment <assignment-file> [<model-solution-dir>] [--verbose]';

export interface CheckAssignmentIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export async function checkAssignmentCommand(argv: string[], io: CheckAssignmentIo, deps: { distDir: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const flags = argv.filter((arg) => arg.startsWith('--'));
  const [file, solution, ...extra] = argv.filter((arg) => !arg.startsWith('--'));
  if (!file || extra.length > 0 || flags.some((flag) => flag !== '--verbose')) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  let loaded;
  try {
    loaded = await loadAssignmentFile(resolve(file));
  } catch (error) {
    if (!(error instanceof AssignmentFileError)) throw error;
    const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
    io.stderr(`${file} has ${count}:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  const { definition } = loaded;
  const points = definition.tests.reduce((sum, test) => sum + test.points, 0);
  io.stdout(`${loaded.file}: \`${definition.id}\` is valid: ${definition.tests.length} tests, ${points} points (${definition.role}, ${definition.transport.toUpperCase()}).\n`);
  if (!solution) return 0;

  const dir = resolve(solution);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    io.stderr(`The model solution ${dir} does not exist or is not a folder.\n`);
    return 1;
  }
  const config = loadGraderConfig(deps.env);
  const log = flags.includes('--verbose') || config.debug ? (line: string) => io.stderr(`[sockgrade] ${line}\n`) : () => {};
  try {
    const docker = await connectDocker();
    const images = await requireRunImages(docker, deps.distDir, definition.runtime.image, config.imageSource);
    await reapOrphans(docker, { log });
    const report = await gradeSubmission({
      docker,
      assignment: definition,
      files: await readSubmissionDir(dir),
      images,
      // A teacher checks a file again and again while writing it: the pod stays up between runs as `sockgrade grade`'s does.
      ...(config.keepPodSeconds > 0 ? { pool: new KeptPods({ client: docker, keepMs: config.keepPodSeconds * 1000, log }) } : {}),
      log,
    });
    io.stdout(formatReport(report));
    const short = report.tests.filter((test) => test.score < test.maxScore);
    if (short.length === 0 && report.score === report.maxScore) {
      io.stdout(`The model solution gets full marks (${report.score}/${report.maxScore}): the assignment can be passed.\n`);
      return 0;
    }
    io.stderr(
      `The model solution gets ${report.score}/${report.maxScore}, not full marks. Fix the solution or the tests; these did not pass:\n` +
        `${short.map((test) => `  ${test.id} (${test.status}, ${test.score}/${test.maxScore}): ${terminalSafeInline(test.feedback.split('\n')[0] ?? '')}`).join('\n')}\n`,
    );
    return 1;
  } catch (error) {
    if (error instanceof SockgradeError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
