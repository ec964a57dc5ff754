/**
 * The number-guessing game (course appendix: `→ str(versuch)  ← "-" oder "+" oder "="`) as
 * pure logic. A reference client cannot know the server's secret, so it keeps the interval
 * of secrets that still fit every answer: an answer that empties it is a contradiction, and
 * the two answers (or the answer and the range) that clash are what the student is shown.
 */

/** What an answer says about the secret, relative to the guess: `-` smaller, `+` larger, `=` equal. */
export type Meaning = 'smaller' | 'larger' | 'correct';

export interface GuessRange {
  min: number;
  max: number;
}

export interface Move {
  guess: number;
  meaning: Meaning;
}

/**
 * The secrets that still fit: `lo..hi`, empty when `lo > hi`. `loBy`/`hiBy` name the move
 * (by index) that set each bound, null while the bound is the range's own.
 */
export interface Candidates {
  lo: number;
  hi: number;
  loBy: number | null;
  hiBy: number | null;
}

/** Where the answers stopped fitting any secret. */
export interface Contradiction {
  /** The move whose answer left no possible secret. */
  index: number;
  /** The earlier move it clashes with, or null when it clashes with the range itself. */
  other: number | null;
  /** Both moves guessed the same number (the server changed its answer). */
  sameGuess: boolean;
}

export interface GameAnalysis {
  /** Secrets that fit every answer up to the first contradiction. */
  candidates: Candidates;
  contradiction: Contradiction | null;
  /** The last move was answered `=` and fits. */
  won: boolean;
  /** With `+` and `-` swapped every answer would fit (a hint for the feedback). */
  swappedFits: boolean;
}

export function startCandidates(range: GuessRange): Candidates {
  return { lo: range.min, hi: range.max, loBy: null, hiBy: null };
}

export function isEmpty(candidates: Candidates): boolean {
  return candidates.lo > candidates.hi;
}

export function countOf(candidates: Candidates): number {
  return Math.max(0, candidates.hi - candidates.lo + 1);
}

/**
 * Narrows the candidates by one answer. An `=` outside the interval empties it on the side
 * it breaks, so the clashing bound's `…By` still names the other move.
 */
export function applyMove(candidates: Candidates, move: Move, index: number): Candidates {
  const { guess } = move;
  switch (move.meaning) {
    case 'smaller':
      return guess - 1 < candidates.hi ? { ...candidates, hi: guess - 1, hiBy: index } : candidates;
    case 'larger':
      return guess + 1 > candidates.lo ? { ...candidates, lo: guess + 1, loBy: index } : candidates;
    case 'correct':
      if (guess < candidates.lo) return { ...candidates, hi: guess, hiBy: index };
      if (guess > candidates.hi) return { ...candidates, lo: guess, loBy: index };
      return { lo: guess, hi: guess, loBy: index, hiBy: index };
  }
}

/** Replays the answers; stops at the first one that leaves no secret. */
export function analyzeGame(range: GuessRange, moves: readonly Move[]): GameAnalysis {
  const { candidates, contradiction } = replay(range, moves);
  const last = moves[moves.length - 1];
  return {
    candidates,
    contradiction,
    won: contradiction === null && last?.meaning === 'correct',
    swappedFits: contradiction !== null && replay(range, moves.map(swapMeaning)).contradiction === null,
  };
}

function replay(range: GuessRange, moves: readonly Move[]): { candidates: Candidates; contradiction: Contradiction | null } {
  let candidates = startCandidates(range);
  for (const [index, move] of moves.entries()) {
    const next = applyMove(candidates, move, index);
    if (isEmpty(next)) {
      const other = next.loBy === index ? next.hiBy : next.loBy;
      const sameGuess = other !== null && other !== index && moves[other]?.guess === move.guess;
      return { candidates: next, contradiction: { index, other: other === index ? null : other, sameGuess } };
    }
    candidates = next;
  }
  return { candidates, contradiction: null };
}

export function swapMeaning(move: Move): Move {
  if (move.meaning === 'correct') return move;
  return { guess: move.guess, meaning: move.meaning === 'smaller' ? 'larger' : 'smaller' };
}

/** The answer a truthful server gives to `guess` when the secret is `secret`. */
export function answerFor(secret: number, guess: number): Meaning {
  return guess === secret ? 'correct' : secret < guess ? 'smaller' : 'larger';
}

/**
 * Guesses binary search needs at most, plus one to spare: ⌈log2(range)⌉ + 1. A server whose
 * answers fit one secret in the range always lets binary search finish within it.
 */
export function binarySearchBound(range: GuessRange): number {
  const size = Math.max(1, range.max - range.min + 1);
  return Math.ceil(Math.log2(size)) + 1;
}

/** The middle of the candidates; `low` rounds down, `high` up (two different paths through a game). */
export function midpoint(candidates: Candidates, bias: 'low' | 'high' = 'low'): number {
  const sum = candidates.lo + candidates.hi;
  return bias === 'low' ? Math.floor(sum / 2) : Math.ceil(sum / 2);
}

/** What a move's answer says, for a sentence: "the secret is smaller than 50". */
export function meaningText(move: Move): string {
  switch (move.meaning) {
    case 'smaller':
      return `the secret is smaller than ${move.guess}`;
    case 'larger':
      return `the secret is larger than ${move.guess}`;
    case 'correct':
      return `the secret is ${move.guess}`;
  }
}

/** `1–49`, `37`, or `no number at all`. */
export function candidatesText(candidates: Candidates): string {
  if (isEmpty(candidates)) return 'no number at all';
  return candidates.lo === candidates.hi ? `only ${candidates.lo}` : `${candidates.lo}–${candidates.hi}`;
}
