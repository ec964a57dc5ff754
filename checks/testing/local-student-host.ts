/**
 * Runs real student programs (the Python fixtures) as child processes on this machine,
 * behind the fake grader: the peer's whole path, minus Docker. Port discovery then needs
 * the child's socket inodes, because other programs on the host listen too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { socketInodesOf } from '../lib/port-discovery/index.js';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from './fake-grader.js';

export interface LocalStudentHostOptions {
  /** The submission folder. */
  dir: string;
  /** argv to run, `{entry}` replaced. @defaultValue ['python3', '{entry}'] */
  command?: string[];
  entry: string;
  /** Cap of captured stdout and stderr, each. @defaultValue 64 KiB */
  outputBytes?: number;
}

export class LocalStudentHost {
  readonly #options: LocalStudentHostOptions;
  #current: ChildProcess | null = null;
  readonly #children = new Set<ChildProcess>();

  constructor(options: LocalStudentHostOptions) {
    this.#options = options;
  }

  /** For `discovery.inodes`: the sockets of the program started last. */
  readonly inodes = async (): Promise<ReadonlySet<number> | null> => {
    const pid = this.#current?.pid;
    return pid ? socketInodesOf(pid) : new Set<number>();
  };

  readonly start = (request: StartStudentRequest): FakeStudent => {
    const command = (this.#options.command ?? ['python3', '{entry}']).map((part) => part.replace('{entry}', this.#options.entry));
    const [file, ...args] = command as [string, ...string[]];
    const startedAt = Date.now();
    const child = spawn(file, [...args, ...request.args], {
      cwd: this.#options.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', LANG: 'C.UTF-8', ...request.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#current = child;
    this.#children.add(child);
    const cap = this.#options.outputBytes ?? 64 * 1024;
    const out = capture(child.stdout, cap);
    const err = capture(child.stderr, cap);
    child.stdin?.on('error', () => {});
    child.stdin?.end(request.stdin ?? '');
    let timedOut = false;
    let stopped = false;
    const timer = request.timeoutMs !== undefined ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), request.timeoutMs) : null;
    const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
      child.on('error', (error) => resolve({ exitCode: null, startError: error.message }));
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        this.#children.delete(child);
        resolve({
          exitCode: code ?? (signal === 'SIGKILL' ? 137 : signal === 'SIGTERM' ? 143 : null),
          timedOut,
          stopped,
          stdout: out.text(),
          stderr: err.text(),
          stdoutTruncated: out.truncated(),
          stderrTruncated: err.truncated(),
          durationMs: Date.now() - startedAt,
        });
      });
    });
    return {
      exited,
      stop: () => {
        stopped = true;
        child.kill('SIGKILL');
      },
    };
  };

  killAll(): void {
    for (const child of this.#children) child.kill('SIGKILL');
  }
}

function capture(stream: NodeJS.ReadableStream | null, cap: number): { text(): string; truncated(): boolean } {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  stream?.on('data', (chunk: Buffer) => {
    if (size >= cap) return void (truncated = true);
    const part = chunk.subarray(0, cap - size);
    chunks.push(part);
    size += part.length;
    if (part.length < chunk.length) truncated = true;
  });
  return { text: () => Buffer.concat(chunks).toString('utf8'), truncated: () => truncated };
}
