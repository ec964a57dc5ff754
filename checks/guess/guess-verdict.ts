/**
 * Judging one played game, in words a 16-year-old learning sockets understands: the whole
 * game (our guesses, the answers, what still fit), then what went wrong and why.
 */
import { decodeUtf8, quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import type { TestStatus } from '../types.js';
import { applyMove, binarySearchBound, type Candidates, candidatesText, isEmpty, type Move, meaningText, startCandidates } from './guess-game.js';
import { answerChoices, type GuessProtocol } from './guess-params.js';
import type { PlayedGame } from './play-game.js';

export interface GameVerdict {
  status: TestStatus;
  feedback: string;
}

export interface JudgeOptions {
  /** Binary search must see `=` within this many guesses. */
  bound?: number;
}

export function judgeGame(game: PlayedGame, protocol: GuessProtocol, options: JudgeOptions = {}): GameVerdict {
  const listing = describeMoves(game, protocol);
  const fail = (text: string, status: TestStatus = 'failed'): GameVerdict => ({ status, feedback: listing ? `${text}\n\n${listing}` : text });
  switch (game.end) {
    case 'won':
      return judgeWin(game, protocol, options, listing);
    case 'contradiction':
      return fail(explainContradiction(game, protocol));
    case 'aborted':
      return { status: 'passed', feedback: `We sent \`${protocol.abortWord}\` after ${game.moves.length} guesses.` };
    default:
      return fail(explainBrokenGame(game, protocol), game.end === 'silent' || game.end === 'no-accept' ? 'timeout' : 'failed');
  }
}

function judgeWin(game: PlayedGame, protocol: GuessProtocol, options: JudgeOptions, listing: string): GameVerdict {
  const count = game.moves.length;
  const secret = game.moves[count - 1]?.guess;
  const bound = options.bound ?? binarySearchBound(game.range);
  if (options.bound !== undefined && count > bound) {
    return {
      status: 'failed',
      feedback: `Binary search needs at most ${bound} guesses for ${game.range.min}–${game.range.max}, but your server said \`${protocol.answers.correct}\` only after ${count}.\n\n${listing}`,
    };
  }
  if (protocol.attempts && game.reportedCount !== count) {
    const told = game.reportedCount === null ? 'no number after it' : `the number ${game.reportedCount}`;
    return {
      status: 'failed',
      feedback: `Your server said \`${protocol.answers.correct}\` with ${told}, but it should tell how many guesses this game took: ${count} (e.g. \`${protocol.answers.correct} ${count}\`). Count every guess on this connection, the last one included, and start again at 0 for a new game.\n\n${listing}`,
    };
  }
  const plural = count === 1 ? 'guess' : 'guesses';
  return { status: 'passed', feedback: `Game won after ${count} ${plural}: the secret was ${secret}, and every answer fit.` };
}

/** The first answer that no secret fits, next to the answer (or range) it clashes with. */
export function explainContradiction(game: PlayedGame, protocol: GuessProtocol): string {
  const { contradiction } = game.analysis;
  if (!contradiction) return 'Your answers contradict each other.';
  const move = game.moves[contradiction.index] as Move;
  const word = (m: Move): string => `\`${protocol.answers[m.meaning]}\``;
  const { min, max } = game.range;
  let text: string;
  if (contradiction.other === null) {
    const outside = move.guess < min ? 'below' : move.guess > max ? 'above' : null;
    text = outside
      ? `We guessed ${move.guess}, which is ${outside} the range ${min}–${max}, and you answered ${word(move)}: ${meaningText(move)}. But the secret is between ${min} and ${max}, so the right answer is \`${protocol.answers[outside === 'below' ? 'larger' : 'smaller']}\`. Compare the numbers; do not reject or special-case guesses outside the range.`
      : `You answered ${word(move)} to ${move.guess}: ${meaningText(move)}. But the secret must be between ${min} and ${max}.${
          game.analysis.swappedFits ? '' : ` Is your secret perhaps outside that range? Pick it with \`random.randint(${min}, ${max})\`.`
        }`;
  } else {
    const other = game.moves[contradiction.other] as Move;
    text = contradiction.sameGuess
      ? `We guessed ${move.guess} twice. The first time you answered ${word(other)}, the second time ${word(move)}. The same guess must always get the same answer while the game lasts: does your server pick a new secret for every guess?`
      : `Your answer ${word(move)} to ${move.guess} (${meaningText(move)}) does not fit your earlier answer ${word(other)} to ${other.guess} (${meaningText(other)}): no number is both.`;
  }
  if (game.analysis.swappedFits) {
    text += `\n\nLikely cause: \`${protocol.answers.smaller}\` and \`${protocol.answers.larger}\` are swapped. With them the other way round all your answers fit. \`${protocol.answers.larger}\` means the secret is *larger* than the guess (the guess was too small); \`${protocol.answers.smaller}\` means it is *smaller*.`;
  }
  return text;
}

function explainBrokenGame(game: PlayedGame, protocol: GuessProtocol): string {
  const sent = game.lastSent === null ? 'our guess' : `\`${game.lastSent}\``;
  const answered = game.moves.length;
  const sofar = answered === 0 ? '' : `Your server answered our first ${answered === 1 ? 'guess' : `${answered} guesses`}. `;
  const subject = answered === 0 ? 'Your server' : `Your server answered our first ${answered === 1 ? 'guess' : `${answered} guesses`}, then`;
  const rawText = game.raw.length > 0 ? ` (before that it sent ${quoteBytes(game.raw, 60)})` : '';
  switch (game.end) {
    case 'invalid':
      return `${sofar}After we sent ${sent}, we expected exactly one of ${answerChoices(protocol.answers)}, but got ${quoteBytes(game.raw, 80)}.${invalidCause(game, protocol)}`;
    case 'level-refused':
      return `We chose the difficulty level by sending ${sent} and expected \`${protocol.levelReply}\`, but got ${quoteBytes(game.raw, 80)}.`;
    case 'silent': {
      const pieces = answered === 0 && protocol.ending === '' ? ` Our guess has no line break at the end (the course sends \`str(versuch)\`): if your server waits for a whole line (e.g. with \`readline()\`), it waits forever. Use \`recv()\`.` : '';
      const loop = answered > 0 ? ' Does your server keep calling recv() on the same connection until the game is over?' : '';
      return `${sofar}We sent ${sent} and waited ${formatDuration(protocol.replyMs)}, but no answer came${rawText}.${loop}${pieces}`;
    }
    case 'closed':
    case 'reset':
    case 'lost': {
      const how = game.end === 'closed' ? 'closed the connection' : `broke off the connection (${game.errorCode ?? 'reset'})`;
      const instead = game.end === 'lost' ? `before we could send ${sent}` : `instead of answering ${sent}${rawText}`;
      const hint =
        answered > 0
          ? ' A game takes several guesses over one connection: keep calling recv() in a loop and answer every guess until the game is over (`=`). Close the connection only when recv() returns b\'\' or after `=`.'
          : '';
      return `${subject} ${how} ${instead}.${hint}`;
    }
    case 'refused':
      return `We could not connect: nobody accepted the connection (${game.errorCode ?? 'refused'}). Is your server still running and listening?`;
    case 'no-accept':
      return `We could not connect within ${formatDuration(protocol.replyMs)}: your server did not accept the connection. Is it still busy with an earlier client? After a game, go back to accept() for the next one.`;
    case 'too-long':
      return `We made ${answered} guesses and never got \`${protocol.answers.correct}\`, although the answers fit a secret. Does your server answer \`${protocol.answers.correct}\` when the guess equals the secret?`;
    default:
      return `The game ended unexpectedly (${game.end}).`;
  }
}

function invalidCause(game: PlayedGame, protocol: GuessProtocol): string {
  const text = (decodeUtf8(game.raw) ?? '').trim();
  if (game.lastSent !== null && text === game.lastSent.trim()) return '\n\nLikely cause: your server sent our guess back, like an echo server. Compare the guess with the secret and answer with one symbol.';
  if (/klein|gro(ß|ss)|smaller|larger|bigger|higher|lower|richtig|correct|gleich/i.test(text)) {
    return `\n\nLikely cause: you answer in words. The protocol's answers are just ${answerChoices(protocol.answers)}; the client turns them into words for the player.`;
  }
  if (game.moves.length > 0) return '\n\n(If your previous answer had more text after the symbol, this is that text: send only the symbol.)';
  if (text.length > 1) return '\n\nLikely cause: a greeting or a prompt. In this protocol the server sends nothing but its answers: no welcome text before the first guess.';
  return '';
}

/** The whole game, one line per guess, with the secrets that still fit after each answer. */
export function describeMoves(game: PlayedGame, protocol: GuessProtocol): string {
  if (game.moves.length === 0) return '';
  const lines: string[] = [];
  let candidates: Candidates = startCandidates(game.range);
  for (const [index, move] of game.moves.entries()) {
    candidates = applyMove(candidates, move, index);
    const after = isEmpty(candidates) ? 'no number fits any more!' : `still possible: ${candidatesText(candidates)}`;
    lines.push(`${index + 1}. we guessed \`${move.guess}\` → you answered \`${protocol.answers[move.meaning]}\`: ${meaningText(move)} (${after})`);
  }
  const level = game.level ? ` (level \`${game.level.name}\`)` : '';
  return `The game on ${game.label}${level}, numbers ${game.range.min}–${game.range.max}:\n${lines.join('\n')}`;
}
