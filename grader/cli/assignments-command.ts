import { listAssignments } from '../../checks/index.js';
import type { CliIo } from './cli-io.js';

/** `sockgrade assignments [--json]`: the built-in assignment ids with one line each. */
export function assignmentsCommand(argv: string[], io: CliIo): number {
  const assignments = listAssignments();
  if (argv.includes('--json')) {
    io.stdout(`${JSON.stringify(assignments.map(({ id, title, summary, role, transport, entry }) => ({ id, title, summary, role, transport, entry })))}\n`);
    return 0;
  }
  const width = Math.max(...assignments.map((a) => a.id.length));
  for (const a of assignments) {
    const points = a.tests.reduce((sum, test) => sum + test.points, 0);
    io.stdout(`${a.id.padEnd(width)}  ${a.entry.padEnd(9)}  ${String(points).padStart(3)} pts  ${a.summary}\n`);
  }
  return 0;
}
