import { serverExitNote } from '../lib/server-exit-note.js';
import type { ServerCheckContext } from '../suite.js';
import { readParams } from '../lib/param-schema.js';
import { FILE_SERVER, fileWords } from './params.js';

/**
 * A failed test's feedback plus what happened to the student's server (`serverExitNote`:
 * how it ended, its traceback, hints), and for a file server the one crash this
 * assignment adds: opening a file that is not there. Param `exitReportMs` bounds the wait
 * for the exit report after a connection died.
 */
export async function withServerExit(ctx: ServerCheckContext, feedback: string, connectionDied: boolean): Promise<string> {
  const note = await serverExitNote(ctx, { dying: connectionDied, waitMs: readParams(FILE_SERVER, ctx.params).exitReportMs });
  if (!note) return feedback;
  const parts = [feedback, note];
  if (/FileNotFoundError|IsADirectoryError|PermissionError/.test(ctx.student.lastExit()?.stderr ?? '')) {
    parts.push(
      `Opening a file that does not exist raises \`FileNotFoundError\` and ends your server. Check first (\`os.path.isfile(name)\`) or catch the error (\`try: … except OSError:\`) and answer with an \`${fileWords(ctx.params).error}\` line instead.`,
    );
  }
  return parts.join('\n\n');
}
