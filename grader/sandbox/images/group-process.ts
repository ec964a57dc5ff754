import { spawn, type ChildProcess } from 'node:child_process';

export interface GroupProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GroupProcess {
  child: ChildProcess;
  /** Settles when the process has exited; rejects only when it could not be started (`ENOENT`). */
  exited: Promise<GroupProcessResult>;
}

export interface SpawnGroupOptions {
  signal?: AbortSignal | undefined;
  stdout?: 'pipe' | 'ignore';
  /** Time between SIGTERM and SIGKILL on abort. @defaultValue 5000 */
  killGraceMs?: number;
}

/**
 * Starts a command in its own process group, so that an abort reaches everything it
 * started (debootstrap runs wget, dpkg and chroot; killing the script alone would leave
 * them writing into a folder we are about to delete). On abort: SIGTERM to the group,
 * SIGKILL after the grace time, and SIGKILL again once the leader is gone to catch
 * stragglers. The caller decides what an abort means (`signal.reason`).
 */
export function spawnGroup(command: string, args: readonly string[], opts: SpawnGroupOptions = {}): GroupProcess {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'] });
  const killGroup = (sig: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // ESRCH: the group is already gone.
    }
  };
  let forceTimer: NodeJS.Timeout | undefined;
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    killGroup('SIGTERM');
    forceTimer = setTimeout(() => killGroup('SIGKILL'), opts.killGraceMs ?? 5000);
    forceTimer.unref();
  };
  const cleanup = () => {
    opts.signal?.removeEventListener('abort', onAbort);
    if (forceTimer) clearTimeout(forceTimer);
  };
  const exited = new Promise<GroupProcessResult>((resolve, reject) => {
    child.once('error', (error) => {
      cleanup();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      cleanup();
      if (aborted) killGroup('SIGKILL');
      resolve({ code, signal });
    });
  });
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  return { child, exited };
}

/** Keeps the last `max` lines of a stream of text, for error messages. */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly max = 30) {}

  /** Adds a chunk; returns the complete lines it finished. */
  push(chunk: string | Buffer): string[] {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    const done = parts.map((l) => l.replace(/\r$/, ''));
    for (const line of done) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
    return done;
  }

  toString(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-this.max).join('\n');
  }
}
