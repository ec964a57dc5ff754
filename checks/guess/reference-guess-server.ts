/**
 * Our guessing server for grading a student's client: it knows the secret, answers every
 * guess truthfully with the course's bare `-`/`+`/`=`, closes the connection after `=`,
 * and records every message (including those a client sends after the game is over).
 */
import net from 'node:net';
import { closeTcpServer } from '../lib/close-tcp-server.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import { answerFor, type GuessRange, type Meaning } from './guess-game.js';
import type { AnswerWords } from './guess-params.js';

export interface ReferenceGuessServerOptions {
  transcript: TranscriptRecorder;
  /** @defaultValue 0 (the kernel picks) */
  port?: number;
  secret: number;
  range: GuessRange;
  answers: AnswerWords;
  /** Appended to every answer. @defaultValue '' (bare, as in the course) */
  answerEnding?: string;
  /**
   * A guess without a line break counts as complete once nothing more arrived for this
   * long: the course sends bare `str(versuch)`, one per `send()`. @defaultValue 20
   */
  settleMs?: number;
  /** After this many guesses in a game we close the connection. @defaultValue 200 */
  maxGuesses?: number;
  /** @defaultValue 8 */
  maxConnections?: number;
}

/** One message the client sent. */
export interface ReceivedGuess {
  conn: string;
  /** The message without surrounding whitespace (as text; invalid UTF-8 replaced). */
  text: string;
  /** The number, or null when the message is not a whole number. */
  value: number | null;
  /** Our answer, or null when we did not answer (not a number, or the game was over). */
  answer: Meaning | null;
  /** It came after the game was already won. */
  afterEnd: boolean;
}

export interface GuessServerConnection {
  label: string;
  closedByClient: boolean;
  errorCode: string | null;
}

const MAX_MESSAGE = 1024;
/** A flooding client must not fill our memory: messages past this are counted, not kept. */
const MAX_RECORDED = 1000;
const MAX_BYTES_PER_CONNECTION = 1024 * 1024;

export class ReferenceGuessServer {
  readonly guesses: ReceivedGuess[] = [];
  readonly connections: GuessServerConnection[] = [];
  won = false;
  readonly #server: net.Server;
  readonly #options: ReferenceGuessServerOptions;
  readonly #sockets = new Set<net.Socket>();
  #closing: Promise<void> | null = null;

  private constructor(server: net.Server, options: ReferenceGuessServerOptions) {
    this.#server = server;
    this.#options = options;
  }

  static async start(options: ReferenceGuessServerOptions): Promise<ReferenceGuessServer> {
    const server = net.createServer({ allowHalfOpen: true });
    const reference = new ReferenceGuessServer(server, options);
    server.on('connection', (socket) => reference.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return reference;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Stops accepting, ends open connections, destroys them after `graceMs`. Idempotent. */
  close(graceMs = 200): Promise<void> {
    this.#closing ??= closeTcpServer(this.#server, this.#sockets, graceMs);
    return this.#closing;
  }

  #accept(socket: net.Socket): void {
    const { transcript } = this.#options;
    const label = `conn ${this.connections.length + 1}`;
    if (this.#sockets.size >= (this.#options.maxConnections ?? 8) || this.#closing) {
      transcript.event(label, 'connection refused: too many connections');
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    const record: GuessServerConnection = { label, closedByClient: false, errorCode: null };
    this.connections.push(record);
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    transcript.event(label, `your program connected (from port ${socket.remotePort ?? '?'})`);
    let buffer = Buffer.alloc(0);
    let settle: NodeJS.Timeout | null = null;
    let ended = false;
    let count = 0;
    const end = (why: string): void => {
      if (ended) return;
      ended = true;
      transcript.event(label, `we closed the connection (${why})`);
      socket.end();
    };
    const handle = (message: Buffer): void => {
      const text = message.toString('utf8').trim();
      if (text === '') return;
      const value = /^[+-]?\d{1,15}$/.test(text) ? Number(text) : null;
      const guess: ReceivedGuess = { conn: label, text: text.slice(0, 200), value, answer: null, afterEnd: this.won };
      if (this.guesses.length < MAX_RECORDED) this.guesses.push(guess);
      if (this.won || ended) return;
      if (value === null) return end('that was not a whole number');
      guess.answer = answerFor(this.#options.secret, value);
      const reply = `${this.#options.answers[guess.answer]}${this.#options.answerEnding ?? ''}`;
      transcript.send(label, reply);
      socket.write(reply);
      count += 1;
      if (guess.answer === 'correct') {
        this.won = true;
        end('the game is over');
      } else if (count >= (this.#options.maxGuesses ?? 200)) {
        end(`${count} guesses are enough`);
      }
    };
    const drain = (): void => {
      for (let newline = buffer.indexOf(0x0a); newline >= 0; newline = buffer.indexOf(0x0a)) {
        const line = buffer.subarray(0, newline);
        buffer = buffer.subarray(newline + 1);
        handle(line);
      }
      if (buffer.toString('utf8').trim() === '') return;
      // Once the game is over nothing is answered, so nothing paces the client: each
      // chunk is a message of its own, or two late guesses would run together.
      if (buffer.length >= MAX_MESSAGE || this.won || ended) {
        const whole = buffer;
        buffer = Buffer.alloc(0);
        return handle(whole);
      }
      // A guess without a line break: complete once the client pauses.
      settle = setTimeout(() => {
        settle = null;
        const whole = buffer;
        buffer = Buffer.alloc(0);
        handle(whole);
      }, this.#options.settleMs ?? 20);
    };
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      transcript.recv(label, chunk);
      received += chunk.length;
      if (received > MAX_BYTES_PER_CONNECTION) {
        transcript.event(label, `we closed the connection (more than ${MAX_BYTES_PER_CONNECTION} bytes)`);
        socket.destroy();
        return;
      }
      if (settle) clearTimeout(settle);
      settle = null;
      buffer = Buffer.concat([buffer, chunk]);
      drain();
    });
    socket.on('end', () => {
      record.closedByClient = true;
      transcript.event(label, 'your program closed the connection');
      if (settle) clearTimeout(settle);
      settle = null;
      if (buffer.length > 0) handle(buffer);
      buffer = Buffer.alloc(0);
      if (!ended) {
        ended = true;
        socket.end();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      record.errorCode = error.code ?? 'ERROR';
      transcript.event(label, error.code === 'ECONNRESET' ? 'connection reset by your program' : `connection error (${record.errorCode})`);
    });
    socket.on('close', () => {
      if (settle) clearTimeout(settle);
      this.#sockets.delete(socket);
    });
  }
}
