import type { Duplex } from 'node:stream';
import {
  encodeMessage,
  parsePeerMessage,
  type GraderMessage,
  type StartStudentRequest,
  type StudentRunResult,
  type TestResultMessage,
} from '../checks/peer/protocol.js';
import type { AssignmentDefinition } from '../checks/types.js';
import type { PreparedStudent, SandboxPod, StudentSpec } from './sandbox/sandbox-pod.js';
import type { StudentProcess } from './sandbox/student-process.js';
import { TestOutputLinker, type TestOutput } from './test-output.js';

/** Live progress of a run, for the CLI's spinner and the API's event stream. */
export interface GradingProgress {
  /** A run of the student's program is running (its container started). */
  onStudentStarted?(runId: string): void;
  onTestStarted?(testId: string): void;
  onTestResult?(result: TestResultMessage): void;
}

/**
 * Serves the reference peer's requests during one run: starts and stops the student's
 * program, tells the peer when it exits, and collects test results.
 */
export class PeerSession {
  readonly results = new Map<string, TestResultMessage>();
  readonly runs: StudentRunResult[] = [];
  private readonly linker = new TestOutputLinker();
  /** Settles when the peer said `done`. */
  readonly finished: Promise<void>;
  private resolveFinished!: () => void;
  private readonly students = new Map<string, StudentProcess>();
  private stdin: Duplex | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  /** A server started while the peer was still booting; handed over at the peer's first plain request. */
  private prestarted: Promise<StudentProcess> | undefined;

  constructor(
    private readonly pod: Pick<SandboxPod, 'prepareStudent' | 'startStudent'>,
    private readonly assignment: AssignmentDefinition,
    private readonly studentImage: string,
    private readonly progress: GradingProgress,
    private readonly log: (line: string) => void,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** The peer's stdin, once its container is attached. */
  connect(stdin: Duplex): void {
    this.stdin = stdin;
  }

  /** Writes nothing more to the peer: its next run (a pod kept between runs) is not this session's. */
  detach(): void {
    this.stdin = undefined;
  }

  get isDone(): boolean {
    return this.done;
  }
  private done = false;

  handleLine(line: string): void {
    const message = parsePeerMessage(line);
    if (!message) {
      this.log(`peer printed a non-protocol line: ${line.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'start-student':
        this.track(this.startStudent(message));
        break;
      case 'stop-student':
        this.track(this.students.get(message.runId)?.stop() ?? Promise.resolve());
        break;
      case 'test-started':
        this.linker.testStarted(message.testId, message.at);
        this.progress.onTestStarted?.(message.testId);
        break;
      case 'test-result':
        if (this.assignment.tests.some((test) => test.id === message.testId) && !this.results.has(message.testId)) {
          this.linker.testEnded(message.testId, message.at);
          this.results.set(message.testId, message);
          this.progress.onTestResult?.(message);
        }
        break;
      case 'log':
        this.log(`peer: ${message.message}`);
        break;
      case 'done':
        this.done = true;
        this.resolveFinished();
        break;
    }
  }

  /** What the program printed during each test that printed anything (issue #13). */
  outputs(): Map<string, TestOutput> {
    return this.linker.outputs();
  }

  /**
   * Every finished run, then the output so far of any run whose exit has not reached us
   * (a server still being stopped when the report is built).
   */
  runsForReport(): StudentRunResult[] {
    const unfinished = [...this.students].filter(([runId]) => !this.runs.some((run) => run.runId === runId)).map(([, student]) => student.snapshot());
    return [...this.runs, ...unfinished];
  }

  /** Waits for in-flight Docker calls so teardown does not race them. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error) => this.log(`peer request failed: ${String(error)}`));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /**
   * Creates the server's container ahead of the peer's `start-student` (a server assignment
   * always starts with one, with no arguments): the pod's start-up then overlaps the
   * peer's. Call `start` on the result once the pod is booted.
   */
  async prepareServer(): Promise<PreparedStudent> {
    return this.pod.prepareStudent(this.spec({ type: 'start-student', runId: 'server', args: [] }));
  }

  startPrepared(prepared: PreparedStudent): void {
    this.prestarted = prepared.start();
    // Handled when the peer asks for it; never an unhandled rejection before then.
    this.prestarted.then(() => this.progress.onStudentStarted?.('server')).catch(() => {});
  }

  private spec(request: StartStudentRequest): StudentSpec {
    return {
      runId: request.runId,
      image: this.studentImage,
      runtime: this.assignment.runtime,
      entry: this.assignment.entry,
      args: request.args,
      ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
      ...(request.env ? { env: request.env } : {}),
      ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
      limits: this.assignment.resources,
      onOutput: (stream, chunk) => this.linker.record(stream, chunk),
    };
  }

  private takePrestarted(request: StartStudentRequest): Promise<StudentProcess> | undefined {
    const plain = request.args.length === 0 && request.stdin === undefined && !request.env && request.timeoutMs === undefined;
    if (!plain || !this.prestarted) return undefined;
    const prestarted = this.prestarted;
    this.prestarted = undefined;
    return prestarted.then((student) => {
      student.runId = request.runId;
      return student;
    });
  }

  private async startStudent(request: StartStudentRequest): Promise<void> {
    let student: StudentProcess;
    try {
      student = await (this.takePrestarted(request) ?? this.pod.startStudent(this.spec(request)));
    } catch (error) {
      const result = failedStart(request.runId, error);
      this.runs.push(result);
      this.send({ type: 'student-exited', result });
      throw error;
    }
    this.students.set(request.runId, student);
    this.progress.onStudentStarted?.(request.runId);
    this.send({ type: 'student-started', runId: request.runId });
    const result = await student.exited;
    this.runs.push(result);
    this.send({ type: 'student-exited', result });
  }

  private send(message: GraderMessage): void {
    if (!this.stdin || this.stdin.destroyed || this.stdin.writableEnded) return;
    this.stdin.write(encodeMessage(message));
  }
}

function failedStart(runId: string, error: unknown): StudentRunResult {
  return {
    runId,
    exitCode: null,
    oomKilled: false,
    timedOut: false,
    stopped: false,
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 0,
    startError: `the sandbox could not start your program (${error instanceof Error ? error.message : String(error)})`,
  };
}
