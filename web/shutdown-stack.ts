import { withTimeout } from '../grader/with-timeout.js';

/** One part to stop, with how long it may take before shutdown moves on without it. */
interface Part {
  what: string;
  stop: () => Promise<unknown> | unknown;
  timeoutMs: number;
}

/**
 * What the service started, stopped in reverse: the last started (HTTP) first, the
 * first started (the database) last. Each stop is bounded, so a Redis that vanished
 * cannot hang the shutdown. `run` is idempotent.
 */
export class ShutdownStack {
  private readonly parts: Part[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void) {}

  /** @param timeoutMs @defaultValue 10 s */
  add(what: string, stop: () => Promise<unknown> | unknown, timeoutMs = 10_000): void {
    this.parts.push({ what, stop, timeoutMs });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const part of this.parts.splice(0).reverse()) {
        try {
          await withTimeout(Promise.resolve().then(part.stop), part.timeoutMs, `${part.what} did not stop`);
        } catch (error) {
          this.log(`while stopping the ${part.what}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.running;
  }
}
