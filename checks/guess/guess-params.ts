/**
 * The guessing protocol as a teacher configures it (assignment or test `params`, JSON).
 * Defaults are the course appendix: bare `str(versuch)` guesses, bare `-`/`+`/`=` answers,
 * numbers 1..100, no extensions.
 */
import { oneOf, paramDefaults, readParams, shaped, signed } from '../lib/param-schema.js';
import { WIRE_FAULTS } from '../lib/wire-faults.js';
import type { GuessRange, Meaning } from './guess-game.js';
import { EXIT_REPORT_PARAMS } from '../lib/exit-report-wait.js';

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

/** A level's range: `[1, 10]` or `{"min": 1, "max": 10}`. */
type LevelRange = readonly [number, number] | { min: number; max: number };

/** The protocol params, typed once with their defaults (issue #14); {@link guessProtocol} reads them. */
export const GUESS_PROTOCOL = paramDefaults({
  /** The secret's range, `min..max`; a range with `max < min` falls back to 1..100. */
  min: signed(1),
  max: signed(100),
  /** The answer words (three different, non-blank words), else {@link COURSE_ANSWERS}: checked by `answerWords`. */
  answers: shaped<Partial<AnswerWords>>(),
  /** Appended to every message the client sends; bare as in the course. */
  guessEnding: '',
  /**
   * Extension "Rateversuche mitzählen und mitteilen": the `=` answer is followed by the
   * number of guesses of this game, e.g. `= 7`.
   */
  attempts: false,
  /**
   * Extension "Schwierigkeitsgrad auswählen" (e.g. `{"1": [1, 10], "2": [1, 100]}`, none by
   * default): every game starts with the client sending a level name, answered by `levelReply`.
   * Checked by `levelsParam`.
   */
  levels: shaped<Record<string, LevelRange>>(),
  levelReply: 'OK',
  /** Extension "Spiel abbrechen": the client sends it to end a game. */
  abortWord: 'ABBRUCH',
  /** Silence after which we stop waiting for an answer. */
  replyMs: 2000,
  /** After a complete word, how long we wait for more of it (a longer word, the count's digits). */
  graceMs: 150,
});

/** A game a server check plays. */
export const GUESS_GAME = paramDefaults({
  ...GUESS_PROTOCOL,
  ...WIRE_FAULTS,
  /** The difficulty level chosen, when the assignment has `levels`; `''`: the first. */
  level: '',
  ...EXIT_REPORT_PARAMS,
});

export const GUESS_SUCCESSIVE_GAMES = paramDefaults({
  ...GUESS_GAME,
  /** Games one after the other. */
  games: 3,
});

/** A guess client test: our reference server speaks the protocol. */
export const GUESS_CLIENT = paramDefaults({
  ...GUESS_PROTOCOL,
  /** `main` (a full game) or `quick` (a shorter one). */
  scenario: oneOf(['main', 'quick'], 'main'),
  /** The client plays on its own: we type no guesses. */
  autoplay: false,
  /** Appended to every answer our server sends. */
  answerEnding: '',
  /** The client must report the number of guesses at the end. */
  reportAttempts: false,
});

export interface GuessProtocol {
  range: GuessRange;
  answers: AnswerWords;
  /** Appended to every message the client sends (param `guessEnding`). */
  ending: string;
  attempts: boolean;
  levels: DifficultyLevel[] | null;
  levelReply: string;
  abortWord: string;
  replyMs: number;
  graceMs: number;
}

export function guessProtocol(params: Record<string, unknown>): GuessProtocol {
  const given = readParams(GUESS_PROTOCOL, params);
  const min = Math.floor(given.min);
  const max = Math.floor(given.max);
  return {
    range: max >= min ? { min, max } : { min: GUESS_PROTOCOL.min.fallback, max: GUESS_PROTOCOL.max.fallback },
    answers: answerWords(given.answers),
    ending: given.guessEnding,
    attempts: given.attempts,
    levels: levelsParam(given.levels),
    levelReply: given.levelReply,
    abortWord: given.abortWord,
    replyMs: given.replyMs,
    graceMs: given.graceMs,
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
