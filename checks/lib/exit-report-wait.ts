/**
 * Waiting for the grader's exit report after a connection died without a reply (issue #11).
 * The report trails the socket's close by a few milliseconds, so a crash is worth a wait
 * (param `exitReportMs`, 1 s) to show its traceback. But a server that closes connections
 * and lives on (it closes every connection at once, a handler thread dies) would cost that
 * second on every test: once one full wait came back empty, later waits of the same run are
 * cut to {@link SHORT_EXIT_WAIT_MS}. A report that does arrive ends any wait at once.
 */
import type { StudentRunResult } from '../peer/protocol.js';
import type { StudentView } from '../suite.js';
import { paramDefaults } from './param-schema.js';

/** The param of every server check that reports a crash: spread it into the check's schema. */
export const EXIT_REPORT_PARAMS = paramDefaults({
  /** After a connection died without a reply: how long we wait for the server's exit report (its traceback). */
  exitReportMs: 1000,
});

/** The wait for an exit report once the server has lived on after a closed connection. @defaultValue 200 */
export const SHORT_EXIT_WAIT_MS = 200;

/** Runs (keyed by their {@link StudentView}) whose server lived on after a full wait. */
const livedOn = new WeakSet<StudentView>();

/** Waits up to `waitMs` (or the short wait, see above) for the program's exit; null while it runs. */
export async function waitForExitReport(student: StudentView, waitMs: number, signal: AbortSignal): Promise<StudentRunResult | null> {
  const already = student.lastExit();
  if (already) return already;
  const ms = livedOn.has(student) ? Math.min(waitMs, SHORT_EXIT_WAIT_MS) : waitMs;
  const exit = await student.waitForExit(ms, signal).catch(() => null);
  // A zero wait (a caller that only polls) proves nothing about the program living on.
  if (!exit && !signal.aborted && waitMs > 0) livedOn.add(student);
  return exit;
}
