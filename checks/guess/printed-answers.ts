/**
 * Reading a guessing client's printout: which answer each line shows. A client may print
 * the symbol itself (`-`) or what it means ("Die gesuchte Zahl ist kleiner", "zu groß",
 * "too high"); both count. What it must not do is print the opposite meaning.
 */
import type { Meaning } from './guess-game.js';
import type { AnswerWords } from './guess-params.js';

/** Phrases by meaning for the secret: "zu groß" (the guess) means the secret is smaller. */
const PHRASES: Readonly<Record<Meaning, readonly string[]>> = {
  smaller: ['zu groß', 'zu gross', 'zu hoch', 'too big', 'too high', 'too large', 'kleiner', 'smaller', 'lower', 'niedriger', 'less'],
  larger: ['zu klein', 'zu niedrig', 'too small', 'too low', 'größer', 'grösser', 'groesser', 'larger', 'bigger', 'higher', 'greater', 'höher', 'hoeher'],
  correct: ['richtig', 'gleich', 'korrekt', 'correct', 'erraten', 'gewonnen', 'geschafft', 'gefunden', 'treffer', 'right', 'found', 'won', 'bingo'],
};

const LETTER_BEFORE = '(?<!\\p{L})';
const LETTER_AFTER = '(?!\\p{L})';
// A symbol stands alone: `-` in "Antwort: -" or `"-"`, but not in "1-100", "-5" or "->".
const SYMBOL_BEFORE = '(?<=^|[\\s:\'"„“‚‘(\\[])';
const SYMBOL_AFTER = '(?=$|[\\s\'"“”‘’)\\].,!;])';

// Not `-`: escaping it is an error with the `u` flag outside a character class.
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function patternsFor(answers: AnswerWords): Array<[Meaning, RegExp]> {
  return (Object.keys(PHRASES) as Meaning[]).flatMap((meaning): Array<[Meaning, RegExp]> => {
    const phrases = PHRASES[meaning].map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s+')).join('|');
    const symbol = escapeRegExp(answers[meaning]);
    return [
      [meaning, new RegExp(`${LETTER_BEFORE}(?:${phrases})${LETTER_AFTER}`, 'iu')],
      [meaning, new RegExp(`${SYMBOL_BEFORE}${symbol}${SYMBOL_AFTER}`, 'u')],
    ];
  });
}

/** The answer a line shows: the match that starts first (the longer one on a tie), or null. */
export function classifyLine(line: string, answers: AnswerWords): Meaning | null {
  let best: { meaning: Meaning; index: number; length: number } | null = null;
  for (const [meaning, pattern] of patternsFor(answers)) {
    const match = pattern.exec(line);
    if (!match) continue;
    if (!best || match.index < best.index || (match.index === best.index && match[0].length > best.length)) {
      best = { meaning, index: match.index, length: match[0].length };
    }
  }
  return best?.meaning ?? null;
}

export interface PrintedLine {
  /** 0-based line number in stdout. */
  line: number;
  text: string;
  meaning: Meaning;
}

/** Every stdout line that shows an answer, in order. */
export function printedAnswers(stdout: string, answers: AnswerWords): PrintedLine[] {
  return stdout.split(/\r?\n/).flatMap((text, line) => {
    const meaning = classifyLine(text, answers);
    return meaning ? [{ line, text, meaning }] : [];
  });
}

/** Runs of the same meaning become one: a client may print the symbol and a sentence for one answer. */
export function collapseRuns<T>(items: readonly T[], key: (item: T) => unknown = (item) => item): T[] {
  return items.filter((item, index) => index === 0 || key(items[index - 1] as T) !== key(item));
}

export type PrintComparison =
  | { kind: 'match' }
  | { kind: 'missing'; index: number }
  | { kind: 'opposite'; index: number; printed: PrintedLine }
  | { kind: 'other'; index: number; printed: PrintedLine };

/**
 * Walks the answers we sent and the lines that show an answer side by side. A client may
 * show one answer twice (the symbol, then a sentence): a line repeating the previous
 * answer is skipped when the next line of another meaning shows the answer we expect.
 * Lines after the last answer (the result) are not judged here.
 */
export function comparePrinted(sent: readonly Meaning[], printed: readonly PrintedLine[]): PrintComparison {
  let at = 0;
  for (const [index, meaning] of sent.entries()) {
    for (;;) {
      const line = printed[at];
      if (!line) return { kind: 'missing', index };
      if (line.meaning === meaning) break;
      const previous = sent[index - 1];
      if (previous !== undefined && line.meaning === previous && nextOtherMeaning(printed, at) === meaning) {
        at += 1;
        continue;
      }
      const opposite = (meaning === 'smaller' && line.meaning === 'larger') || (meaning === 'larger' && line.meaning === 'smaller');
      return { kind: opposite ? 'opposite' : 'other', index, printed: line };
    }
    at += 1;
  }
  return { kind: 'match' };
}

function nextOtherMeaning(printed: readonly PrintedLine[], from: number): Meaning | null {
  const meaning = printed[from]?.meaning;
  return printed.slice(from + 1).find((line) => line.meaning !== meaning)?.meaning ?? null;
}

/** The number stands alone in the text: `37` in "war 37." but not in "137" or "3.7". */
export function mentionsNumber(text: string, value: number): boolean {
  return new RegExp(`(?<![\\d.,])${value < 0 ? '-' : ''}${Math.abs(value)}(?![\\d]|[.,]\\d)`).test(text);
}
