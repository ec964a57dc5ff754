import { describe, expect, it } from 'vitest';
import { withPrintedNote } from './printed-note.js';

const traceback = [
  'Exception in thread Thread-3 (bedienen):',
  'Traceback (most recent call last):',
  '  File "/work/server.py", line 15, in bedienen',
  '    text = str(daten, "utf8")',
  "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte",
  '',
].join('\n');

describe('withPrintedNote', () => {
  it('quotes a dead thread’s traceback under the feedback, with the thread and UTF-8 hints', () => {
    const feedback = withPrintedNote('We waited 2000 ms, but your server sent nothing back.', { stdout: '', stderr: traceback, cutBytes: 0 });
    const parts = feedback.split('\n\n');
    expect(parts[0]).toBe('We waited 2000 ms, but your server sent nothing back.');
    expect(parts[1]).toBe(`Your program printed this on its error output while we waited:\n\`\`\`\n${traceback.trimEnd()}\n\`\`\``);
    expect(parts[2]).toContain('A thread of your program ended with an error');
    expect(parts[3]).toContain('not valid UTF-8 (`UnicodeDecodeError`)');
    expect(parts).toHaveLength(4);
  });

  it('quotes stdout too, only the last lines', () => {
    const stdout = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const feedback = withPrintedNote('Wrong.', { stdout, stderr: '', cutBytes: 0 });
    expect(feedback).toContain('Your program printed this while we waited:\n```\n…\nline 19\n');
    expect(feedback).toContain('line 30\n```');
    expect(feedback).not.toContain('line 18\n');
    expect(feedback).not.toContain('error output');
  });

  it('repeats nothing the feedback already quotes (a crash report) and leaves it alone without output', () => {
    const crash = `Your server exited with code 1.\n\nIts error output ended with:\n\`\`\`\n${traceback.trimEnd()}\n\`\`\``;
    expect(withPrintedNote(crash, { stdout: '', stderr: traceback, cutBytes: 0 })).toBe(crash);
    expect(withPrintedNote('Wrong.', undefined)).toBe('Wrong.');
    expect(withPrintedNote('Wrong.', { stdout: '\n\n', stderr: '', cutBytes: 0 })).toBe('Wrong.');
  });
});
