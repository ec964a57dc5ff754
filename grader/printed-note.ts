import { pythonHints, stderrTail } from '../checks/lib/exit-report.js';
import type { TestOutput } from './test-output.js';

/** Python's `threading` prints this when a thread ends with an exception; the process runs on. */
const THREAD_DIED =
  'A thread of your program ended with an error (`Exception in thread …`), but the program itself kept running: the client that thread served got no answer from it.';

/**
 * A failed test's feedback with what the program printed while the test waited (issue #13):
 * a server whose handler thread died keeps running, so no exit report quotes its traceback,
 * yet that traceback is the whole story. The last lines of each stream, then the hints the
 * usual Python errors get. A stream whose last line the feedback already quotes (a crash
 * report) is not repeated, nor is a hint already given.
 */
export function withPrintedNote(feedback: string, output: TestOutput | undefined): string {
  if (!output) return feedback;
  const parts = [feedback];
  const quote = (text: string, intro: string): boolean => {
    const tail = stderrTail({ stderr: text });
    if (tail === null || feedback.includes(lastLine(tail))) return false;
    parts.push(`${intro}\n\`\`\`\n${tail}\n\`\`\``);
    return true;
  };
  quote(output.stdout, 'Your program printed this while we waited:');
  if (quote(output.stderr, 'Your program printed this on its error output while we waited:')) {
    if (/^Exception in thread /m.test(output.stderr)) parts.push(THREAD_DIED);
    const hints = pythonHints({ stderr: output.stderr, oomKilled: false }, { what: 'program' });
    parts.push(...hints.filter((hint) => !feedback.includes(hint)));
  }
  return parts.join('\n\n');
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}
