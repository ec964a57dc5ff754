import type { AssignmentLimits, StudentResourceLimits } from '../types.js';

const MiB = 1024 * 1024;

/** Wall-clock limits used when an assignment does not set its own. */
export const DEFAULT_LIMITS: Readonly<AssignmentLimits> = Object.freeze({
  // A Python server listens within about 100 ms of its start (the container start is not
  // counted: the clock starts once the grader reports the program started); 5 s leaves a
  // wide margin under load and halves the wait for one that never listens (issue #11).
  startupMs: 5_000,
  testMs: 5_000,
  clientRunMs: 10_000,
  runMs: 60_000,
});

/** Resource limits of the student's container used when an assignment does not set its own. */
export const DEFAULT_RESOURCES: Readonly<StudentResourceLimits> = Object.freeze({
  memoryBytes: 256 * MiB,
  nanoCpus: 1_000_000_000,
  pids: 64,
  openFiles: 256,
  fileSizeBytes: 16 * MiB,
  tmpBytes: 64 * MiB,
  workBytes: 16 * MiB,
  outputBytes: 64 * 1024,
});
