import type { StudentRunResult } from '../peer/protocol.js';

/** One transcript line on how a client run ended: "exited with code 0 after 812 ms". */
export function describeRunEnd(run: StudentRunResult): string {
  if (run.startError !== undefined) return `could not be started: ${run.startError}`;
  if (run.timedOut) return `still running after ${run.durationMs} ms: stopped`;
  if (run.oomKilled) return 'stopped: out of memory';
  return `exited with code ${run.exitCode ?? 'none'} after ${run.durationMs} ms`;
}
