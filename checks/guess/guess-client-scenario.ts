/**
 * One run of the student's guessing client against our server: a secret drawn from the
 * run's seed, guesses typed on stdin (unless the client plays on its own), everything the
 * client sent and printed.
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { createHash } from 'node:crypto';
import { readParams } from '../lib/param-schema.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import type { GuessRange } from './guess-game.js';
import { type AnswerWords, GUESS_CLIENT, guessProtocol } from './guess-params.js';
import { ReferenceGuessServer, type ReceivedGuess } from './reference-guess-server.js';

export type ScenarioName = 'main' | 'quick';

export interface GuessScenario {
  name: ScenarioName;
  secret: number;
  range: GuessRange;
  answers: AnswerWords;
  /** The guesses we typed, one per line; empty when the client plays on its own. */
  typed: number[];
  /** How many of them come after the secret (the client must not send those). */
  extraTyped: number;
  autoplay: boolean;
  host: string;
  port: number;
  run: StudentRunResult;
  timeoutMs: number;
  guesses: ReceivedGuess[];
  connections: number;
  /** Every connection ended with the client's close (FIN), none with a reset. */
  closedCleanly: boolean;
  won: boolean;
  transcript: TranscriptEntry[];
}

/** The scenario a test grades (`params.scenario`), run once per peer run and shared by its tests. */
export function guessScenario(ctx: ClientCheckContext): Promise<GuessScenario> {
  const name: ScenarioName = readParams(GUESS_CLIENT, ctx.params).scenario;
  return ctx.shared(`guess-scenario:${name}`, () => runScenario(ctx, name));
}

/** A secret from the run's seed with room for guesses on both sides. */
export function secretFor(seed: string, name: string, range: GuessRange): number {
  const size = range.max - range.min + 1;
  const margin = size >= 10 ? Math.floor(size / 5) : 0;
  const span = size - 2 * margin;
  const hash = createHash('sha256').update(`${seed}:guess:${name}`).digest().readUInt32BE(0);
  return range.min + margin + (hash % span);
}

/**
 * The guesses we type: above and below the secret in turn, closing in, then the secret,
 * then numbers a client must not send any more because the game is over.
 */
export function plannedGuesses(name: ScenarioName, range: GuessRange, secret: number): { typed: number[]; extra: number } {
  const above = (share: number): number => secret + Math.max(1, Math.round(share * (range.max - secret)));
  const below = (share: number): number => secret - Math.max(1, Math.round(share * (secret - range.min)));
  const plan = name === 'main' ? [above(0.7), below(0.6), above(0.2), below(0.15)] : [below(0.5)];
  const used = new Set<number>([secret]);
  const before = plan.filter((guess) => guess >= range.min && guess <= range.max && !used.has(guess) && used.add(guess));
  const extras = [range.min, range.max, Math.floor((range.min + range.max) / 2), range.min + 1, range.max - 1].filter((guess) => !used.has(guess) && used.add(guess));
  const extra = extras.slice(0, name === 'main' ? 2 : 1);
  return { typed: [...before, secret, ...extra], extra: extra.length };
}

async function runScenario(ctx: ClientCheckContext, name: ScenarioName): Promise<GuessScenario> {
  const protocol = guessProtocol(ctx.params);
  const { autoplay, answerEnding } = readParams(GUESS_CLIENT, ctx.params);
  const range = protocol.range;
  const secret = secretFor(ctx.seed, name, range);
  const { typed, extra } = autoplay ? { typed: [], extra: 0 } : plannedGuesses(name, range, secret);
  const transcript = new TranscriptRecorder();
  const server = await ReferenceGuessServer.start({
    transcript,
    ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}),
    secret,
    range,
    answers: protocol.answers,
    answerEnding,
    maxGuesses: Math.max(2 * (range.max - range.min + 1), 20),
  });
  const host = '127.0.0.1';
  const port = server.port;
  const stdin = typed.map((guess) => `${guess}\n`).join('');
  try {
    const run = await runStudentClient(ctx, transcript, { key: `guess:${name}`, host, port, stdin, note: `secret: ${secret}` });
    return {
      name,
      secret,
      range,
      answers: protocol.answers,
      typed,
      extraTyped: extra,
      autoplay,
      host,
      port,
      run,
      timeoutMs: ctx.limits.clientRunMs,
      guesses: [...server.guesses],
      connections: server.connections.length,
      closedCleanly: server.connections.length > 0 && server.connections.every((c) => c.closedByClient && !c.errorCode),
      won: server.won,
      transcript: transcript.entries(),
    };
  } finally {
    await server.close();
  }
}

