/**
 * The guessing protocol as a teacher configures it (assignment or test `params`, JSON).
 * Defaults are the course appendix: bare `str(versuch)` guesses, bare `-`/`+`/`=` answers,
 * numbers 1..100, no extensions.
 */
import { booleanParam, numberParam, stringParam } from '../lib/params.js';
import type { GuessRange, Meaning } from './guess-game.js';

/** The answer words; the course's are `-` (smaller), `+` (larger), `=` (correct). */
export type AnswerWords = Readonly<Record<Meaning, string>>;

export const COURSE_ANSWERS: AnswerWords = { smaller: '-', larger: '+', correct: '=' };

/** Order of the words handed to the token scanner; index → meaning. */
export const MEANINGS: readonly Meaning[] = ['smaller', 'larger', 'correct'];

export interface DifficultyLevel {
  /** What the client sends to choose it, e.g. `1` or `leicht`. */
  name: string;
  range: GuessRange;
}

export interface GuessProtocol {
  /** @defaultValue 1..100 (params `min`, `max`) */
  range: GuessRange;
  /** @defaultValue {@link COURSE_ANSWERS} (param `answers`) */
  answers: AnswerWords;
  /** Appended to every message the client sends (param `guessEnding`). @defaultValue '' (bare, as in the course) */
  ending: string;
  /**
   * Extension "Rateversuche mitzählen und mitteilen" (param `attempts`): the `=` answer is
   * followed by the number of guesses of this game, e.g. `= 7`. @defaultValue false
   */
  attempts: boolean;
  /**
   * Extension "Schwierigkeitsgrad auswählen" (param `levels`, e.g. `{"1": [1, 10], "2": [1, 100]}`):
   * every game starts with the client sending a level name, answered by `levelReply`. @defaultValue none
   */
  levels: DifficultyLevel[] | null;
  /** @defaultValue 'OK' */
  levelReply: string;
  /** Extension "Spiel abbrechen" (param `abortWord`): the client sends it to end a game. @defaultValue 'ABBRUCH' */
  abortWord: string;
  /** Silence after which we stop waiting for an answer. @defaultValue 2000 */
  replyMs: number;
  /** After a complete word, how long we wait for more of it (a longer word, the count's digits). @defaultValue 150 */
  graceMs: number;
}

export function guessProtocol(params: Record<string, unknown>): GuessProtocol {
  const min = Math.floor(numberOrNegative(params.min, 1));
  const max = Math.floor(numberOrNegative(params.max, 100));
  return {
    range: max >= min ? { min, max } : { min: 1, max: 100 },
    answers: answerWords(params.answers),
    ending: stringParam(params, 'guessEnding', ''),
    attempts: booleanParam(params, 'attempts', false),
    levels: levelsParam(params.levels),
    levelReply: stringParam(params, 'levelReply', 'OK'),
    abortWord: stringParam(params, 'abortWord', 'ABBRUCH'),
    replyMs: numberParam(params, 'replyMs', 2000),
    graceMs: numberParam(params, 'graceMs', 150),
  };
}

/** The words in scanner order ({@link MEANINGS}). */
export function answerList(answers: AnswerWords): string[] {
  return MEANINGS.map((meaning) => answers[meaning]);
}

/** `` `-`, `+` or `=` ``. */
export function answerChoices(answers: AnswerWords): string {
  return `\`${answers.smaller}\`, \`${answers.larger}\` or \`${answers.correct}\``;
}

function numberOrNegative(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function answerWords(value: unknown): AnswerWords {
  if (!value || typeof value !== 'object') return COURSE_ANSWERS;
  const given = value as Record<string, unknown>;
  const pick = (meaning: Meaning): string => {
    const word = given[meaning];
    return typeof word === 'string' && word.trim() !== '' ? word : COURSE_ANSWERS[meaning];
  };
  const words = { smaller: pick('smaller'), larger: pick('larger'), correct: pick('correct') };
  // Three different words, or the answers could not be told apart.
  return new Set(Object.values(words)).size === 3 ? words : COURSE_ANSWERS;
}

/** `{"1": [1, 10]}` or `{"leicht": {"min": 1, "max": 10}}`; anything unusable is dropped. */
function levelsParam(value: unknown): DifficultyLevel[] | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const levels: DifficultyLevel[] = [];
  for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
    const pair = Array.isArray(spec) ? spec : spec && typeof spec === 'object' ? [(spec as Record<string, unknown>).min, (spec as Record<string, unknown>).max] : [];
    const [min, max] = pair;
    if (typeof min === 'number' && typeof max === 'number' && Number.isInteger(min) && Number.isInteger(max) && max >= min && name.trim() !== '') {
      levels.push({ name, range: { min, max } });
    }
  }
  return levels.length > 0 ? levels : null;
}
