import type { RandomSpec } from './script.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A random value for a script's variable, from the run's seeded generator: the same run
 * seed gives the same values (a report can be replayed), another seed other values (a
 * student cannot memorise answers).
 */
export function randomValue(spec: RandomSpec, random: () => number): string {
  if ('int' in spec) {
    const [min, max] = spec.int;
    return String(min + Math.floor(random() * (max - min + 1)));
  }
  if ('word' in spec) return Array.from({ length: spec.word }, () => LETTERS[Math.floor(random() * LETTERS.length)]).join('');
  return spec.choice[Math.floor(random() * spec.choice.length)] ?? '';
}
