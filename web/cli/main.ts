/** `sockgrade check-assignment`: the launcher hands it here (it needs web/'s assignment loader). */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAssignmentCommand } from './check-assignment-command.js';

/** dist/ — this file is dist/web/cli/main.js once compiled. */
const DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function runWebCli(argv: string[]): Promise<number> {
  const [, ...rest] = argv;
  try {
    return await checkAssignmentCommand(rest, { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) }, { distDir: DIST_DIR, env: process.env });
  } catch (error) {
    process.stderr.write(`sockgrade failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
