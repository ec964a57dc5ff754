import type { ClientRunOptions } from '../suite.js';
import type { GraderMessage, StudentRunResult } from './protocol.js';
import { StudentRun } from './student-run.js';
import type { PeerTransport } from './transport.js';

/** Asks the grader to start and stop the student's program and routes its answers to the runs. */
export class StudentControl {
  readonly #transport: PeerTransport;
  readonly #log: (line: string) => void;
  readonly #runs = new Map<string, StudentRun>();

  constructor(transport: PeerTransport, log: (line: string) => void) {
    this.#transport = transport;
    this.#log = log;
  }

  handle(message: GraderMessage): void {
    // Only meaningful between runs; `serveRuns` reads them.
    if (message.type === 'config' || message.type === 'reset') return;
    const runId = message.type === 'student-started' ? message.runId : message.result?.runId;
    const run = typeof runId === 'string' ? this.#runs.get(runId) : undefined;
    if (!run) {
      this.#log(`grader message for an unknown run: ${JSON.stringify(message).slice(0, 200)}`);
      return;
    }
    if (message.type === 'student-started') run.markStarted();
    else run.markExited(normalizeResult(message.result, run.runId));
  }

  start(runId: string, options: Partial<ClientRunOptions> = {}): StudentRun {
    const run = new StudentRun(runId);
    this.#runs.set(runId, run);
    this.#transport.send({
      type: 'start-student',
      runId,
      args: options.args ?? [],
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    return run;
  }

  stop(runId: string): void {
    const run = this.#runs.get(runId);
    if (run && !run.lastExit()) this.#transport.send({ type: 'stop-student', runId });
  }

  /** Stops every run that has not exited yet. */
  stopAll(): void {
    for (const run of this.#runs.values()) this.stop(run.runId);
  }
}

/** The grader is ours, but a malformed result must not crash the peer: fill the gaps. */
function normalizeResult(raw: unknown, runId: string): StudentRunResult {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    runId,
    exitCode: typeof r.exitCode === 'number' ? r.exitCode : null,
    oomKilled: r.oomKilled === true,
    timedOut: r.timedOut === true,
    stopped: r.stopped === true,
    stdout: text(r.stdout),
    stderr: text(r.stderr),
    stdoutTruncated: r.stdoutTruncated === true,
    stderrTruncated: r.stderrTruncated === true,
    durationMs: typeof r.durationMs === 'number' ? r.durationMs : 0,
    ...(typeof r.startError === 'string' ? { startError: r.startError } : {}),
  };
}
