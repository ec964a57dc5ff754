import { BoundedOutput } from './sandbox/bounded-output.js';

/** What the student's program printed while one test ran (stdout and stderr of every run), head and tail. */
export interface TestOutput {
  stdout: string;
  stderr: string;
  /** Bytes cut between head and tail, both streams together; the texts carry a note where. 0: nothing cut. */
  cutBytes: number;
}

/**
 * Per test and stream, the output kept: far less than a run's cap, since a report has one
 * per test and the feedback quotes only its last lines. Head and tail, so the traceback
 * after a flood of prints is still there (issue #13).
 */
export const TEST_OUTPUT_CAP_BYTES = 8 * 1024;

/**
 * How long after a test's result its window stays open while no other test began: a
 * server prints "sent 5 bytes" just after its `sendall()`, and that line may reach us a
 * moment after the peer's verdict on the echo did (both come through the Docker daemon).
 */
export const TEST_OUTPUT_GRACE_MS = 100;

interface Window {
  testId: string;
  stdout: BoundedOutput;
  stderr: BoundedOutput;
  /** When the test's result came; undefined while it runs. */
  endedAt?: number;
}

/**
 * Links the student's output to the test that was running when it arrived (issue #13):
 * a traceback printed by a server's handler thread while test X waited for its echo
 * belongs to X, though the server keeps running and its whole output comes only at the end.
 *
 * A test's window is from the peer's `test-started` to its `test-result` (plus
 * {@link TEST_OUTPUT_GRACE_MS}), as the grader receives them; output is stamped as the
 * grader receives it. Output outside every window (a server's start-up line, a client
 * run's last words after its test) is only in the run's `logs`.
 */
export class TestOutputLinker {
  private readonly windows = new Map<string, Window>();
  private current: Window | undefined;

  constructor(
    private readonly capBytes: number = TEST_OUTPUT_CAP_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** A test began: it takes every byte from now on, until its result (and the grace after it). */
  testStarted(testId: string): void {
    const window: Window = { testId, stdout: new BoundedOutput(this.capBytes), stderr: new BoundedOutput(this.capBytes) };
    this.windows.set(testId, window);
    this.current = window;
  }

  testEnded(testId: string): void {
    if (this.current?.testId === testId) this.current.endedAt = this.now();
  }

  /** Bytes the program printed, now. */
  record(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    const window = this.current;
    if (!window) return;
    if (window.endedAt !== undefined && this.now() - window.endedAt > TEST_OUTPUT_GRACE_MS) {
      this.current = undefined;
      return;
    }
    window[stream].write(chunk);
  }

  /** Each test that printed anything, with what it printed. */
  outputs(): Map<string, TestOutput> {
    const outputs = new Map<string, TestOutput>();
    for (const { testId, stdout, stderr } of this.windows.values()) {
      if (stdout.totalBytes === 0 && stderr.totalBytes === 0) continue;
      outputs.set(testId, { stdout: stdout.text(), stderr: stderr.text(), cutBytes: stdout.cutBytes + stderr.cutBytes });
    }
    return outputs;
  }
}
