import { describe, expect, it } from 'vitest';
import {
  analyzeGame,
  answerFor,
  applyMove,
  binarySearchBound,
  candidatesText,
  countOf,
  type GuessRange,
  isEmpty,
  midpoint,
  type Meaning,
  type Move,
  startCandidates,
  swapMeaning,
} from './guess-game.js';

const RANGE: GuessRange = { min: 1, max: 100 };
const m = (guess: number, answer: '-' | '+' | '='): Move => ({ guess, meaning: ({ '-': 'smaller', '+': 'larger', '=': 'correct' } as const)[answer] });

/** Plays a whole game by binary search against a truthful secret. */
function binaryGame(range: GuessRange, secret: number, bias: 'low' | 'high' = 'low'): Move[] {
  const moves: Move[] = [];
  let candidates = startCandidates(range);
  for (let i = 0; i < 64; i += 1) {
    const guess = midpoint(candidates, bias);
    const move = { guess, meaning: answerFor(secret, guess) };
    moves.push(move);
    candidates = applyMove(candidates, move, moves.length - 1);
    if (move.meaning === 'correct') return moves;
  }
  throw new Error('binary search did not finish');
}

describe('applyMove', () => {
  it('narrows from above on `-`, from below on `+`, to one number on `=`', () => {
    const start = startCandidates(RANGE);
    expect(applyMove(start, m(50, '-'), 0)).toEqual({ lo: 1, hi: 49, loBy: null, hiBy: 0 });
    expect(applyMove(start, m(50, '+'), 0)).toEqual({ lo: 51, hi: 100, loBy: 0, hiBy: null });
    expect(applyMove(start, m(50, '='), 3)).toEqual({ lo: 50, hi: 50, loBy: 3, hiBy: 3 });
  });

  it('keeps the tighter bound and who set it when an answer tells nothing new', () => {
    const narrowed = applyMove(startCandidates(RANGE), m(40, '-'), 0);
    expect(applyMove(narrowed, m(60, '-'), 1)).toBe(narrowed);
    expect(applyMove(narrowed, m(0, '+'), 1)).toBe(narrowed);
  });

  it('empties the interval on the side an impossible `=` breaks', () => {
    const narrowed = applyMove(applyMove(startCandidates(RANGE), m(30, '+'), 0), m(60, '-'), 1);
    const below = applyMove(narrowed, m(20, '='), 2);
    expect(isEmpty(below)).toBe(true);
    expect(below).toMatchObject({ hi: 20, hiBy: 2, loBy: 0 });
    const above = applyMove(narrowed, m(70, '='), 2);
    expect(above).toMatchObject({ lo: 70, loBy: 2, hiBy: 1 });
  });
});

describe('analyzeGame', () => {
  it.each([1, 2, 37, 50, 51, 99, 100])('accepts a truthful binary-search game for secret %i', (secret) => {
    for (const bias of ['low', 'high'] as const) {
      const analysis = analyzeGame(RANGE, binaryGame(RANGE, secret, bias));
      expect(analysis).toMatchObject({ won: true, contradiction: null, swappedFits: false });
      expect(analysis.candidates).toMatchObject({ lo: secret, hi: secret });
    }
  });

  it('is not won while `=` has not come, and an empty game fits everything', () => {
    expect(analyzeGame(RANGE, [])).toMatchObject({ won: false, contradiction: null, candidates: { lo: 1, hi: 100 } });
    expect(analyzeGame(RANGE, [m(50, '-'), m(25, '+')])).toMatchObject({ won: false, contradiction: null, candidates: { lo: 26, hi: 49 } });
  });

  it('names the two answers that clash', () => {
    const analysis = analyzeGame(RANGE, [m(50, '-'), m(20, '+'), m(30, '+'), m(40, '-'), m(10, '-')]);
    // 10 `-` (below 10) clashes with 30 `+` (above 30), the answer that set the lower bound.
    expect(analysis.contradiction).toEqual({ index: 4, other: 2, sameGuess: false });
    expect(analysis.won).toBe(false);
  });

  it('names the range when an answer puts the secret outside it', () => {
    expect(analyzeGame(RANGE, [m(0, '-')]).contradiction).toEqual({ index: 0, other: null, sameGuess: false });
    expect(analyzeGame(RANGE, [m(101, '+')]).contradiction).toEqual({ index: 0, other: null, sameGuess: false });
    expect(analyzeGame(RANGE, [m(101, '=')]).contradiction).toEqual({ index: 0, other: null, sameGuess: false });
    expect(analyzeGame(RANGE, [m(1, '-')]).contradiction).toEqual({ index: 0, other: null, sameGuess: false });
  });

  it('accepts the answers a truthful server gives outside the range', () => {
    expect(analyzeGame(RANGE, [m(0, '+'), m(101, '-'), m(-50, '+'), m(1000, '-')]).contradiction).toBeNull();
  });

  it('spots a changed answer to a repeated guess', () => {
    expect(analyzeGame(RANGE, [m(50, '-'), m(50, '+')]).contradiction).toEqual({ index: 1, other: 0, sameGuess: true });
    expect(analyzeGame(RANGE, [m(50, '-'), m(50, '=')]).contradiction).toEqual({ index: 1, other: 0, sameGuess: true });
    expect(analyzeGame(RANGE, [m(50, '-'), m(50, '-')]).contradiction).toBeNull();
  });

  it('spots an `=` that earlier answers ruled out', () => {
    expect(analyzeGame(RANGE, [m(50, '-'), m(25, '+'), m(60, '=')]).contradiction).toEqual({ index: 2, other: 0, sameGuess: false });
    expect(analyzeGame(RANGE, [m(50, '-'), m(25, '+'), m(10, '=')]).contradiction).toEqual({ index: 2, other: 1, sameGuess: false });
  });

  it('stops at the first contradiction', () => {
    const analysis = analyzeGame(RANGE, [m(50, '-'), m(60, '+'), m(10, '-')]);
    expect(analysis.contradiction?.index).toBe(1);
  });

  it('treats answers after `=` like any other: they must fit the secret', () => {
    expect(analyzeGame(RANGE, [m(50, '='), m(50, '=')])).toMatchObject({ won: true, contradiction: null });
    expect(analyzeGame(RANGE, [m(50, '='), m(40, '+')]).contradiction).toBeNull();
    expect(analyzeGame(RANGE, [m(50, '='), m(40, '-')]).contradiction).toEqual({ index: 1, other: 0, sameGuess: false });
  });

  it('recognizes swapped `+` and `-`', () => {
    const swapped = binaryGame(RANGE, 37).map(swapMeaning);
    // The swapped server's game, as our client would have played it, goes astray at once:
    // 50 `+` (really: smaller), 75 `+`, … until no number is left.
    const astray: Move[] = [m(50, '+'), m(75, '+'), m(88, '+'), m(94, '+'), m(97, '+'), m(99, '+'), m(100, '+')];
    expect(analyzeGame(RANGE, astray)).toMatchObject({ contradiction: { index: 6, other: null }, swappedFits: true });
    // A truthful game with the symbols swapped back fits again.
    expect(analyzeGame(RANGE, swapped)).toMatchObject({ contradiction: { index: 1, other: 0 }, swappedFits: true });
    expect(analyzeGame(RANGE, [m(50, '-'), m(60, '+')]).swappedFits).toBe(true);
  });

  it('does not blame swapping when the answers fit neither way', () => {
    expect(analyzeGame(RANGE, [m(50, '-'), m(50, '+')]).swappedFits).toBe(false);
  });

  it('handles a range of one number and ranges not starting at 1', () => {
    expect(analyzeGame({ min: 7, max: 7 }, [m(7, '=')]).won).toBe(true);
    expect(analyzeGame({ min: 7, max: 7 }, [m(7, '+')]).contradiction).toEqual({ index: 0, other: null, sameGuess: false });
    const range = { min: -20, max: 20 };
    expect(analyzeGame(range, binaryGame(range, -13)).won).toBe(true);
  });
});

describe('binarySearchBound', () => {
  it('is ⌈log2(range)⌉ + 1', () => {
    expect(binarySearchBound(RANGE)).toBe(8);
    expect(binarySearchBound({ min: 1, max: 10 })).toBe(5);
    expect(binarySearchBound({ min: 1, max: 1000 })).toBe(11);
    expect(binarySearchBound({ min: 1, max: 128 })).toBe(8);
    expect(binarySearchBound({ min: 5, max: 5 })).toBe(1);
  });

  it.each([
    [1, 100],
    [1, 10],
    [1, 128],
    [0, 1000],
    [3, 3],
  ])('bounds every binary-search game on %i..%i, both ways of rounding', (min, max) => {
    const range = { min, max };
    const bound = binarySearchBound(range);
    for (let secret = min; secret <= max; secret += 1) {
      for (const bias of ['low', 'high'] as const) expect(binaryGame(range, secret, bias).length).toBeLessThanOrEqual(bound);
    }
  });
});

describe('helpers', () => {
  it('answers truthfully', () => {
    const answers: Meaning[] = [answerFor(37, 50), answerFor(37, 20), answerFor(37, 37)];
    expect(answers).toEqual(['smaller', 'larger', 'correct']);
  });

  it('rounds the midpoint both ways', () => {
    expect(midpoint({ lo: 1, hi: 100, loBy: null, hiBy: null })).toBe(50);
    expect(midpoint({ lo: 1, hi: 100, loBy: null, hiBy: null }, 'high')).toBe(51);
    expect(midpoint({ lo: -3, hi: 0, loBy: null, hiBy: null })).toBe(-2);
  });

  it('describes candidates', () => {
    expect(candidatesText({ lo: 1, hi: 49, loBy: null, hiBy: 0 })).toBe('1–49');
    expect(candidatesText({ lo: 37, hi: 37, loBy: 1, hiBy: 1 })).toBe('only 37');
    expect(candidatesText({ lo: 51, hi: 49, loBy: 1, hiBy: 0 })).toBe('no number at all');
    expect(countOf({ lo: 51, hi: 49, loBy: 1, hiBy: 0 })).toBe(0);
    expect(countOf(startCandidates(RANGE))).toBe(100);
  });
});
