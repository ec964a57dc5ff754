import { availableParallelism } from 'node:os';

/**
 * Gradings at once when none is configured: four times the cores the process may use. A
 * grading mostly waits (on the student's program, on Docker), so more runs than cores pay.
 * `npm run bench:service -- --sweep 4,8,12,16` on the 2-core machine, with pods kept
 * between runs (issue #11): 175, 236, 216 and 227 gradings/min; 8 is the best there, and
 * the factor carries it to larger hosts. At least 2, at most 64 (the settings' own bound).
 */
export function defaultConcurrency(cores: number = availableParallelism()): number {
  return Math.min(64, Math.max(2, 4 * Math.floor(cores)));
}
