import { describe, expect, it } from 'vitest';
import { echoTcpServer } from './assignments.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { startFakeTcpServer, type TcpBehavior } from '../testing/fake-servers.js';

const assignment = fastAssignment(echoTcpServer);
const run = (behavior: TcpBehavior) => runFakeServerPeer(assignment, () => startFakeTcpServer(behavior));

describe('echo-tcp-server suite', () => {
  it('gives a correct echo server full marks', async () => {
    const result = await run('echo');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback['short-ascii']).toBe('We sent `Hallo` (5 bytes) and got exactly the same 5 bytes back.');
  });

  it("passes the course's one-recv-then-close server except on non-UTF-8 bytes (90/100)", async () => {
    const result = await run('course');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.score).toEqual({ score: 90, maxScore: 100 });
    const feedback = result.feedback['non-utf8'] ?? '';
    expect(feedback).toContain('closed the connection without sending anything back');
    expect(feedback).toContain("Your server crashed with `UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte`");
    expect(feedback).toContain('send the bytes from recv() back unchanged');
    expect(feedback).toContain('Your server exited with code 1 during this test.');
  });

  it('fails a lowercasing server everywhere and says why', async () => {
    const result = await run('lowercase');
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.score.score).toBe(0);
    expect(result.feedback['short-ascii']).toBe(
      'We sent `Hallo` (5 bytes) and expected exactly the same bytes back, but got `hallo` (5 bytes).\n\n' +
        'Likely cause: upper and lower case changed (did you call `lower()` or `upper()`?). An echo server must not change the text.',
    );
  });

  it('puts what we sent next to what came back, for failed tests only (issue #9)', async () => {
    const result = await run('newline');
    const byId = new Map(result.grader.results().map((r) => [r.testId, r]));
    expect(byId.get('short-ascii')?.compare).toEqual({ expected: { text: 'Hallo', bytes: 5 }, received: { text: 'Hallo\\n', bytes: 6 } });
    const passing = await run('echo');
    expect(passing.grader.results().every((r) => !('compare' in r))).toBe(true);
    // Nothing came back: the received side is empty, not missing.
    const silent = await run('silent');
    expect(silent.grader.results()[0]?.compare).toEqual({ expected: { text: 'Hallo', bytes: 5 }, received: { text: '', bytes: 0 } });
  });

  it('ends the quiet window after the echo early when the server closes after our FIN (issue #11)', async () => {
    const result = await run('echo');
    const transcript = result.grader.results()[0]?.transcript ?? [];
    expect(transcript.map((e) => e.note ?? e.text).slice(1)).toEqual([
      'Hallo',
      'Hallo',
      "we finished sending (half-close: your recv() now returns b'')",
      'closed by your program',
    ]);
    // The window (graceMs 30 here) did not run out: the server's FIN ended it.
    expect(transcript.some((e) => e.note?.startsWith('nothing more from your program'))).toBe(false);
  });

  it('still catches extra bytes a server sends after the echo, before it closes (issue #11)', async () => {
    const result = await runFakeServerPeer(fastAssignment(echoTcpServer, {}, { graceMs: 150 }), () => startFakeTcpServer('late-extra'));
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['short-ascii']).toContain('Likely cause: you replied with a trailing newline.');
  });

  it('waits the whole quiet window for a server that keeps the connection open after our FIN (issue #11)', async () => {
    const result = await runFakeServerPeer(fastAssignment(echoTcpServer, {}, { graceMs: 150 }), () => startFakeTcpServer('keeps-open'));
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    const transcript = result.grader.results()[0]?.transcript ?? [];
    expect(transcript.map((e) => e.note ?? e.text).slice(3)).toEqual([
      "we finished sending (half-close: your recv() now returns b'')",
      'nothing more from your program for 150 ms',
      'we closed the connection',
    ]);
  });

  it('names a trailing newline as the likely cause', async () => {
    const result = await run('newline');
    expect(result.feedback['short-ascii']).toContain('got `Hallo\\n` (6 bytes)');
    expect(result.feedback['short-ascii']).toContain('Likely cause: you replied with a trailing newline.');
  });

  it('times out every test of a server that accepts and never answers', async () => {
    const result = await run('silent');
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.score.score).toBe(0);
    expect(result.feedback['short-ascii']).toContain('We sent `Hallo` (5 bytes) and waited 200 ms, but your server sent nothing back.');
    const transcript = result.grader.results()[0]?.transcript ?? [];
    expect(transcript.map((e) => e.note ?? e.text)).toEqual(['connected to 127.0.0.1:' + String(transcript[0]?.note?.split(':')[1]), 'Hallo', 'nothing more from your program for 200 ms', 'we closed the connection']);
  });

  it('waits the full time only on the first test of a server that never answers (issue #11)', async () => {
    const startedAt = Date.now();
    const result = await runFakeServerPeer(fastAssignment(echoTcpServer, { testMs: 10_000 }, { replyMs: 1000, silentReplyMs: 50 }), () => startFakeTcpServer('silent'));
    // One full wait of 1000 ms, then six of 50 ms, each plus up to 200 ms for our close:
    // about 2.7 s, where seven full waits take at least 8.4 s.
    expect(Date.now() - startedAt).toBeLessThan(6000);
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.feedback['short-ascii']).toBe(
      'We sent `Hallo` (5 bytes) and waited 1000 ms, but your server sent nothing back. Does it call send() (or better sendall()) with the received bytes after recv()? Is it perhaps still busy with an earlier client?',
    );
    for (const id of ['utf8-text', 'long-1024', 'line-with-newline', 'successive', 'two-clients', 'non-utf8']) {
      expect(result.feedback[id]).toContain('waited 50 ms, but your server sent nothing back');
      expect(result.feedback[id]).toContain('Your server had not answered the test "A short message" either (we waited 1000 ms there) and has sent nothing since, so here we waited only 50 ms.');
    }
  });

  it('fails a server that closes every connection at once', async () => {
    const result = await run('close-at-once');
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['short-ascii']).toMatch(/^We sent `Hallo` \(5 bytes\), but your server (closed|reset) the connection/);
    // It decodes nothing: no UTF-8 hint (issue #13).
    expect(result.feedback['non-utf8']).not.toContain('UTF-8');
  });

  it('waits for an exit report in full only once for a server that closes connections and lives on (issue #11)', async () => {
    const startedAt = Date.now();
    const result = await runFakeServerPeer(fastAssignment(echoTcpServer, {}, { exitReportMs: 1500 }), () => startFakeTcpServer('close-at-once'));
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    // One wait of 1.5 s, then six of 200 ms: seven full ones took 10.5 s.
    expect(Date.now() - startedAt).toBeLessThan(6000);
  });

  it('still shows the traceback of a crash after the server lived on through closed connections', async () => {
    const result = await runFakeServerPeer(fastAssignment(echoTcpServer), () => startFakeTcpServer('closes-then-crashes'));
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['non-utf8']).toContain("Your server crashed with `UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff");
    expect(result.feedback['non-utf8']).toContain('Your server exited with code 1 during this test.');
  });

  it('guesses a decoding crash when a server that still echoes text drops only the non-UTF-8 bytes', async () => {
    const result = await run('thread-dies-on-binary');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.feedback['non-utf8']).toContain('Your server probably tried to turn our bytes into text: these bytes are not valid UTF-8');
  });

  it('scores a server that exits after one client 15/100 and says it is gone', async () => {
    const result = await run('one-client-then-exit');
    expect(result.statuses).toEqual(['passed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.score.score).toBe(15);
    expect(result.feedback['non-utf8']).toContain('Your server is no longer running');
    expect(result.feedback['non-utf8']).toContain('exited with code 0');
  });
});

describe('echo-tcp-server with several messages per connection (optional param)', () => {
  const strict = fastAssignment(echoTcpServer, {}, { messagesPerConnection: 2 });

  it('passes a server that loops over recv', async () => {
    const result = await runFakeServerPeer(strict, () => startFakeTcpServer('echo'));
    expect(result.statuses[4]).toBe('passed');
    expect(result.feedback.successive).toBe('We opened 3 connections with 2 messages each; every message came back unchanged.');
  });

  it("fails the course's one-message server there and says why", async () => {
    const result = await runFakeServerPeer(strict, () => startFakeTcpServer('course'));
    expect(result.statuses[4]).toBe('failed');
    expect(result.feedback.successive).toContain('Connection 1 of 3, message 2 of 2: ');
    expect(result.feedback.successive).toContain('Your server closed the connection after the first message.');
  });
});
