import { describe, expect, it } from 'vitest';
import { bindFakeUdp, type FakeServer } from '../testing/fake-servers.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { charcountUdpServer } from './assignments.js';

type Behavior = 'correct' | 'bytes' | 'strip' | 'chatty' | 'skips-empty' | 'crashes-on-emoji';

/** A character-count server written in Node, behaving like the Python submissions we grade. */
function fakeCharcount(behavior: Behavior): Promise<FakeServer> {
  return bindFakeUdp((data, remote, socket, shutdown) => {
    const text = data.toString('utf8');
    if (behavior === 'skips-empty' && data.length === 0) return;
    if (behavior === 'crashes-on-emoji' && /\p{Extended_Pictographic}/u.test(text)) {
      return shutdown({ exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/server.py", line 12, in <module>\nUnicodeEncodeError: \'latin-1\' codec can\'t encode character \'\\U0001f600\'\n' });
    }
    const n =
      behavior === 'bytes' ? data.length : behavior === 'strip' ? [...text.trim()].length : [...text.replace(/\r?\n$/, '')].length;
    const reply = behavior === 'chatty' ? `Anzahl der Zeichen: ${n}` : `${n}\n`;
    socket.send(Buffer.from(reply), remote.port, remote.address);
  });
}

const assignment = fastAssignment(charcountUdpServer);
const run = (behavior: Behavior) => runFakeServerPeer(assignment, () => fakeCharcount(behavior));

describe('charcount-udp-server suite', () => {
  it('gives a correct server full marks', async () => {
    const result = await run('correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback.umlauts).toBe('We sent `Grüße aus Köln` (14 characters, 17 bytes) and got `14`.');
    expect(result.feedback['line-break']).toBe(
      'We sent `Hallo\\n` (5 characters without the line break at the end, 6 bytes) and got `5`.\nWe sent `Hallo\\r\\n` (5 characters without the line break at the end, 7 bytes) and got `5`.',
    );
    expect(result.feedback.empty).toBe('We sent an empty datagram (0 characters) and got `0`.');
  });

  it('fails counting bytes wherever bytes and characters differ (35/100)', async () => {
    const result = await run('bytes');
    expect(result.statuses).toEqual(['passed', 'failed', 'failed', 'failed', 'passed', 'passed', 'failed']);
    expect(result.score.score).toBe(35);
    expect(result.feedback.umlauts).toBe(
      'We sent `Grüße aus Köln` (14 characters, 17 bytes) and expected `14`, but got `17\\n`.\n\nLikely cause: you counted bytes, not characters. In UTF-8, `ü` takes 2 bytes, `€` 3 and `😀` 4, but each is one character. `len(daten)` counts the bytes of the datagram; decode first and count the text: `len(bytes2string(daten))`.',
    );
    expect(result.feedback.successive).toMatch(/^Datagram 3 of 3: We sent `Straße`/);
    expect(result.feedback.successive).toContain('The first 2 datagrams were answered correctly.');
  });

  it('fails strip() on the spaces test only', async () => {
    const result = await run('strip');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'failed', 'passed', 'passed']);
    expect(result.feedback.spaces).toContain('with `strip()`?');
  });

  it('explains an answer with words around the number', async () => {
    const result = await run('chatty');
    expect(result.score.score).toBe(0);
    expect(result.feedback['short-ascii']).toBe(
      'We sent `Hallo Welt` (10 characters) and expected `10`, but got `Anzahl der Zeichen: 10`. Your answer contains the right number, 10, but also other text. Send only the number: `string2bytes(str(anzahl))`.',
    );
  });

  it('times out the empty datagram of a server that skips it', async () => {
    const result = await run('skips-empty');
    expect(result.statuses[5]).toBe('timeout');
    expect(result.feedback.empty).toContain('Do you skip empty datagrams? An empty text has 0 characters');
  });

  it('reports a crash, and the tests after it find the server gone', async () => {
    const result = await run('crashes-on-emoji');
    expect(result.statuses).toEqual(['passed', 'passed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['euro-emoji']).toContain('but your server stopped running before it answered');
    expect(result.feedback['euro-emoji']).toContain('UnicodeEncodeError');
    expect(result.feedback['line-break']).toContain('Your server is no longer running');
  });
});
