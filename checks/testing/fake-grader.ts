/**
 * An in-process stand-in for the grader, for unit tests: it plays the other end of the
 * peer protocol and starts "students" through a handler instead of Docker.
 */
import type { GraderMessage, PeerMessage, StartStudentRequest, StudentRunResult, TestResultMessage } from '../peer/protocol.js';
import type { PeerTransport } from '../peer/transport.js';

/** A student program started by the fake grader. */
export interface FakeStudent {
  /** Settles when the program ends; missing fields get defaults. */
  exited: Promise<Partial<StudentRunResult>>;
  /** Called on `stop-student`; must make `exited` settle. */
  stop(): void;
}

export type StartHandler = (request: StartStudentRequest) => FakeStudent | Promise<FakeStudent>;

export class FakeGrader implements PeerTransport {
  readonly sent: PeerMessage[] = [];
  readonly starts: StartStudentRequest[] = [];
  readonly #closed = new AbortController();
  readonly #students = new Map<string, FakeStudent>();
  readonly #onStart: StartHandler;
  #handler: ((message: GraderMessage) => void) | null = null;

  constructor(onStart: StartHandler) {
    this.#onStart = onStart;
  }

  get closed(): AbortSignal {
    return this.#closed.signal;
  }

  send(message: PeerMessage): void {
    // The real transport serializes; so do we, to catch anything that is not JSON-safe.
    this.sent.push(JSON.parse(JSON.stringify(message)) as PeerMessage);
    if (message.type === 'start-student') void this.#start(message);
    if (message.type === 'stop-student') this.#students.get(message.runId)?.stop();
  }

  onMessage(handler: (message: GraderMessage) => void): void {
    this.#handler = handler;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {}

  /** Simulates the grader going away. */
  disconnect(): void {
    this.#closed.abort(new Error('grader gone'));
  }

  results(): TestResultMessage[] {
    return this.sent.filter((m): m is TestResultMessage => m.type === 'test-result');
  }

  statuses(): Record<string, string> {
    return Object.fromEntries(this.results().map((r) => [r.testId, r.status]));
  }

  /** Stops every student still running (test cleanup). */
  stopAll(): void {
    for (const student of this.#students.values()) student.stop();
  }

  async #start(request: StartStudentRequest): Promise<void> {
    this.starts.push(request);
    const startedAt = Date.now();
    let student: FakeStudent;
    try {
      student = await this.#onStart(request);
    } catch (error) {
      this.#deliver({ type: 'student-exited', result: fullResult(request.runId, { exitCode: null, startError: String(error) }, 0) });
      return;
    }
    this.#students.set(request.runId, student);
    this.#deliver({ type: 'student-started', runId: request.runId });
    const partial = await student.exited.catch((error: unknown) => ({ exitCode: 1, stderr: String(error) }));
    this.#deliver({ type: 'student-exited', result: fullResult(request.runId, partial, Date.now() - startedAt) });
  }

  #deliver(message: GraderMessage): void {
    // Like a pipe: never synchronously inside the peer's send().
    setImmediate(() => this.#handler?.(JSON.parse(JSON.stringify(message)) as GraderMessage));
  }
}

export function fullResult(runId: string, partial: Partial<StudentRunResult>, durationMs: number): StudentRunResult {
  return {
    runId,
    exitCode: 0,
    oomKilled: false,
    timedOut: false,
    stopped: false,
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs,
    ...partial,
  };
}
