/**
 * Grading a number-guessing server (issue #4). Our client cannot know the secret, so it
 * plays games and checks that every answer fits one secret in the range; the server may
 * pick a new secret for every game (connection) or keep one.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { serverExitNote } from '../lib/server-exit-note.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import { readParams } from '../lib/param-schema.js';
import type { ServerCheck, ServerCheckContext, ServerSuite } from '../suite.js';
import type { TestOutcome } from '../types.js';
import { analyzeGame, binarySearchBound, type GuessRange } from './guess-game.js';
import { type DifficultyLevel, GUESS_GAME, GUESS_SUCCESSIVE_GAMES, type GuessProtocol, guessProtocol } from './guess-params.js';
import { type GameVerdict, judgeGame } from './guess-verdict.js';
import { type PlayedGame, playGame, type Strategy } from './play-game.js';
import { binarySearch, poorGuesses, repeatsAndOutOfRange } from './strategies.js';
import { wireFaultsParam } from '../lib/wire-faults.js';
import { withParams } from '../define-assignment.js';

/** Ends after which the server may have crashed: wait briefly for its exit report. */
const DYING = new Set(['closed', 'reset', 'lost', 'refused']);

interface GameRequest {
  label: string;
  strategy: Strategy;
  /** Extra guesses on top of binary search's bound (poor strategies need more). */
  extraGuesses?: number;
  /** Which level (by position) when the protocol has difficulty levels. */
  levelIndex?: number;
  abortAfter?: number;
}

/** One game by binary search; `=` must come within ⌈log2(range)⌉+1 guesses. */
export const binarySearchGame: ServerCheck = async (ctx) => {
  const protocol = guessProtocol(ctx.params);
  const game = await newGame(ctx, protocol, { label: 'conn 1', strategy: binarySearch('low') });
  const verdict = judgeGame(game, protocol, { bound: binarySearchBound(game.range) });
  // Only when the failure is not explained otherwise (swapped symbols are, in every test).
  const newline = protocol.ending === '\n' && verdict.status !== 'passed' && !game.analysis.swappedFits;
  return outcome(ctx, game, verdict, newline ? newlineHint() : '');
};

/** Careless guesses (ends of the range, numbers already ruled out), then binary search. */
export const poorGuessesGame: ServerCheck = async (ctx) => {
  const protocol = guessProtocol(ctx.params);
  const game = await newGame(ctx, protocol, { label: 'conn 1', strategy: poorGuesses(), extraGuesses: 6 });
  const verdict = judgeGame(game, protocol);
  return outcome(ctx, game, verdict.status === 'passed' ? { ...verdict, feedback: `${verdict.feedback} We also guessed badly on purpose (both ends of the range, numbers your answers had already ruled out).` } : verdict);
};

/**
 * Guesses just outside the range, and the same guess twice: a truthful server answers them
 * like any other guess. If the repeated number happens to be the secret, a second game
 * repeats another one.
 */
export const repeatsAndOutOfRangeGame: ServerCheck = async (ctx) => {
  const protocol = guessProtocol(ctx.params);
  let game = await newGame(ctx, protocol, { label: 'conn 1', strategy: repeatsAndOutOfRange('middle'), extraGuesses: 5 });
  let verdict = judgeGame(game, protocol);
  if (verdict.status === 'passed' && game.moves.length < 4) {
    game = await newGame(ctx, protocol, { label: 'conn 2', strategy: repeatsAndOutOfRange('quarter'), extraGuesses: 5 });
    verdict = judgeGame(game, protocol);
  }
  if (verdict.status !== 'passed') return outcome(ctx, game, verdict);
  const { min, max } = game.range;
  const repeated = game.moves.length >= 4 ? ` and ${game.moves[2]?.guess} twice in a row` : '';
  return outcome(ctx, game, {
    status: 'passed',
    feedback: `We guessed ${min - 1} and ${max + 1} (outside ${min}–${max})${repeated}; every answer fit one secret, and the game ended with \`${protocol.answers.correct}\` after ${game.moves.length} guesses.`,
  });
};

/** Several games, each on its own connection, one after the other (param `games`). */
export const successiveGames: ServerCheck = async (ctx) => {
  const protocol = guessProtocol(ctx.params);
  const count = Math.max(1, Math.floor(readParams(GUESS_SUCCESSIVE_GAMES, ctx.params).games));
  const secrets: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    const game = await newGame(ctx, protocol, { label: `conn ${i}`, strategy: binarySearch(i % 2 === 1 ? 'low' : 'high'), levelIndex: i - 1 });
    const verdict = judgeGame(game, protocol, { bound: binarySearchBound(game.range) });
    if (verdict.status !== 'passed') {
      const earlier = i === 1 ? '' : `\n\nThe ${i === 2 ? 'first game' : `first ${i - 1} games`} worked. After a game, your server must go back to accept() for the next connection and start a new game (a new secret is fine).`;
      return outcome(ctx, game, { ...verdict, feedback: `Game ${i} of ${count} (a new connection): ${verdict.feedback}` }, earlier);
    }
    secrets.push(game.moves[game.moves.length - 1]?.guess as number);
  }
  return {
    status: 'passed',
    feedback: `We played ${count} games one after the other, each on a new connection and by binary search; every answer fit. The secrets were ${secrets.join(', ')}.`,
    transcript: ctx.transcript.entries(),
  };
};

/**
 * Extension "Spiel abbrechen": two guesses, then the abort word; the server must end the
 * game and close the connection, and the next connection gets a working game.
 */
export const abortGame: ServerCheck = async (ctx) => {
  const protocol = guessProtocol(ctx.params);
  const first = await newGame(ctx, protocol, { label: 'conn 1', strategy: binarySearch('low'), abortAfter: 2 });
  if (first.end !== 'aborted') return outcome(ctx, first, judgeGame(first, protocol));
  if (!first.afterAbort?.closed) {
    const said = first.afterAbort && first.afterAbort.data.length > 0 ? ` It sent ${quoteBytes(first.afterAbort.data, 80)}, but your server` : ' Your server';
    return outcome(ctx, first, {
      status: 'failed',
      feedback: `After two guesses we sent \`${protocol.abortWord}\` to end the game.${said} did not close the connection within ${formatDuration(protocol.replyMs)}. On \`${protocol.abortWord}\` end the game: (optionally say goodbye,) close the client's socket and go back to accept().`,
    });
  }
  const second = await newGame(ctx, protocol, { label: 'conn 2', strategy: binarySearch('low') });
  const verdict = judgeGame(second, protocol, { bound: binarySearchBound(second.range) });
  if (verdict.status !== 'passed') return outcome(ctx, second, { ...verdict, feedback: `After the aborted game, a new game on a new connection: ${verdict.feedback}` });
  return outcome(ctx, second, { status: 'passed', feedback: `After two guesses we sent \`${protocol.abortWord}\`; your server ended the game and closed the connection, and the next game worked.` });
};

/** Connects, plays one game with `request.strategy`, closes. Connection failures are games that ended at once. */
export async function newGame(ctx: ServerCheckContext, protocol: GuessProtocol, request: GameRequest): Promise<PlayedGame> {
  const level = levelFor(ctx, protocol, request.levelIndex ?? 0);
  const range: GuessRange = level?.range ?? protocol.range;
  const attempt = await tryConnectTcp({ host: ctx.target.host, port: ctx.target.port, label: request.label, transcript: ctx.transcript, timeoutMs: protocol.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
  if (!attempt.ok) {
    return {
      label: request.label,
      range,
      level,
      moves: [],
      lastSent: null,
      end: attempt.end === 'refused' ? 'refused' : 'no-accept',
      raw: Buffer.alloc(0),
      reportedCount: null,
      ...(attempt.errorCode ? { errorCode: attempt.errorCode } : {}),
      analysis: analyzeGame(range, []),
    };
  }
  const { conn } = attempt;
  try {
    return await playGame(conn, {
      protocol,
      strategy: request.strategy,
      level,
      maxGuesses: binarySearchBound(range) + (request.extraGuesses ?? 0),
      ...(request.abortAfter !== undefined ? { abortAfter: request.abortAfter } : {}),
      signal: ctx.signal,
    });
  } finally {
    await conn.close();
  }
}

/** The test's `level` (by name) if set, else the levels in turn; null without levels. */
function levelFor(ctx: ServerCheckContext, protocol: GuessProtocol, index: number): DifficultyLevel | null {
  const levels = protocol.levels;
  if (!levels) return null;
  const named = readParams(GUESS_GAME, ctx.params).level;
  return levels.find((level) => level.name === named) ?? (levels[index % levels.length] as DifficultyLevel);
}

function newlineHint(): string {
  return '\n\nThis time every guess ended with a line break (`50\\n`), as many clients send it. `int()` ignores the line break, but comparing text does not: convert with `int(text.strip())` before you compare.';
}

async function outcome(ctx: ServerCheckContext, game: PlayedGame, verdict: GameVerdict, hint = ''): Promise<TestOutcome> {
  if (verdict.status === 'passed') return { status: 'passed', feedback: verdict.feedback, transcript: ctx.transcript.entries() };
  const note = await serverExitNote(ctx, { dying: DYING.has(game.end), waitMs: readParams(GUESS_GAME, ctx.params).exitReportMs });
  return { status: verdict.status, feedback: [`${verdict.feedback}${hint}`, note].filter(Boolean).join('\n\n'), transcript: ctx.transcript.entries() };
}

const typed = withParams(GUESS_GAME);

export const guessServerSuite = {
  id: 'guess-server',
  role: 'server',
  transport: 'tcp',
  checks: {
    'binary-search': typed(binarySearchGame),
    'poor-guesses': typed(poorGuessesGame),
    'repeats-and-out-of-range': typed(repeatsAndOutOfRangeGame),
    'successive-games': withParams(GUESS_SUCCESSIVE_GAMES)(successiveGames),
    abort: typed(abortGame),
  },
} satisfies ServerSuite;
