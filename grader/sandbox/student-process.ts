import type { ContainerHandle } from './container-client.js';
import type { Duplex } from 'node:stream';
import type { StudentRunResult } from '../../checks/peer/protocol.js';
import { isDockerGone } from '../errors.js';
import type { BoundedOutput } from './bounded-output.js';
import { waitForExit } from './container-exit.js';

/** How long to wait for the last output bytes after the container exited. */
const OUTPUT_DRAIN_MS = 1000;

/**
 * One run of the student's program in its container. `exited` always settles with a
 * result (a kill, a timeout and a vanished container are results too); it rejects
 * only when the whole pod is being torn down.
 */
export class StudentProcess {
  readonly exited: Promise<StudentRunResult>;
  private stopRequested = false;
  private timedOut = false;
  private readonly killTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = Date.now();

  constructor(
    /** Settable once: a server started ahead of the peer's request takes the request's id. */
    public runId: string,
    private readonly container: ContainerHandle,
    private readonly stream: Duplex,
    private readonly stdout: BoundedOutput,
    private readonly stderr: BoundedOutput,
    timeoutMs: number | undefined,
    podSignal: AbortSignal,
  ) {
    if (timeoutMs !== undefined) {
      this.killTimer = setTimeout(() => {
        this.timedOut = true;
        void this.kill();
      }, timeoutMs);
    }
    this.exited = this.watch(podSignal);
  }

  /**
   * The run as far as it got: what the program printed so far, no exit yet. For a report
   * that cannot wait longer for the exit of a server being stopped (issue #13: a running
   * server's output belongs in the report all the same).
   */
  snapshot(): StudentRunResult {
    return {
      runId: this.runId,
      exitCode: null,
      oomKilled: false,
      timedOut: this.timedOut,
      stopped: this.stopRequested && !this.timedOut,
      stdout: this.stdout.text(),
      stderr: this.stderr.text(),
      stdoutTruncated: this.stdout.truncated,
      stderrTruncated: this.stderr.truncated,
      durationMs: Date.now() - this.startedAt,
    };
  }

  /** Ends the program on request (SIGKILL: a student's program may ignore SIGTERM). */
  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.kill();
  }

  private async kill(): Promise<void> {
    try {
      await this.container.kill({ signal: 'SIGKILL' });
    } catch (error) {
      if (!isDockerGone(error)) throw error;
    }
  }

  private async watch(podSignal: AbortSignal): Promise<StudentRunResult> {
    try {
      const exit = await waitForExit(this.container, podSignal);
      await this.drainOutput();
      return { ...this.snapshot(), exitCode: exit.exitCode, oomKilled: exit.oomKilled };
    } finally {
      clearTimeout(this.killTimer);
      this.stream.destroy();
    }
  }

  private async drainOutput(): Promise<void> {
    if (this.stream.readableEnded || this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, OUTPUT_DRAIN_MS);
      this.stream.once('end', finish);
      this.stream.once('close', finish);
      const stream = this.stream;
      function finish() {
        clearTimeout(timer);
        stream.off('end', finish);
        stream.off('close', finish);
        resolve();
      }
    });
  }
}
