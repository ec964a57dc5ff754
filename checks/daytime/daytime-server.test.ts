import { describe, expect, it } from 'vitest';
import { bindFakeUdp, type FakeServer, listenFakeTcp } from '../testing/fake-servers.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { daytimeTcpServer, daytimeUdpServer } from './assignments.js';

type TcpBehavior = 'correct' | 'waits' | 'keeps-open' | 'hour-ahead' | 'silent' | 'stale' | 'crashes';
type UdpBehavior = 'correct' | 'skips-empty' | 'echo' | 'silent' | 'crashes' | 'stale';

const TRACEBACK = 'Traceback (most recent call last):\n  File "/work/server.py", line 9, in <module>\nNameError: name \'zeit\' is not defined\n';

/** `Wed, 03 Jan 2024 09:05:07 GMT`, like email.utils.formatdate(usegmt=True). */
const now = (): Buffer => Buffer.from(`${new Date().toUTCString()}\r\n`);
/** German winter time added by hand, no zone: `03.01.2024 10:05:07`. */
const hourAhead = (): Buffer => {
  const [date = '', time = ''] = new Date(Date.now() + 3_600_000).toISOString().split('T');
  const [y, m, d] = date.split('-');
  return Buffer.from(`${d}.${m}.${y} ${time.slice(0, 8)}`);
};

function fakeTcpDaytime(behavior: TcpBehavior): Promise<FakeServer> {
  const startedAt = now();
  return listenFakeTcp((socket, shutdown) => {
    if (behavior === 'silent') return;
    if (behavior === 'crashes') return shutdown({ exitCode: 1, stderr: TRACEBACK });
    if (behavior === 'waits') return void socket.once('data', () => socket.end(now()));
    if (behavior === 'keeps-open') return void socket.write(now());
    socket.end(behavior === 'hour-ahead' ? hourAhead() : behavior === 'stale' ? startedAt : now());
  });
}

function fakeUdpDaytime(behavior: UdpBehavior): Promise<FakeServer> {
  const startedAt = now();
  return bindFakeUdp((data, remote, socket, shutdown) => {
    if (behavior === 'silent' || (behavior === 'skips-empty' && data.length === 0)) return;
    if (behavior === 'crashes') return shutdown({ exitCode: 1, stderr: TRACEBACK });
    const reply = behavior === 'echo' ? data : behavior === 'stale' ? startedAt : now();
    socket.send(reply, remote.port, remote.address);
  });
}

const fast = { closeMs: 100, gapMs: 50 };
const tcp = fastAssignment(daytimeTcpServer, {}, fast);
const udp = fastAssignment(daytimeUdpServer, {}, fast);
const runTcp = (behavior: TcpBehavior, assignment = tcp) => runFakeServerPeer(assignment, () => fakeTcpDaytime(behavior));
const runUdp = (behavior: UdpBehavior, assignment = udp) => runFakeServerPeer(assignment, () => fakeUdpDaytime(behavior));

describe('daytime-tcp-server suite', () => {
  it('gives a correct server full marks and says what it read', async () => {
    const result = await runTcp('correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback['sends-at-once']).toMatch(/^We connected without sending anything, and your server sent `\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT\\r\\n`: right away/);
    expect(result.feedback['correct-time']).toMatch(/The real time was .* UTC: (exactly right|\d s behind, close enough) \(we allow ±5 s\)\./);
    expect(result.feedback.successive).toContain('We asked 3 times');
  });

  it('grades the answer of a server that waits for input, but not its first test (80/100)', async () => {
    const result = await runTcp('waits');
    expect(result.statuses).toEqual(['failed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score.score).toBe(80);
    expect(result.feedback['sends-at-once']).toContain('Only after we sent a line break (`\\r\\n`) did your server send');
    expect(result.feedback['sends-at-once']).toContain('do not call `recv()` first');
  });

  it('nudges a server that answered only after a nudge early on the later tests (issue #11)', async () => {
    const result = await runTcp('waits', fastAssignment(daytimeTcpServer, {}, { ...fast, replyMs: 600, nudgeAfterMs: 50 }));
    expect(result.statuses).toEqual(['failed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.feedback['sends-at-once']).toContain('We connected and waited 600 ms without sending anything, as a daytime client does: nothing came.');
    expect(result.feedback['readable-time']).toContain(
      'We connected and waited 50 ms without sending anything, as a daytime client does (an earlier test showed that your server answers only after we send something, so we did not wait longer): nothing came. Only after we sent a line break',
    );
    // The first test's transcript: 600 ms of silence before the nudge; a later one's: 50 ms.
    const nudgeAt = (id: string) => result.grader.results().find((r) => r.testId === id)?.transcript.find((e) => e.dir === 'send')?.t ?? -1;
    expect(nudgeAt('sends-at-once')).toBeGreaterThanOrEqual(590);
    expect(nudgeAt('readable-time')).toBeLessThan(400);
  });

  it('fails a server that keeps the connection open only on `closes` (85/100)', async () => {
    const result = await runTcp('keeps-open');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'failed', 'passed']);
    expect(result.feedback.closes).toContain('but then kept the connection open: we waited another 100 ms');
  });

  it('names German time without a zone (55/100)', async () => {
    const result = await runTcp('hour-ahead');
    expect(result.statuses).toEqual(['passed', 'passed', 'failed', 'passed', 'failed']);
    expect(result.score.score).toBe(55);
    expect(result.feedback['correct-time']).toContain('your time is exactly 1 hour ahead of UTC');
    expect(result.feedback.successive).toMatch(/^Connection 1 of 3: /);
  });

  it('times out a silent server after waiting, nudging and waiting again', async () => {
    const result = await runTcp('silent', fastAssignment(daytimeTcpServer, {}, { ...fast, replyMs: 80 }));
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.feedback['sends-at-once']).toBe(
      'We connected and waited 80 ms, then sent a line break (`\\r\\n`) and waited another 80 ms: your server sent nothing. A daytime server sends the time right after `accept()`, e.g. `client_serving_socket.send(string2bytes(time.ctime()))`. Is it perhaps still busy with an earlier client?',
    );
  });

  it('reports a crash with its traceback, and later tests that the server is gone', async () => {
    const result = await runTcp('crashes');
    expect(result.statuses.every((s) => s === 'failed')).toBe(true);
    expect(result.feedback['sends-at-once']).toContain('without sending anything');
    expect(result.feedback['sends-at-once']).toContain("NameError: name 'zeit' is not defined");
    expect(result.feedback['readable-time']).toContain('Your server is no longer running');
  });

  it('catches a clock read once at start in `successive`', { timeout: 10_000 }, async () => {
    const result = await runTcp('stale', fastAssignment(daytimeTcpServer, {}, { closeMs: 100, gapMs: 550 }));
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.feedback.successive).toContain('Your server seems to read the clock once, when it starts.');
  });
});

describe('daytime-udp-server suite', () => {
  it('gives a correct server full marks', async () => {
    const result = await runUdp('correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.feedback['empty-datagram']).toMatch(/^We sent an empty datagram, and your server answered `.* GMT\\r\\n`\.$/);
    expect(result.feedback['text-datagram']).toMatch(/^We sent `Wie spät ist es\?`, and your server answered `.*`: a time, as it should be\.$/);
  });

  it('fails a server that ignores empty datagrams only on that test (80/100)', async () => {
    const result = await runUdp('skips-empty');
    expect(result.statuses).toEqual(['failed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score.score).toBe(80);
    expect(result.feedback['empty-datagram']).toContain('Do you skip empty data (`if not daten:`)?');
  });

  it('nudges a server that ignores empty datagrams early on the later tests (issue #11)', async () => {
    const result = await runUdp('skips-empty', fastAssignment(daytimeUdpServer, {}, { ...fast, replyMs: 600, nudgeAfterMs: 50 }));
    expect(result.statuses).toEqual(['failed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.feedback['empty-datagram']).toContain('We sent an empty datagram and waited 600 ms: no answer.');
    expect(result.feedback['readable-time']).toContain('We sent an empty datagram and waited 50 ms (an earlier test showed that your server answers only after we send something, so we did not wait longer): no answer.');
  });

  it('fails an echo server and says the text was ours', async () => {
    const result = await runUdp('echo');
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['empty-datagram']).toContain('your server answered with an empty datagram');
    expect(result.feedback['readable-time']).toContain('your server answered with an empty datagram');
    expect(result.feedback['text-datagram']).toContain('That is our own text');
  });

  it('times out a silent server, naming sendto', async () => {
    const result = await runUdp('silent', fastAssignment(daytimeUdpServer, {}, { ...fast, replyMs: 80 }));
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.feedback['empty-datagram']).toBe(
      'We sent an empty datagram and then `Wie spät ist es?` and waited 80 ms for each: no answer came. Does your server call `sendto(..., addr)` with the address that `recvfrom()` returned?',
    );
  });

  it('says at once that a crashed server stopped running', async () => {
    const result = await runUdp('crashes');
    expect(result.statuses.every((s) => s === 'failed')).toBe(true);
    expect(result.feedback['empty-datagram']).toContain('but your server stopped running before it answered');
    expect(result.feedback['empty-datagram']).toContain('NameError');
    expect(result.grader.results()[0]?.durationMs).toBeLessThan(300);
  });

  it('catches a clock read once at start in `successive`', { timeout: 10_000 }, async () => {
    const result = await runUdp('stale', fastAssignment(daytimeUdpServer, {}, { gapMs: 550 }));
    expect(result.statuses[4]).toBe('failed');
    expect(result.feedback.successive).toContain('Your server seems to read the clock once');
  });
});
