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
 * per test (a flooding program fills every one: 30 tests, 240 KiB) and the feedback quotes
 * only its last lines. Head and tail, so the traceback after a flood of prints is still
 * there (issue #13).
 */
export const TEST_OUTPUT_CAP_BYTES = 4 * 1024;

/**
 * How long after a test's result its window stays open while no other test began: a
 * server prints "sent 5 bytes" just after its `sendall()`, and that line reaches us a few
 * milliseconds later, maybe after the peer's verdict on the echo was stamped.
 */
export const TEST_OUTPUT_GRACE_MS = 100;

/**
 * Output held back until the peer's stamps have caught up with it; past this, it is linked
 * with what is known (a flood during one long test: the open test is the right one anyway).
 */
const PENDING_CAP_BYTES = 256 * 1024;
/** The same in chunks: a program writing one byte at a time makes many small ones. */
const PENDING_CAP_CHUNKS = 4096;

interface Window {
  testId: string;
  start: number;
  /** When the test's result was sent; undefined while it runs. */
  end?: number;
  stdout: BoundedOutput;
  stderr: BoundedOutput;
}

interface Chunk {
  at: number;
  stream: 'stdout' | 'stderr';
  bytes: Buffer;
}

/**
 * Links the student's output to the test that was running when it was printed (issue #13):
 * a traceback printed by a server's handler thread while test X waited for its echo
 * belongs to X, though the server keeps running and its whole output comes only at the end.
 *
 * A test's window runs from the peer's `test-started` to its `test-result` (plus
 * {@link TEST_OUTPUT_GRACE_MS}, until the next test starts), by the times the peer stamped
 * on them; output is stamped when it reaches the grader. Both clocks are the host's.
 * Output for a test can only be printed after the peer began it, so it never lands in an
 * earlier test; the peer's lines, though, may reach us after output printed later (measured
 * under load: a whole test late), so output waits until the peer's stamps have passed it.
 * Output outside every window (a server's start-up line, a client's last words after its
 * test) is only in the run's `logs`.
 */
export class TestOutputLinker {
  private readonly windows: Window[] = [];
  /** Held-back output from `pendingFrom` on (a queue without `shift()`, which is linear). */
  private pending: Chunk[] = [];
  private pendingFrom = 0;
  private pendingBytes = 0;
  /** The latest stamp the peer sent: every test that began before it is known. */
  private horizon = -Infinity;

  constructor(
    private readonly capBytes: number = TEST_OUTPUT_CAP_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** A test began at `at` (the peer's stamp; without one, now). */
  testStarted(testId: string, at: number = this.now()): void {
    this.windows.push({ testId, start: at, stdout: new BoundedOutput(this.capBytes), stderr: new BoundedOutput(this.capBytes) });
    this.advance(at);
  }

  testEnded(testId: string, at: number = this.now()): void {
    const window = this.windows.at(-1);
    if (window?.testId === testId && window.end === undefined) window.end = at;
    this.advance(at);
  }

  /** Bytes the program printed, arriving now. */
  record(stream: 'stdout' | 'stderr', bytes: Buffer): void {
    this.pending.push({ at: this.now(), stream, bytes });
    this.pendingBytes += bytes.length;
    this.link(false);
  }

  /** Each test that printed anything, with what it printed; output still held back is linked first. */
  outputs(): Map<string, TestOutput> {
    this.link(true);
    const outputs = new Map<string, TestOutput>();
    for (const { testId, stdout, stderr } of this.windows) {
      if (stdout.totalBytes === 0 && stderr.totalBytes === 0) continue;
      // A test begun twice (never by our peer) keeps its first window.
      if (outputs.has(testId)) continue;
      outputs.set(testId, { stdout: stdout.text(), stderr: stderr.text(), cutBytes: stdout.cutBytes + stderr.cutBytes });
    }
    return outputs;
  }

  private advance(at: number): void {
    this.horizon = Math.max(this.horizon, at);
    this.link(false);
  }

  /** Links held-back output the stamps have passed (all of it when `all`, or when too much is held). */
  private link(all: boolean): void {
    while (this.pendingFrom < this.pending.length) {
      const chunk = this.pending[this.pendingFrom]!;
      const held = this.pending.length - this.pendingFrom;
      if (!all && chunk.at > this.horizon && this.pendingBytes <= PENDING_CAP_BYTES && held <= PENDING_CAP_CHUNKS) break;
      this.pendingFrom += 1;
      this.pendingBytes -= chunk.bytes.length;
      this.windowAt(chunk.at)?.[chunk.stream].write(chunk.bytes);
    }
    if (this.pendingFrom > PENDING_CAP_CHUNKS) {
      this.pending = this.pending.slice(this.pendingFrom);
      this.pendingFrom = 0;
    }
  }

  /** The test running at `at`: the last one begun by then, if it had not ended more than the grace before. */
  private windowAt(at: number): Window | undefined {
    for (let i = this.windows.length - 1; i >= 0; i -= 1) {
      const window = this.windows[i]!;
      if (window.start > at) continue;
      return window.end === undefined || at <= window.end + TEST_OUTPUT_GRACE_MS ? window : undefined;
    }
    return undefined;
  }
}
