import { defineAssignment, type SuiteTest } from '../define-assignment.js';
import { guessClientSuite } from './guess-client-checks.js';
import { guessServerSuite } from './guess-server-checks.js';
import { guessClientDescription } from './descriptions-client.js';
import { guessServerDescription } from './descriptions-server.js';
import { paramValues } from '../lib/param-schema.js';
import { COURSE_ANSWERS, GUESS_CLIENT, GUESS_PROTOCOL } from './guess-params.js';

/** Add to `tests` together with `params.abortWord` for the extension "Spiel abbrechen". */
export const guessServerAbortTest: SuiteTest<typeof guessServerSuite> = { id: 'abort', name: 'Aborting a game', points: 10, params: { check: 'abort' } };

export const guessServer = defineAssignment(guessServerSuite, {
  id: 'guess-server',
  title: 'Number-guessing server (Zahlenraten)',
  summary: 'A TCP server that thinks of a number and answers each guess with -, + or =.',
  description: guessServerDescription,
  params: { ...paramValues(GUESS_PROTOCOL, 'min', 'max'), answers: { ...COURSE_ANSWERS }, ...paramValues(GUESS_PROTOCOL, 'guessEnding', 'replyMs') },
  /**
   * The server's tests. Extensions a teacher can switch on with `params` (see
   * `guess-params.ts`): `min`/`max`, `answers`, `guessEnding`, `attempts` (`= 7`), `levels`
   * (difficulty chosen before each game), and the extra check `abort` ({@link guessServerAbortTest}).
   */
  tests: [
    { id: 'binary-search', name: 'A game played by binary search', points: 30, params: { check: 'binary-search' } },
    { id: 'poor-guesses', name: 'A game with careless guesses', points: 20, params: { check: 'poor-guesses' } },
    { id: 'repeats-and-out-of-range', name: 'Repeated guesses and guesses outside the range', points: 20, params: { check: 'repeats-and-out-of-range' } },
    { id: 'successive-games', name: 'Three games one after the other', points: 20, params: { check: 'successive-games', games: 3 } },
    { id: 'newline-guesses', name: 'Guesses that end with a line break', points: 10, params: { check: 'binary-search', guessEnding: '\n' } },
  ],
});

export const guessClient = defineAssignment(guessClientSuite, {
  id: 'guess-client',
  title: 'Number-guessing client (Zahlenraten)',
  summary: 'A TCP client that sends the guesses typed by the player and prints what the server answers.',
  description: guessClientDescription,
  params: { ...paramValues(GUESS_PROTOCOL, 'min', 'max'), answers: { ...COURSE_ANSWERS }, ...paramValues(GUESS_CLIENT, 'autoplay', 'reportAttempts') },
  /**
   * The client's tests: one game with guesses typed on stdin (`main`), and a shorter second
   * one (`quick`). `params.autoplay: true` makes the client play on its own (stdin empty);
   * `params.reportAttempts: true` requires the number of guesses in the result.
   */
  tests: [
    { id: 'sends-guesses', name: 'Sends the guesses as typed', points: 20, params: { check: 'sends-guesses', scenario: 'main' } },
    { id: 'prints-answers', name: 'Prints what each answer means', points: 20, params: { check: 'prints-answers', scenario: 'main' } },
    { id: 'stops-after-correct', name: 'Stops after "="', points: 20, params: { check: 'stops-after-correct', scenario: 'main' } },
    { id: 'reports-result', name: 'Reports the result', points: 15, params: { check: 'reports-result', scenario: 'main' } },
    { id: 'exits-cleanly', name: 'Ends cleanly', points: 10, params: { check: 'exits-cleanly', scenario: 'main' } },
    { id: 'second-game', name: 'A second, shorter game', points: 15, params: { check: 'full-game', scenario: 'quick' } },
  ],
});

export const guessAssignments = [guessServer, guessClient];
