/**
 * Replayable randomness from the run's seed: the same seed and label always give the same
 * numbers, so a student (or a teacher) can be shown exactly what a run did and why.
 */
import { createHash } from 'node:crypto';

/** Floats in [0, 1) from SHA-256 over `seed:label:counter`; independent streams per label. */
export function seededRandom(seed: string, label: string): () => number {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > block.length) {
      block = createHash('sha256').update(`${seed}:${label}:${counter}`).digest();
      counter += 1;
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value / 0x1_0000_0000;
  };
}

/** A shuffled copy (Fisher–Yates) driven by `random`. */
export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
