import { terminalSafeInline } from '../terminal-text.js';

/**
 * A progress line on stderr. On a terminal one line rewritten in place (CR, erase line);
 * elsewhere (a CI log) a plain line whenever the text changes, never a control character.
 */
export class ProgressLine {
  private last = '';
  private open = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  update(text: string): void {
    const safe = terminalSafeInline(text);
    if (safe === this.last) return;
    this.last = safe;
    if (this.tty) {
      this.write(`\r\u001b[2K${safe}`);
      this.open = true;
    } else {
      this.write(`${safe}\n`);
    }
  }

  /** Ends the rewritten line, so what follows starts on a line of its own. */
  end(): void {
    if (this.open) this.write('\n');
    this.open = false;
  }
}

/** The line for a state of the grading: what the student waits for. */
export function progressText(state: { status: string; progress?: { testsDone: number; testsTotal: number; test?: { id: string; status: string } } | null }): string {
  const progress = state.progress;
  if (state.status === 'queued') return 'waiting for a grader…';
  if (state.status === 'running' && progress && progress.testsTotal > 0) {
    const last = progress.test ? ` (${progress.test.id}: ${progress.test.status})` : '';
    return `grading: ${progress.testsDone}/${progress.testsTotal} tests done${last}`;
  }
  if (state.status === 'running') return 'grading…';
  return state.status;
}
