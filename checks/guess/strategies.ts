/**
 * How our reference client picks its guesses. Deterministic on purpose: the same server
 * gets the same games in every run, so a fixture's score does not depend on luck.
 */
import { midpoint } from './guess-game.js';
import type { GameState, Strategy } from './play-game.js';

/** A guess chosen from the game so far, or null to skip this probe. */
export type Probe = (state: GameState) => number | null;

export function binarySearch(bias: 'low' | 'high' = 'low'): Strategy {
  return (state) => midpoint(state.candidates, bias);
}

/** The probes in order (skipping those that return null), then `then` for the rest of the game. */
export function scripted(probes: readonly Probe[], then: Strategy): Strategy {
  let next = 0;
  return (state) => {
    while (next < probes.length) {
      const guess = (probes[next++] as Probe)(state);
      if (guess !== null) return guess;
    }
    return then(state);
  };
}

const at = (share: number): Probe => ({ range }) => range.min + Math.round(share * (range.max - range.min));

/** A number the answers so far already ruled out, above (`-` expected) or below (`+`). */
const excluded = (side: 'above' | 'below'): Probe => ({ range, candidates }) => {
  if (side === 'above') return candidates.hi < range.max ? candidates.hi + Math.ceil((range.max - candidates.hi) / 2) : null;
  return candidates.lo > range.min ? candidates.lo - Math.ceil((candidates.lo - range.min) / 2) : null;
};

/**
 * A careless player: both ends of the range, far-off numbers, numbers the answers already
 * ruled out; then binary search to finish.
 */
export function poorGuesses(): Strategy {
  return scripted([at(1), at(0), at(0.9), excluded('above'), at(0.1), excluded('below')], binarySearch('high'));
}

/**
 * Just outside the range on both sides (a truthful server answers `+` below, `-` above), the
 * middle twice in a row, the number above the range again; then binary search. `first`
 * moves the repeated guess, for a second game when the middle was the secret.
 */
export function repeatsAndOutOfRange(first: 'middle' | 'quarter' = 'middle'): Strategy {
  const repeated: Probe = first === 'middle' ? at(0.5) : at(0.25);
  return scripted([({ range }) => range.min - 1, ({ range }) => range.max + 1, repeated, repeated, ({ range }) => range.max + 1], binarySearch('low'));
}
