import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ASSIGNMENT = 'echo-tcp-server';

export type Kind = 'correct' | 'wrong' | 'hanging';

/**
 * A class at the deadline: most hand in a working server, some a wrong one, a few one
 * that accepts and never answers (every test waits its full reply timeout).
 */
export const MIX: readonly { kind: Kind; fixture: string; share: number }[] = [
  { kind: 'correct', fixture: 'correct', share: 0.7 },
  { kind: 'wrong', fixture: 'lowercase', share: 0.2 },
  { kind: 'hanging', fixture: 'never-answers', share: 0.1 },
];

/** One kind of submission: its fixture folder, its files as the API takes them, its exact score. */
export interface SubmissionCase {
  kind: Kind;
  fixture: string;
  dir: string;
  /** File name → base64, the JSON upload's shape. */
  files: Record<string, string>;
  expectedScore: number;
  maxScore: number;
}

/** The mix's fixtures with the scores `expected.json` pins (the same file the integration tests check). */
export async function loadCases(fixturesDir: string): Promise<SubmissionCase[]> {
  const expected = JSON.parse(await readFile(join(fixturesDir, 'expected.json'), 'utf8')) as Record<string, { score: number; maxScore: number }>;
  return Promise.all(
    MIX.map(async ({ kind, fixture }) => {
      const want = expected[`${ASSIGNMENT}/${fixture}`];
      if (!want) throw new Error(`${fixturesDir}/expected.json has no entry for ${ASSIGNMENT}/${fixture}`);
      const dir = join(fixturesDir, ASSIGNMENT, fixture);
      const files: Record<string, string> = {};
      for (const name of await readdir(dir)) files[name] = (await readFile(join(dir, name))).toString('base64');
      return { kind, fixture, dir, files, expectedScore: want.score, maxScore: want.maxScore };
    }),
  );
}

/**
 * How many of each kind in `count` submissions: the shares, rounded by largest remainder
 * so they add up. `everyKind` gives each kind at least one when there is room (a sample
 * without a hanging submission would know nothing of how long one takes).
 */
export function apportion(count: number, opts: { everyKind?: boolean } = {}): number[] {
  const exact = MIX.map(({ share }) => share * count);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < count; k++) counts[byRemainder[k % byRemainder.length]!.i]!++;
  if (opts.everyKind && count >= MIX.length) {
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] !== 0) continue;
      counts[counts.indexOf(Math.max(...counts))]!--;
      counts[i] = 1;
    }
  }
  return counts;
}

/** `count` submissions in the mix's proportions, in a shuffled order that is the same for the same seed. */
export function mixedSequence(cases: SubmissionCase[], count: number, seed: number, opts: { everyKind?: boolean } = {}): SubmissionCase[] {
  const sequence = apportion(count, opts).flatMap((n, i) => Array.from({ length: n }, () => cases[i]!));
  const random = mulberry32(seed);
  for (let i = sequence.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sequence[i], sequence[j]] = [sequence[j]!, sequence[i]!];
  }
  return sequence;
}

/** "14 correct, 4 wrong, 2 hanging" */
export function describeCounts(sequence: SubmissionCase[]): string {
  return MIX.map(({ kind }) => `${sequence.filter((c) => c.kind === kind).length} ${kind}`).join(', ');
}

/** A small seeded PRNG: the order must be reproducible, not unpredictable. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
