import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from '../testing/fake-grader.js';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { guessClient } from './assignments.js';
import { plannedGuesses, secretFor } from './guess-client-scenario.js';

type Behavior =
  | 'correct' // sends each line, prints the meaning, stops after "=", prints the result
  | 'no-stop' // sends every line, even after "="
  | 'swapped' // prints "größer" for "-"
  | 'raw' // prints the raw answer and, at the end, the secret
  | 'no-result' // prints the meaning, but no result line with the number
  | 'hangs' // after "=" waits for more
  | 'bytes-repr' // sends str(bytes): b'50'
  | 'autoplay' // binary search on its own
  | 'autoplay-dumb'; // on its own, but ignores the answers (1, 2, 3, …)

function startFakeGuessClient(behavior: Behavior, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  const lines = (request.stdin ?? '').split('\n').filter((line) => line !== '');
  let stdout = '';
  const print = (text: string): void => void (stdout += `${text}\n`);
  let stop: () => void = () => {};
  const startedAt = Date.now();
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    let finished = false;
    const socket = net.connect({ host, port: Number(portText) });
    const finish = (result: Partial<StudentRunResult>): void => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      resolve({ stdout, durationMs: Date.now() - startedAt, ...result });
    };
    const killTimer = setTimeout(() => {
      socket.destroy();
      finish({ exitCode: 137, timedOut: true });
    }, request.timeoutMs ?? 10_000);
    stop = () => {
      socket.destroy();
      finish({ exitCode: 137, stopped: true });
    };
    socket.on('error', () => finish({ exitCode: 1, stderr: 'ConnectionResetError\n' }));
    const replies: Buffer[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    socket.on('data', (chunk: Buffer) => {
      replies.push(chunk);
      wake?.();
    });
    socket.on('end', () => {
      closed = true;
      wake?.();
    });
    const recv = async (): Promise<string> => {
      while (replies.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      return (replies.shift() ?? Buffer.alloc(0)).toString('utf8');
    };
    socket.on('connect', async () => {
      const autoplay = behavior === 'autoplay' || behavior === 'autoplay-dumb';
      let [lo, hi] = [1, 100];
      let count = 0;
      for (let i = 0; autoplay || i < lines.length; i += 1) {
        const guess = behavior === 'autoplay' ? Math.floor((lo + hi) / 2) : behavior === 'autoplay-dumb' ? ((i * 37) % 100) + 1 : Number(lines[i]);
        socket.write(behavior === 'bytes-repr' ? `b'${guess}'` : behavior === 'autoplay-dumb' ? `${guess}\n` : String(guess));
        count += 1;
        const answer = (await recv()).trim();
        if (answer === '-') hi = guess - 1;
        if (answer === '+') lo = guess + 1;
        if (behavior === 'raw' || behavior === 'no-stop') print(answer);
        else if (answer === '-') print(behavior === 'swapped' ? 'Die gesuchte Zahl ist größer.' : 'Die gesuchte Zahl ist kleiner.');
        else if (answer === '+') print(behavior === 'swapped' ? 'Die gesuchte Zahl ist kleiner.' : 'Die gesuchte Zahl ist größer.');
        else if (answer === '=') print(behavior === 'no-result' ? 'Richtig!' : `Richtig! Die Zahl war ${guess}. Du hast ${count} Versuche gebraucht.`);
        if (answer === '' && closed) break;
        if (answer === '=' && behavior !== 'no-stop') break;
      }
      if (behavior === 'raw') print(`Gesucht war ${lines.find((_, i) => i === count - 1)}`);
      if (behavior === 'hangs') return;
      socket.end();
      socket.once('close', () => finish({ exitCode: 0 }));
    });
  });
  return { exited, stop: () => stop() };
}

const assignment = fastAssignment(guessClient, { clientRunMs: 600 });
const run = (behavior: Behavior, params: Record<string, unknown> = {}) =>
  runFakePeer({ ...assignment, params: { ...assignment.params, ...params } }, (request) => startFakeGuessClient(behavior, request));

describe('planned games', () => {
  it('draws secrets with room on both sides, from the seed', () => {
    const range = { min: 1, max: 100 };
    const secrets = ['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => secretFor(seed, 'main', range));
    for (const secret of secrets) expect(secret).toBeGreaterThanOrEqual(21), expect(secret).toBeLessThanOrEqual(80);
    expect(new Set(secrets).size).toBeGreaterThan(1);
    expect(secretFor('a', 'main', range)).toBe(secretFor('a', 'main', range));
  });

  it('types guesses above and below in turn, the secret, then extras', () => {
    expect(plannedGuesses('main', { min: 1, max: 100 }, 37)).toEqual({ typed: [81, 15, 50, 32, 37, 1, 100], extra: 2 });
    expect(plannedGuesses('quick', { min: 1, max: 100 }, 60)).toEqual({ typed: [30, 60, 1], extra: 1 });
    // A tiny range still gives distinct guesses in range.
    const tiny = plannedGuesses('main', { min: 1, max: 3 }, 2);
    expect(tiny.typed.slice(0, 3)).toEqual([3, 1, 2]);
  });
});

describe('guess-client suite', () => {
  it('gives a correct client full marks, from two client runs', async () => {
    const result = await run('correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.grader.starts).toHaveLength(2);
    expect(result.grader.starts[0]?.stdin).toMatch(/^(\d+\n){7}$/);
    expect(result.feedback['sends-guesses']).toMatch(/^Our server received your 5 guesses exactly as typed: `\d+`, `\d+`, `\d+`, `\d+`, `\d+`\.$/);
    expect(result.feedback['stops-after-correct']).toBe('After `=` your client sent nothing more (2 more guesses were still waiting on stdin).');
  });

  it('accepts the raw symbols as the printed answers', async () => {
    const result = await run('raw');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
  });

  it('fails a client that keeps sending after `=` (50/100)', async () => {
    const result = await run('no-stop');
    expect(result.statuses).toEqual(['passed', 'passed', 'failed', 'failed', 'passed', 'failed']);
    expect(result.score.score).toBe(50);
    expect(result.feedback['stops-after-correct']).toMatch(/^After our answer `=` the game is over, but your client still sent `1` \(the guesses `1` and `100` we typed after the secret\)\. Stop the loop/);
  });

  it('fails swapped meanings and says which answer (65/100)', async () => {
    const result = await run('swapped');
    expect(result.statuses).toEqual(['passed', 'failed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.score.score).toBe(65);
    expect(result.feedback['prints-answers']).toMatch(/^For our answer `-` to your guess `\d+` your client printed `Die gesuchte Zahl ist größer\.`, which says the opposite\./);
  });

  it('fails a missing result line', async () => {
    const result = await run('no-result');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'failed', 'passed', 'failed']);
    expect(result.feedback['reports-result']).toMatch(/^After `=` your client should print the result with the secret number \(\d+\), e\.g\. `Richtig! Die Zahl war \d+\.`/);
  });

  it('asks for the number of guesses when the teacher wants it', async () => {
    expect((await run('correct', { reportAttempts: true })).score.score).toBe(100);
    const raw = await run('raw', { reportAttempts: true });
    expect(raw.feedback['reports-result']).toContain('should print the result with the number of guesses (5)');
  });

  it('times out a client that waits after `=`, with what it did', async () => {
    const result = await run('hangs');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'timeout', 'timeout']);
    expect(result.feedback['exits-cleanly']).toBe(
      'Your client was still running after 600 ms, so we stopped it. It got `=` from us, but did not end. After `=` print the result, close the socket and let the program end.',
    );
  });

  it('fails a client that sends the text of a bytes object', async () => {
    const result = await run('bytes-repr');
    expect(result.statuses[0]).toBe('failed');
    expect(result.feedback['sends-guesses']).toMatch(/^Your client sent `b'\d+'`, which is not a whole number, so our server closed the connection\./);
    expect(result.feedback['sends-guesses']).toContain('It looks like you sent the text of a bytes object');
  });
});

describe('guess-client playing on its own (params.autoplay)', () => {
  it('passes binary search with empty stdin', async () => {
    const result = await run('autoplay', { autoplay: true });
    expect(result.grader.starts[0]?.stdin).toBe('');
    expect(result.score.score).toBe(100);
    expect(result.feedback['sends-guesses']).toMatch(/^Your client found the secret \d+ in \d+ guesses, and every guess used the answers so far\.$/);
  });

  it('fails a client that ignores the answers', async () => {
    const result = await run('autoplay-dumb', { autoplay: true });
    expect(result.statuses[0]).toBe('failed');
    expect(result.feedback['sends-guesses']).toMatch(/^Your client guessed `\d+`, which was already ruled out/);
  });
});
