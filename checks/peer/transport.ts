import type { Readable, Writable } from 'node:stream';
import { encodeMessage, type GraderMessage, type PeerMessage, parseGraderMessage } from './protocol.js';

/** How the peer talks to the grader; injectable so unit tests run a whole peer in-process. */
export interface PeerTransport {
  send(message: PeerMessage): void;
  /** Sets the one handler for messages from the grader. */
  onMessage(handler: (message: GraderMessage) => void): void;
  /** Aborts when the grader went away (its end of the stream closed). */
  readonly closed: AbortSignal;
  /** Resolves once everything sent so far has been handed to the OS. */
  flush(): Promise<void>;
  close(): void;
}

export interface LineTransportOptions {
  /** Diagnostics (stderr); never the protocol stream. */
  log: (line: string) => void;
  /** Longer lines are dropped: a student-exited line carries at most 2 × 64 KiB of output, JSON-escaped. @defaultValue 4 MiB */
  maxLineChars?: number;
}

/** JSON lines over a pair of streams: the peer's stdin (grader → peer) and stdout (peer → grader). */
export class LineTransport implements PeerTransport {
  readonly #input: Readable;
  readonly #output: Writable;
  readonly #log: (line: string) => void;
  readonly #maxLineChars: number;
  readonly #closed = new AbortController();
  #handler: ((message: GraderMessage) => void) | null = null;
  #pending = '';
  #discarding = false;

  constructor(input: Readable, output: Writable, options: LineTransportOptions) {
    this.#input = input;
    this.#output = output;
    this.#log = options.log;
    this.#maxLineChars = options.maxLineChars ?? 4 * 1024 * 1024;
    input.setEncoding('utf8');
    input.on('data', this.#onData);
    input.on('end', this.#onEnd);
    input.on('error', this.#onError);
    output.on('error', this.#onError);
  }

  get closed(): AbortSignal {
    return this.#closed.signal;
  }

  send(message: PeerMessage): void {
    if (this.#output.destroyed || this.#output.writableEnded) return;
    this.#output.write(encodeMessage(stamped(message)));
  }

  onMessage(handler: (message: GraderMessage) => void): void {
    this.#handler = handler;
  }

  flush(): Promise<void> {
    if (this.#output.destroyed || this.#output.writableEnded) return Promise.resolve();
    return new Promise((resolve) => this.#output.write('', () => resolve()));
  }

  close(): void {
    this.#input.off('data', this.#onData);
    this.#input.off('end', this.#onEnd);
    this.#input.pause();
    this.#input.destroy();
  }

  readonly #onData = (chunk: string): void => {
    let text = chunk;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n')) {
      const line = this.#pending + text.slice(0, newline);
      text = text.slice(newline + 1);
      this.#pending = '';
      if (this.#discarding) this.#discarding = false;
      else this.#deliver(line);
    }
    if (this.#discarding) return;
    this.#pending += text;
    if (this.#pending.length > this.#maxLineChars) {
      this.#log(`dropping a grader line longer than ${this.#maxLineChars} characters`);
      this.#pending = '';
      this.#discarding = true;
    }
  };

  readonly #onEnd = (): void => {
    if (this.#pending.trim() !== '') this.#deliver(this.#pending);
    this.#pending = '';
    this.#closed.abort(new Error('the grader closed the peer\'s stdin'));
  };

  readonly #onError = (error: Error): void => {
    this.#log(`transport error: ${error.message}`);
    this.#closed.abort(error);
  };

  #deliver(line: string): void {
    if (line.trim() === '') return;
    const message = parseGraderMessage(line);
    if (!message) {
      this.#log(`ignoring a line from the grader that is not a message: ${line.slice(0, 200)}`);
      return;
    }
    this.#handler?.(message);
  }
}

/**
 * A test's start and result carry the moment they were sent: the grader links the
 * program's output to the test by these, not by when the lines arrive (issue #13:
 * under load, a test's result reached the grader after output of the next test).
 */
function stamped(message: PeerMessage): PeerMessage {
  return message.type === 'test-started' || message.type === 'test-result' ? { ...message, at: Date.now() } : message;
}
