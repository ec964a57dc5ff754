import { availableParallelism } from 'node:os';

/**
 * Gradings at once when none is configured: twice the cores the process may use. A
 * grading mostly waits (on the student's program, on Docker), so more runs than cores pay;
 * 4 on the 2-core machine is what `npm run bench:service` measured as within the noise of
 * the best there, and the factor carries it to larger hosts. At least 2, at most 64 (the
 * settings' own bound).
 */
export function defaultConcurrency(cores: number = availableParallelism()): number {
  return Math.min(64, Math.max(2, 2 * Math.floor(cores)));
}
