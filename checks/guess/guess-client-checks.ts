/**
 * Grading a guessing client: started as `python3 client.py HOST PORT` with guesses on
 * stdin (one per line), it must send each guess, print what each answer means, stop after
 * `=`, report the result and end cleanly. With `params.autoplay` it picks its own guesses.
 */
import { readParams } from '../lib/param-schema.js';
import { GUESS_CLIENT } from './guess-params.js';
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { analyzeGame, type Meaning, type Move } from './guess-game.js';
import { type GuessScenario, guessScenario } from './guess-client-scenario.js';
import { comparePrinted, mentionsNumber, printedAnswers } from './printed-answers.js';
import type { ReceivedGuess } from './reference-guess-server.js';
import { withParams } from '../define-assignment.js';

export interface Finding {
  status: TestStatus;
  feedback: string;
}

const quote = (text: string): string => quoteBytes(Buffer.from(text, 'utf8'), 60);

/** The answered guesses of the game, in order. */
function played(s: GuessScenario): ReceivedGuess[] {
  return s.guesses.filter((g) => !g.afterEnd && g.answer !== null);
}

/** Did our server receive the typed guesses, in order, each as a bare number? */
export function judgeSent(s: GuessScenario): Finding {
  if (s.guesses.length === 0) return nothingSent(s);
  const invalid = s.guesses.find((g) => g.value === null && !g.afterEnd);
  if (invalid) {
    const bytesHint = /^b['"]/.test(invalid.text) ? ' It looks like you sent the text of a bytes object (`str(daten)`): send `string2bytes(str(versuch))`.' : '';
    return {
      status: 'failed',
      feedback: `Your client sent ${quote(invalid.text)}, which is not a whole number, so our server closed the connection. Send just the guess: \`str(versuch)\`, encoded with \`string2bytes()\`.${bytesHint}`,
    };
  }
  if (s.autoplay) return judgeOwnGuesses(s);
  const expected = s.typed.slice(0, s.typed.length - s.extraTyped);
  const sent = s.guesses.filter((g) => !g.afterEnd).map((g) => g.value as number);
  const list = (values: number[]): string => values.map((v) => `\`${v}\``).join(', ');
  for (const [index, want] of expected.entries()) {
    const got = sent[index];
    if (got === undefined) {
      return {
        status: s.run.timedOut ? 'timeout' : 'failed',
        feedback: `We typed ${list(expected)}, but your client sent only ${list(sent)} and then ${s.run.timedOut ? `nothing more for ${formatDuration(s.timeoutMs)}` : 'stopped'}. Read the guesses in a loop (one \`input()\` per guess) until the answer is \`${s.answers.correct}\`.${exitNote(s)}`,
      };
    }
    if (got !== want) {
      return { status: 'failed', feedback: `We typed ${list(expected)}, but guess ${index + 1} your client sent was \`${got}\` instead of \`${want}\`. Send each guess exactly as it was typed.` };
    }
  }
  return { status: 'passed', feedback: `Our server received your ${expected.length} guesses exactly as typed: ${list(expected)}.` };
}

/** Autoplay: every guess must still be possible after the answers so far, and the game must end. */
function judgeOwnGuesses(s: GuessScenario): Finding {
  const moves: Move[] = [];
  for (const guess of played(s)) {
    const before = analyzeGame(s.range, moves).candidates;
    const value = guess.value as number;
    if (value < before.lo || value > before.hi) {
      const where = moves.length === 0 ? `outside ${s.range.min}–${s.range.max}` : `already ruled out: after the answers so far only ${before.lo}–${before.hi} were possible`;
      return { status: 'failed', feedback: `Your client guessed \`${value}\`, which was ${where}. Use every answer: after \`${s.answers.smaller}\` guess lower, after \`${s.answers.larger}\` higher.` };
    }
    moves.push({ guess: value, meaning: guess.answer as Meaning });
  }
  if (!s.won) {
    return { status: s.run.timedOut ? 'timeout' : 'failed', feedback: `Your client made ${moves.length} guesses and did not find the secret.${exitNote(s)}` };
  }
  return { status: 'passed', feedback: `Your client found the secret ${s.secret} in ${moves.length} guesses, and every guess used the answers so far.` };
}

function nothingSent(s: GuessScenario): Finding {
  const where = `our server (${s.host} port ${s.port})`;
  if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had not sent a guess to ${where}, so we stopped it.` };
  const contact = s.connections === 0 ? 'never connected to' : 'connected to, but sent no guess to';
  return {
    status: 'failed',
    feedback: `Your client ${contact} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}`,
  };
}

/** Did the client stop sending once it got `=`? */
export function judgeStopped(s: GuessScenario): Finding {
  if (!s.won) return notWon(s);
  const after = s.guesses.filter((g) => g.afterEnd);
  const waiting = s.extraTyped > 0 ? ` (${s.extraTyped} more ${s.extraTyped === 1 ? 'guess was' : 'guesses were'} still waiting on stdin)` : '';
  if (after.length === 0) return { status: 'passed', feedback: `After \`${s.answers.correct}\` your client sent nothing more${waiting}.` };
  const extras = s.typed.slice(s.typed.length - s.extraTyped);
  const sent = after.map((g) => g.text).join('');
  // Unanswered bare guesses run together on the wire (`1` and `100` arrive as `1100`).
  const typedAfter = extras.length > 0 && sent.startsWith(String(extras[0])) ? ` (the ${extras.length === 1 ? 'guess' : 'guesses'} ${extras.map((e) => `\`${e}\``).join(' and ')} we typed after the secret)` : '';
  return {
    status: 'failed',
    feedback: `After our answer \`${s.answers.correct}\` the game is over, but your client still sent ${quote(sent)}${typedAfter}. Stop the loop (\`break\`) as soon as the answer is \`${s.answers.correct}\`.`,
  };
}

/** Did the client print, for every answer, what it means, never the opposite? */
export function judgePrinted(s: GuessScenario): Finding {
  const answered = played(s);
  if (answered.length === 0) return { status: 'failed', feedback: `Your client got no answers from us, so it could not print any.${exitNote(s)}` };
  const printed = printedAnswers(s.run.stdout, s.answers);
  const sent = answered.map((g) => g.answer as Meaning);
  const comparison = comparePrinted(sent, printed);
  const shown = printedBlock(s);
  const meaning = `\`${s.answers.smaller}\` means the secret is smaller than the guess, \`${s.answers.larger}\` that it is larger, \`${s.answers.correct}\` that the guess is right`;
  if (comparison.kind === 'match') return { status: 'passed', feedback: `Your client printed every answer (${answered.map((g) => `\`${s.answers[g.answer as Meaning]}\``).join(', ')}) with the right meaning.` };
  const at = answered[comparison.index] as ReceivedGuess;
  const context = `our answer \`${s.answers[at.answer as Meaning]}\` to your guess \`${at.value}\``;
  if (comparison.kind === 'opposite') {
    return {
      status: 'failed',
      feedback: `For ${context} your client printed ${quote(comparison.printed.text.trim())}, which says the opposite. ${meaning}. It printed${shown}`,
    };
  }
  if (comparison.kind === 'other') {
    return { status: 'failed', feedback: `For ${context} your client printed ${quote(comparison.printed.text.trim())}. Print one line per answer that says what it means (${meaning}). It printed${shown}` };
  }
  const timeout = s.run.timedOut ? ` Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.` : '';
  return {
    status: s.run.timedOut ? 'timeout' : 'failed',
    feedback: `We could not find ${context} in your client's output. Print every answer: the symbol itself or what it means (e.g. \`Die gesuchte Zahl ist kleiner.\`).${timeout} It printed${shown}${exitNote(s)}`,
  };
}

/** After `=`, did the client print the result: the secret (and, with `reportAttempts`, the number of guesses)? */
export function judgeResult(s: GuessScenario, reportAttempts: boolean): Finding {
  if (!s.won) return notWon(s);
  const lines = s.run.stdout.split(/\r?\n/);
  const firstCorrect = printedAnswers(s.run.stdout, s.answers).find((line) => line.meaning === 'correct');
  const region = (firstCorrect ? lines.slice(firstCorrect.line) : lines.slice(-3)).join('\n');
  const count = played(s).length;
  const missing: string[] = [];
  if (!mentionsNumber(region, s.secret)) missing.push(`the secret number (${s.secret})`);
  if (reportAttempts && !mentionsNumber(region, count)) missing.push(`the number of guesses (${count})`);
  if (missing.length === 0) {
    return { status: 'passed', feedback: `After \`${s.answers.correct}\` your client reported the result: the secret ${s.secret}${reportAttempts ? ` and ${count} guesses` : ''}.` };
  }
  const example = reportAttempts ? `\`Richtig! Die Zahl war ${s.secret}. Du hast ${count} Versuche gebraucht.\`` : `\`Richtig! Die Zahl war ${s.secret}.\``;
  return { status: 'failed', feedback: `After \`${s.answers.correct}\` your client should print the result with ${missing.join(' and ')}, e.g. ${example} It printed${printedBlock(s)}` };
}

/** Did the client end by itself, with exit code 0, closing its connection properly? */
export function judgeEnded(s: GuessScenario): Finding {
  if (s.run.timedOut) {
    const after = s.won ? ` It got \`${s.answers.correct}\` from us, but did not end.` : '';
    return {
      status: 'timeout',
      feedback: `Your client was still running after ${formatDuration(s.timeoutMs)}, so we stopped it.${after} After \`${s.answers.correct}\` print the result, close the socket and let the program end.`,
    };
  }
  if (s.run.startError !== undefined || s.run.exitCode !== 0) return { status: 'failed', feedback: describeExit(s.run, { what: 'client', entry: '{entry}' }) };
  if (s.connections === 0) return { status: 'failed', feedback: 'Your client exited with code 0, but it never connected to our server.' };
  if (!s.closedCleanly) {
    return { status: 'failed', feedback: 'Your client exited with code 0, but its connection ended with a reset instead of a proper close. Call close() on the socket before the program ends.' };
  }
  return { status: 'passed', feedback: `Your client closed its connection and exited with code 0 after ${s.run.durationMs} ms.` };
}

function notWon(s: GuessScenario): Finding {
  const status: TestStatus = s.run.timedOut ? 'timeout' : 'failed';
  return { status, feedback: `The game never reached \`${s.answers.correct}\`: your client did not send the secret ${s.secret}${s.autoplay ? '' : ', although we typed it'}.${exitNote(s)}` };
}

function printedBlock(s: GuessScenario): string {
  const text = s.run.stdout.replace(/\s+$/, '');
  if (text === '') return ' nothing.';
  return `:\n\`\`\`\n${text.length > 800 ? `…${text.slice(-800)}` : text}\n\`\`\``;
}

function exitNote(s: GuessScenario): string {
  if ((s.run.exitCode === 0 && s.run.startError === undefined) || s.run.timedOut) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

function finish(ctx: ClientCheckContext, s: GuessScenario, finding: Finding): TestOutcome {
  ctx.transcript.include(s.transcript);
  return { status: finding.status, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries() };
}

function single(judge: (s: GuessScenario, ctx: ClientCheckContext) => Finding): ClientCheck {
  return async (ctx) => {
    const scenario = await guessScenario(ctx);
    return finish(ctx, scenario, judge(scenario, ctx));
  };
}

const reportAttempts = (ctx: ClientCheckContext): boolean => readParams(GUESS_CLIENT, ctx.params).reportAttempts;

/** Everything at once, for a second game: any failure fails it; else a timeout times it out. */
const fullGame: ClientCheck = async (ctx) => {
  const s = await guessScenario(ctx);
  const findings = [judgeSent(s), judgePrinted(s), judgeStopped(s), judgeResult(s, reportAttempts(ctx)), judgeEnded(s)];
  const failed = findings.filter((f) => f.status === 'failed' || f.status === 'error');
  if (failed.length > 0) return finish(ctx, s, { status: 'failed', feedback: [...new Set(failed.map((f) => f.feedback))].join('\n\n') });
  const timedOut = findings.find((f) => f.status === 'timeout');
  if (timedOut) return finish(ctx, s, timedOut);
  const how = s.autoplay ? 'found it on its own' : `got our ${played(s).length} guesses`;
  return finish(ctx, s, { status: 'passed', feedback: `Another game (secret ${s.secret}): your client ${how}, printed every answer, stopped after \`${s.answers.correct}\`, reported the result and ended cleanly.` });
};

const typed = withParams(GUESS_CLIENT);

export const guessClientSuite = {
  id: 'guess-client',
  role: 'client',
  transport: 'tcp',
  checks: {
    'sends-guesses': typed(single(judgeSent)),
    'prints-answers': typed(single(judgePrinted)),
    'stops-after-correct': typed(single(judgeStopped)),
    'reports-result': typed(single((s, ctx) => judgeResult(s, reportAttempts(ctx)))),
    'exits-cleanly': typed(single(judgeEnded)),
    'full-game': typed(fullGame),
  },
} satisfies ClientSuite;
