import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDocker } from '../sandbox/docker-connection.js';
import { SockgradeError } from '../errors.js';
import { loadGraderConfig } from '../config.js';
import { processIo, type CliIo } from './cli-io.js';
import { withSignal } from './with-signal.js';

/** dist/ — this file is dist/grader/cli/main.js once compiled. */
const DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const HELP = `sockgrade — grades socket-programming homework in Docker sandboxes

  sockgrade grade <assignment-id> <submission-dir> [--format text|json|junit|gradescope] [--transcripts] [--verbose]
  sockgrade login <url> [--name NAME]  signs in to a service and keeps the token (see README)
  sockgrade submit <assignment-id> [folder] [--url URL] [--token T] [--format F] [--min-score N]
                                       hands in to a service and prints the report; exit 0 full score,
                                       1 below the bar, 2 not submitted
  sockgrade assignments [--json]
  sockgrade check-assignment <file> [<model-solution-dir>]
                                       checks an assignment file; with a model solution, grades it (full marks required)
  sockgrade pods [stop]                the pods \`grade\` keeps for the next run: listed, or removed
  sockgrade images build [--source auto|debootstrap|pull]
  sockgrade images list
  sockgrade serve                      the service: HTTP API, queue, an in-process worker (see README)
  sockgrade worker [--redis URL] [--concurrency N] [--queue NAME]
                                       more grading capacity for a running service
`;

/**
 * Each command's module is loaded when it runs: `grade` is run over and over by students
 * and CI (issue #11), and the worker's queue client alone (BullMQ) takes 170 ms to load.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'grade': {
        const { gradeCommand } = await import('./grade-command.js');
        return await gradeCommand(rest, io, { distDir: DIST_DIR, config: loadGraderConfig(process.env) });
      }
      case 'login': {
        const { loginCommand } = await import('./remote/login-command.js');
        return await loginCommand(rest, io, { env: process.env, input: { stdin: process.stdin, prompt: process.stderr } });
      }
      case 'submit': {
        const { submitCommand } = await import('./remote/submit-command.js');
        return await withSignal(undefined, (signal) => submitCommand(rest, io, { env: process.env, cwd: process.cwd(), stderrIsTty: process.stderr.isTTY === true, signal }));
      }
      case 'assignments': {
        const { assignmentsCommand } = await import('./assignments-command.js');
        return assignmentsCommand(rest, io);
      }
      case 'worker': {
        const { workerCommand } = await import('./worker-command.js');
        return await workerCommand(rest, io, { distDir: DIST_DIR, config: loadGraderConfig(process.env), env: process.env });
      }
      case 'pods': {
        const { podsCommand } = await import('./pods-command.js');
        return await podsCommand(rest, io, { docker: await connectDocker() });
      }
      case 'images': {
        const { imagesCommand } = await import('./images-command.js');
        return await imagesCommand(rest, io, { docker: await connectDocker(), distDir: DIST_DIR });
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`unknown command \`${command}\`\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof SockgradeError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (hasStableCode(error)) {
      // Typed errors of the image builder carry a sentence meant for the user.
      io.stderr(`${error.message}\n`);
      return 1;
    }
    io.stderr(`sockgrade failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

function hasStableCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^[A-Z][A-Z_]+$/.test((error as unknown as { code: string }).code);
}
