import { describe, expect, it } from 'vitest';
import { echoUdpServer } from './assignments.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { startFakeUdpServer, type UdpBehavior } from '../testing/fake-servers.js';

const assignment = fastAssignment(echoUdpServer);
const run = (behavior: UdpBehavior) => runFakeServerPeer(assignment, () => startFakeUdpServer(behavior));

describe('echo-udp-server suite', () => {
  it('gives a correct UDP echo server full marks', async () => {
    const result = await run('echo');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
  });

  it("scores the course's UDP server 90/100: it crashes on non-UTF-8 and we say so at once", async () => {
    const result = await run('course');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.score.score).toBe(90);
    const feedback = result.feedback['non-utf8'] ?? '';
    expect(feedback).toContain('but your server stopped running before it replied');
    expect(feedback).toContain('UnicodeDecodeError');
    // The exit ends the wait: no need to sit out the reply timeout.
    expect(result.grader.results()[6]?.durationMs).toBeLessThan(250);
  });

  it('fails a server that decorates its reply, naming the added text', async () => {
    const result = await run('wrong-reply');
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['short-ascii']).toContain('got `Echo: Hallo` (11 bytes)');
    expect(result.feedback['short-ascii']).toContain('Likely cause: your reply contains our message, but with text added around it.');
    expect(result.grader.results()[0]?.compare).toEqual({ expected: { text: 'Hallo', bytes: 5 }, received: { text: 'Echo: Hallo', bytes: 11 } });
  });

  it('times out a server that never replies', async () => {
    const result = await run('silent');
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.feedback['short-ascii']).toContain('Does it call sendto(daten, addr)');
  });

  it('waits the full time only on the first test of a server that never replies (issue #11)', async () => {
    const result = await runFakeServerPeer(fastAssignment(echoUdpServer, {}, { silentReplyMs: 50 }), () => startFakeUdpServer('silent'));
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.feedback['short-ascii']).toContain('waited 200 ms, but your server sent nothing back');
    expect(result.feedback['short-ascii']).not.toContain('waited only');
    expect(result.feedback['non-utf8']).toContain('waited 50 ms, but your server sent nothing back');
    expect(result.feedback['non-utf8']).toContain('Your server had not answered the test "A short message" either (we waited 200 ms there) and has sent nothing since, so here we waited only 50 ms.');
  });
});
