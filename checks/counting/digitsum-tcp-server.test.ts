import { describe, expect, it } from 'vitest';
import { type FakeServer, listenFakeTcp } from '../testing/fake-servers.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { digitsumTcpServer } from './assignments.js';

type Behavior =
  | 'correct' // course style, with try/except: one recv, answer, close
  | 'keeps-open' // answers, then waits for the client to close
  | 'naive' // sums int(c) for every character: crashes on the line break
  | 'float' // goes through a float: long numbers come out wrong
  | 'error-as-zero' // answers 0 for words
  | 'silent';

const VALUE_ERROR = 'Traceback (most recent call last):\n  File "/work/server.py", line 14, in <module>\n    summe += int(ziffer)\nValueError: invalid literal for int() with base 10: \'\\n\'\n';

/** What a Python server would answer for `text`, or null for a crash. */
function answer(behavior: Behavior, text: string): string | null {
  const digits = text.trim().replace(/^[+-]/, '');
  if (!/^\d+$/.test(digits)) {
    if (behavior === 'naive') return null;
    return behavior === 'error-as-zero' ? '0' : 'Fehler: keine Zahl';
  }
  if (behavior === 'naive' && text !== text.trim()) return null;
  if (behavior === 'naive' && /^[+-]/.test(text)) return null;
  const source = behavior === 'float' ? Number(digits).toString() : digits;
  return String([...source].filter((c) => /\d/.test(c)).reduce((sum, c) => sum + Number(c), 0));
}

function fakeDigitsum(behavior: Behavior): Promise<FakeServer> {
  return listenFakeTcp((socket, shutdown) => {
    if (behavior === 'silent') return;
    socket.once('data', (chunk: Buffer) => {
      const reply = answer(behavior, chunk.toString('utf8'));
      if (reply === null) return shutdown({ exitCode: 1, stderr: VALUE_ERROR });
      if (behavior === 'keeps-open') socket.write(reply);
      else socket.end(reply);
    });
  });
}

const assignment = fastAssignment(digitsumTcpServer, {}, { settleMs: 50 });
const run = (behavior: Behavior) => runFakeServerPeer(assignment, () => fakeDigitsum(behavior));

describe('digitsum-tcp-server suite', () => {
  it('gives a one-number-per-connection server full marks', async () => {
    const result = await run('correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback['small-number']).toBe('We sent `4711` and got `13`.');
    expect(result.feedback['not-a-number']).toBe(
      'We sent `zwölf`, which is not a number, and got the message `Fehler: keine Zahl`. Then we sent `123` on a new connection and got `6`: your server survived.',
    );
  });

  it('passes a server that keeps the connection open', async () => {
    const result = await run('keeps-open');
    expect(result.score.score).toBe(100);
  });

  it('reports the crash of a naive server on the line break, and the rest as gone (65/100)', async () => {
    const result = await run('naive');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'failed', 'failed', 'failed']);
    expect(result.score.score).toBe(65);
    expect(result.feedback['with-newline']).toContain('We sent `12345\\n`, but your server closed the connection without answering.');
    expect(result.feedback['with-newline']).toContain("ValueError: invalid literal for int() with base 10: '\\n'");
    expect(result.feedback['with-newline']).toContain('The line break after the number is no digit: `int("\\n")` raises a `ValueError`.');
    expect(result.feedback.signs).toContain('Your server is no longer running');
  });

  it('names float as the cause for the long number', async () => {
    const result = await run('float');
    expect(result.statuses[1]).toBe('failed');
    expect(result.feedback['big-number']).toContain('We sent `98765432109876543210987654321` and expected `135`, but got');
    expect(result.feedback['big-number']).toContain('too long for a `float`');
    const compare = result.grader.results().find((r) => r.testId === 'big-number')?.compare;
    expect(compare?.expected).toEqual({ text: '135', bytes: 3 });
    expect(compare?.received.text).not.toBe('135');
  });

  it('fails a digit sum as the answer to a word', async () => {
    const result = await run('error-as-zero');
    expect(result.statuses[6]).toBe('failed');
    expect(result.feedback['not-a-number']).toContain('That looks like a digit sum; tell the user instead');
  });

  it('times out a silent server and mentions the missing line break', async () => {
    const result = await run('silent');
    expect(result.statuses.every((s) => s === 'timeout')).toBe(true);
    expect(result.feedback['small-number']).toContain('We send the number without a line break');
  });

  it('waits the full time only on the first test of a silent server (issue #11)', async () => {
    const result = await runFakeServerPeer(fastAssignment(digitsumTcpServer, {}, { settleMs: 50, silentReplyMs: 50 }), () => fakeDigitsum('silent'));
    expect(result.statuses.every((s) => s === 'timeout')).toBe(true);
    const [first, ...later] = digitsumTcpServer.tests;
    expect(result.feedback[first?.id ?? '']).toContain('waited 200 ms, but your server sent nothing back');
    for (const test of later) {
      expect(result.feedback[test.id]).toContain('waited 50 ms, but your server sent nothing back');
      expect(result.feedback[test.id]).toContain(`Your server had not answered the test "${first?.name}" either (we waited 200 ms there)`);
    }
  });
});
