import { describe, expect, it } from 'vitest';
import { type FakeServer, listenFakeTcp, startFakeTcpServer } from '../testing/fake-servers.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { guessServer, guessServerAbortTest } from './assignments.js';

interface FakeGuessOptions {
  /** The secret of game n (0-based), or of every game. */
  secret?: number | ((game: number) => number);
  swapped?: boolean;
  /** Answer one guess per connection, then close (an echo server turned guessing server). */
  onePerConnection?: boolean;
  /** Words instead of symbols. */
  words?: boolean;
  /** `?` for guesses outside 1..100. */
  rejectOutOfRange?: boolean;
  /** Appended to every answer. */
  ending?: string;
  /** A new secret for every guess (a classic bug: randint inside the loop). */
  secretPerGuess?: boolean;
  /** Compares the text with str(secret) instead of numbers (breaks on "50\n"). */
  compareText?: boolean;
  /** Extension: `= n` with the guess count (`wrongCount` off by one). */
  count?: boolean;
  wrongCount?: boolean;
  /** Extension: the first message is a level, answered `OK`. */
  levels?: Record<string, [number, number]>;
  /** Extension: `ABBRUCH` ends the game (`ignoreAbort`: it is treated as garbage and ignored). */
  abortWord?: string;
  ignoreAbort?: boolean;
  /** Sends a welcome line when a client connects. */
  greeting?: boolean;
  /** Writes every answer one byte at a time, 5 ms apart. */
  bytewise?: boolean;
  /** Crash (exit 1) on the first guess outside 1..100, like int() + a failing assert. */
  crashOnOutOfRange?: boolean;
}

/** A guessing server in Node, answering like the Python submissions we grade. */
function startFakeGuessServer(options: FakeGuessOptions = {}): Promise<FakeServer> {
  let games = 0;
  let guesses = 0;
  const secretOf = (game: number): number => {
    const s = options.secret ?? 37;
    return typeof s === 'function' ? s(game) : s;
  };
  return listenFakeTcp((socket, shutdown) => {
    let secret = secretOf(games++);
    let range: [number, number] = [1, 100];
    let count = 0;
    let levelChosen = !options.levels;
    let writing = Promise.resolve();
    if (options.greeting) socket.write('Willkommen beim Zahlenraten!\n');
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (!levelChosen) {
        const level = options.levels?.[text.trim()];
        if (level) {
          range = level;
          secret = Math.min(range[1], Math.max(range[0], secret));
          levelChosen = true;
          socket.write('OK');
        }
        return;
      }
      if (options.abortWord && text.trim() === options.abortWord) {
        if (options.ignoreAbort) return;
        socket.end('Schade! Die Zahl war ' + secret);
        return;
      }
      const guess = Number(text.trim());
      count += 1;
      if (options.secretPerGuess) secret = [37, 80, 12, 64, 5, 90, 45, 23][guesses++ % 8] as number;
      if ((guess < range[0] || guess > range[1]) && options.crashOnOutOfRange) {
        return shutdown({ exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/server.py", line 30, in <module>\nAssertionError\n' });
      }
      let answer: '-' | '+' | '=' | '?';
      if (options.rejectOutOfRange && (guess < range[0] || guess > range[1])) answer = '?';
      else if (options.compareText && text !== String(secret)) answer = guess < secret ? '+' : '-';
      else answer = secret < guess ? '-' : secret > guess ? '+' : '=';
      if (options.compareText && text !== String(secret) && guess === secret) answer = '+';
      if (options.swapped && answer !== '=' && answer !== '?') answer = answer === '-' ? '+' : '-';
      let reply: string = answer;
      if (options.words) reply = { '-': 'kleiner', '+': 'größer', '=': 'richtig', '?': '?' }[answer];
      if (answer === '=' && options.count) reply = `= ${options.wrongCount ? count - 1 : count}`;
      reply += options.ending ?? '';
      if (options.bytewise) {
        // In order, like a real server's sends: each answer after the previous one.
        const bytes = [...Buffer.from(reply, 'utf8')];
        writing = writing.then(async () => {
          for (const byte of bytes) {
            if (!socket.destroyed) socket.write(Buffer.from([byte]));
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        });
        return;
      }
      if (options.onePerConnection || answer === '=') socket.end(reply);
      else socket.write(reply);
    });
  });
}

const assignment = fastAssignment(guessServer);
const run = (options: FakeGuessOptions = {}, params: Record<string, unknown> = {}, tests = assignment.tests) =>
  runFakeServerPeer({ ...assignment, params: { ...assignment.params, ...params }, tests }, () => startFakeGuessServer(options));

describe('guess-server suite', () => {
  it('gives a truthful server full marks, whatever the secret', async () => {
    for (const secret of [1, 37, 50, 100]) {
      const result = await run({ secret });
      expect(result.statuses, `secret ${secret}`).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
      expect(result.score).toEqual({ score: 100, maxScore: 100 });
    }
  });

  it('accepts a new secret for every game and says which they were', async () => {
    const result = await run({ secret: (game) => [37, 80, 12, 64, 5, 90, 45][game] ?? 1 });
    expect(result.score.score).toBe(100);
    expect(result.feedback['successive-games']).toMatch(/The secrets were \d+, \d+, \d+\.$/);
  });

  it('accepts answers with a line break after them', async () => {
    const result = await run({ ending: '\n' });
    expect(result.score.score).toBe(100);
    const crlf = await run({ ending: '\r\n' });
    expect(crlf.score.score).toBe(100);
  });

  it('tells a passing binary-search game in one sentence', async () => {
    const result = await run({ secret: 37 });
    expect(result.feedback['binary-search']).toBe('Game won after 3 guesses: the secret was 37, and every answer fit.');
    expect(result.feedback['repeats-and-out-of-range']).toContain('We guessed 0 and 101 (outside 1–100) and 51 twice in a row; every answer fit one secret');
  });

  it('fails swapped + and - everywhere, shows the game and names the cause', async () => {
    const result = await run({ swapped: true });
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    const feedback = result.feedback['binary-search'] ?? '';
    expect(feedback).toContain('Likely cause: `-` and `+` are swapped.');
    expect(feedback).toContain('1. we guessed `50` → you answered `+`: the secret is larger than 50 (still possible: 51–100)');
    expect(feedback).toContain('(no number fits any more!)');
    expect(result.feedback['repeats-and-out-of-range']).toContain('We guessed 0, which is below the range 1–100, and you answered `-`');
  });

  it('fails a server that answers one guess per connection and explains the loop', async () => {
    const result = await run({ onePerConnection: true });
    expect(result.score.score).toBe(0);
    expect(result.feedback['binary-search']).toContain('Your server answered our first guess, then closed the connection instead of answering `25`.');
    expect(result.feedback['binary-search']).toContain('keep calling recv() in a loop');
  });

  it('fails answers in words and says to send the symbol', async () => {
    const result = await run({ words: true });
    expect(result.score.score).toBe(0);
    expect(result.feedback['binary-search']).toContain('After we sent `50`, we expected exactly one of `-`, `+` or `=`, but got `kleiner`.');
    expect(result.feedback['binary-search']).toContain('Likely cause: you answer in words.');
  });

  it('grades words when the teacher configured them, even when they arrive byte by byte', async () => {
    const answers = { smaller: 'kleiner', larger: 'größer', correct: 'richtig' };
    expect((await run({ words: true }, { answers })).score.score).toBe(100);
    expect((await run({ words: true, bytewise: true, ending: '\n' }, { answers })).score.score).toBe(100);
  });

  it('names a greeting as the likely cause', async () => {
    const result = await run({ greeting: true });
    expect(result.score.score).toBe(0);
    expect(result.feedback['binary-search']).toContain('but got `Willkommen beim Zahlenraten!\\n`.');
    expect(result.feedback['binary-search']).toContain('Likely cause: a greeting or a prompt.');
  });

  it('fails only the out-of-range test of a server that rejects such guesses (80/100)', async () => {
    const result = await run({ rejectOutOfRange: true });
    expect(result.statuses).toEqual(['passed', 'passed', 'failed', 'passed', 'passed']);
    expect(result.score.score).toBe(80);
    expect(result.feedback['repeats-and-out-of-range']).toContain('After we sent `0`, we expected exactly one of `-`, `+` or `=`, but got `?`.');
  });

  it('catches a new secret for every guess', async () => {
    const result = await run({ secretPerGuess: true });
    expect(result.score.score).toBe(0);
    expect(result.feedback['binary-search']).toMatch(/Your answer `.` to \d+ \(the secret is \w+ than \d+\) does not fit your earlier answer/);
  });

  it('fails only the newline test of a server that compares text, with a hint (90/100)', async () => {
    const result = await run({ compareText: true });
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.feedback['newline-guesses']).toContain('convert with `int(text.strip())`');
  });

  it('reports a crash with the traceback, and later tests as not run', async () => {
    const result = await run({ crashOnOutOfRange: true });
    expect(result.statuses).toEqual(['passed', 'passed', 'failed', 'failed', 'failed']);
    expect(result.feedback['repeats-and-out-of-range']).toContain('Your server closed the connection instead of answering `0`.');
    expect(result.feedback['repeats-and-out-of-range']).toContain('Your server exited with code 1 during this test.');
    expect(result.feedback['repeats-and-out-of-range']).toContain('AssertionError');
    expect(result.feedback['successive-games']).toContain('Your server is no longer running');
  });

  it('times out a silent server with what we sent', async () => {
    const result = await runFakeServerPeer({ ...assignment, tests: assignment.tests.slice(0, 1) }, () => startFakeTcpServer('silent'));
    expect(result.statuses).toEqual(['timeout']);
    expect(result.feedback['binary-search']).toContain('We sent `50` and waited 200 ms, but no answer came. Our guess has no line break at the end');
  });
});

describe('guess-server extensions (params)', () => {
  it('checks the guess count after `=`', async () => {
    expect((await run({ count: true }, { attempts: true })).score.score).toBe(100);
    const wrong = await run({ count: true, wrongCount: true }, { attempts: true });
    expect(wrong.score.score).toBe(0);
    expect(wrong.feedback['binary-search']).toContain('Your server said `=` with the number 2, but it should tell how many guesses this game took: 3 (e.g. `= 3`)');
    const missing = await run({}, { attempts: true });
    expect(missing.feedback['binary-search']).toContain('Your server said `=` with no number after it');
  });

  it('plays each difficulty level, in the level range', async () => {
    const levels = { '1': [1, 10] as [number, number], '2': [1, 100] as [number, number], '3': [1, 1000] as [number, number] };
    const result = await run({ levels, secret: 7 }, { levels });
    expect(result.score.score).toBe(100);
    const ignored = await run({}, { levels });
    expect(ignored.feedback['binary-search']).toContain('We chose the difficulty level by sending `1` and expected `OK`, but got `+`.');
  });

  it('runs the abort check when the teacher adds it', async () => {
    const tests = [guessServerAbortTest];
    const ok = await run({ abortWord: 'ABBRUCH' }, {}, tests);
    expect(ok.statuses).toEqual(['passed']);
    expect(ok.feedback.abort).toContain('your server ended the game and closed the connection, and the next game worked');
    const ignored = await run({ abortWord: 'ABBRUCH', ignoreAbort: true }, {}, tests);
    expect(ignored.statuses).toEqual(['failed']);
    expect(ignored.feedback.abort).toContain('Your server did not close the connection within 200 ms.');
  });
});
