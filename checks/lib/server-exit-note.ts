import { waitForExitReport } from './exit-report-wait.js';
import { howItEnded, pythonHints, stderrTail } from './exit-report.js';
import type { ServerCheckContext } from '../suite.js';

export interface ServerExitNoteOptions {
  /**
   * The connection died without a reply (closed, reset, refused): the grader's exit report
   * usually trails the socket close by a few milliseconds, so wait up to `waitMs` for it.
   */
  dying: boolean;
  /** @defaultValue 1000 */
  waitMs?: number;
}

/**
 * What happened to the student's server, for a failed test's feedback: how it ended, the
 * tail of its error output, and hints for the usual Python errors; '' while it still runs.
 */
export async function serverExitNote(ctx: ServerCheckContext, options: ServerExitNoteOptions): Promise<string> {
  let exit = ctx.student.lastExit();
  if (!exit && options.dying) exit = await waitForExitReport(ctx.student, options.waitMs ?? 1000, ctx.signal);
  if (!exit) return '';
  const parts = [howItEnded(exit, { what: 'server', when: 'during this test', memoryBytes: ctx.assignment.resources.memoryBytes })];
  const tail = stderrTail(exit);
  if (tail) parts.push(`Its error output ended with:\n\`\`\`\n${tail}\n\`\`\``);
  parts.push(...pythonHints(exit, { what: 'server', entry: ctx.assignment.entry }));
  return parts.join('\n\n');
}
