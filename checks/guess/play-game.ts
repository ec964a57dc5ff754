/**
 * One game against the student's guessing server over one connection: send a guess, read
 * the answer, narrow the possible secrets, until `=`, a contradiction, or the server fails.
 */
import { ConnectionLostError } from '../lib/errors.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import { analyzeGame, applyMove, type Candidates, type GameAnalysis, type GuessRange, isEmpty, type Move, startCandidates } from './guess-game.js';
import { answerList, type DifficultyLevel, type GuessProtocol, MEANINGS } from './guess-params.js';
import { readToken, type TokenRead } from './read-token.js';

export interface GameState {
  range: GuessRange;
  candidates: Candidates;
  moves: readonly Move[];
}

/** Picks the next guess. Strategies may keep state: make a fresh one per game. */
export type Strategy = (state: GameState) => number;

export type GameEnd =
  | 'won' // `=` that fits every earlier answer
  | 'contradiction' // an answer that fits no secret in the range
  | 'invalid' // a reply that is none of the answer words
  | 'silent' // no reply within replyMs
  | 'closed' // the server closed the connection instead of answering
  | 'reset'
  | 'lost' // our guess could not even be sent
  | 'too-long' // no `=` after maxGuesses answers
  | 'level-refused' // the difficulty level was not acknowledged
  | 'aborted' // we ended the game with the abort word (extension)
  | 'refused' // nobody accepted our connection
  | 'no-accept'; // the connection did not even open in time (a full backlog)

export interface PlayedGame {
  label: string;
  range: GuessRange;
  level: DifficultyLevel | null;
  /** Every answered guess, in order. */
  moves: Move[];
  /** What we sent last: a guess, the level or the abort word. */
  lastSent: string | null;
  end: GameEnd;
  /** The reply (or part of it) that ended the game badly: a wrong word, a half reply. */
  raw: Buffer;
  /** The guess count sent with `=` (extension `attempts`). */
  reportedCount: number | null;
  /** After the abort word: whether the server closed the connection, and what it sent before. */
  afterAbort?: { closed: boolean; data: Buffer };
  errorCode?: string;
  analysis: GameAnalysis;
}

export interface PlayOptions {
  protocol: GuessProtocol;
  strategy: Strategy;
  level: DifficultyLevel | null;
  /** A safety net; a consistent server lets any of our strategies finish long before. */
  maxGuesses: number;
  /** Send the abort word after this many answered guesses (extension check). */
  abortAfter?: number;
  signal: AbortSignal;
}

export async function playGame(conn: TcpConnection, options: PlayOptions): Promise<PlayedGame> {
  const { protocol, level, signal } = options;
  const range = level?.range ?? protocol.range;
  const game: PlayedGame = {
    label: conn.label,
    range,
    level,
    moves: [],
    lastSent: null,
    end: 'too-long',
    raw: Buffer.alloc(0),
    reportedCount: null,
    analysis: analyzeGame(range, []),
  };
  const readOptions = { replyMs: protocol.replyMs, graceMs: protocol.graceMs, signal };
  if (level) {
    if (!(await send(conn, game, level.name, protocol.ending, signal))) return finish(game);
    const ack = await readToken(conn, [protocol.levelReply], readOptions);
    if (ack.kind !== 'token') return finish(failed(game, ack.kind === 'invalid' ? 'level-refused' : ack.kind, ack));
  }
  let candidates = startCandidates(range);
  while (game.moves.length < options.maxGuesses) {
    if (options.abortAfter !== undefined && game.moves.length >= options.abortAfter) {
      if (!(await send(conn, game, protocol.abortWord, protocol.ending, signal))) return finish(game);
      game.end = 'aborted';
      // The server may say goodbye (or reveal the secret); then it must close.
      const rest = await conn.read({ until: 'close', idleTimeoutMs: protocol.replyMs, maxBytes: 1024, signal });
      game.afterAbort = { closed: rest.end === 'closed' || rest.end === 'reset', data: rest.data };
      return finish(game);
    }
    const guess = options.strategy({ range, candidates, moves: game.moves });
    if (!(await send(conn, game, String(guess), protocol.ending, signal))) return finish(game);
    const reply = await readToken(conn, answerList(protocol.answers), {
      ...readOptions,
      ...(protocol.attempts ? { numberAfter: MEANINGS.indexOf('correct') } : {}),
    });
    if (reply.kind !== 'token') return finish(failed(game, reply.kind, reply));
    const move: Move = { guess, meaning: MEANINGS[reply.word] as Move['meaning'] };
    game.moves.push(move);
    candidates = applyMove(candidates, move, game.moves.length - 1);
    if (isEmpty(candidates)) {
      game.end = 'contradiction';
      return finish(game);
    }
    if (move.meaning === 'correct') {
      game.end = 'won';
      game.reportedCount = reply.number;
      return finish(game);
    }
  }
  game.end = 'too-long';
  return finish(game);
}

async function send(conn: TcpConnection, game: PlayedGame, text: string, ending: string, signal: AbortSignal): Promise<boolean> {
  game.lastSent = text;
  try {
    await conn.write(`${text}${ending}`, { signal });
    return true;
  } catch (error) {
    if (!(error instanceof ConnectionLostError)) throw error;
    game.end = 'lost';
    if (error.errno) game.errorCode = error.errno;
    return false;
  }
}

function failed(game: PlayedGame, end: GameEnd, reply: Exclude<TokenRead, { kind: 'token' }>): PlayedGame {
  game.end = end;
  game.raw = reply.raw;
  if (reply.kind === 'reset' && reply.errorCode) game.errorCode = reply.errorCode;
  return game;
}

function finish(game: PlayedGame): PlayedGame {
  game.analysis = analyzeGame(game.range, game.moves);
  return game;
}
