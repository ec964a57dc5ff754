import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { echoTcpServer } from '../echo/assignments.js';
import { fastAssignment } from '../testing/run-fake-peer.js';
import { countResources, findLeftovers } from './clean-state.js';
import { encodeMessage, parsePeerMessage, type PeerMessage } from './protocol.js';
import { serveRuns, type ServeRunsOptions } from './serve-runs.js';
import { LineTransport } from './transport.js';

const config = { type: 'config' as const, config: { assignment: fastAssignment(echoTcpServer), seed: 's', podHostname: 'sandbox' } };

/** A peer on in-process streams; its suites are none, so a run reports every test as our fault and says done. */
function peer(overrides: Partial<ServeRunsOptions> = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  const received: PeerMessage[] = [];
  let buffered = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffered += chunk;
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const message = parsePeerMessage(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
      if (message) received.push(message);
    }
  });
  const transport = new LineTransport(input, output, { log: () => {} });
  const ended = serveRuns({ transport, loadSuites: async () => ({}), findLeftovers: async () => null, log: () => {}, idleWaitMs: 5_000, resetWaitMs: 5_000, maxRuns: 10, ...overrides });
  const waitFor = async (type: PeerMessage['type'], count: number) => {
    const deadline = Date.now() + 5_000;
    while (received.filter((m) => m.type === type).length < count) {
      if (Date.now() > deadline) throw new Error(`no ${count} × ${type}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { input, received, ended, waitFor, send: (message: object) => input.write(encodeMessage(message as never)) };
}

describe('a peer serving runs one after the other (issue #11)', () => {
  it('grades a run per config, answers each reset clean, and ends when the grader goes', async () => {
    const p = peer();
    for (let run = 1; run <= 2; run += 1) {
      p.send(config);
      await p.waitFor('done', run);
      // A late line of the run just ended is not a config and not a reset: dropped.
      p.send({ type: 'student-exited', result: { runId: 'server' } });
      p.send({ type: 'reset' });
      await p.waitFor('reset-done', run);
    }
    expect(p.received.filter((m) => m.type === 'reset-done')).toEqual([
      { type: 'reset-done', clean: true, runs: 1 },
      { type: 'reset-done', clean: true, runs: 2 },
    ]);
    expect(p.received.filter((m) => m.type === 'test-result')).toHaveLength(2 * echoTcpServer.tests.length);
    p.input.end();
    expect(await p.ended).toBe('idle');
  });

  it('retires after a reset that finds something of the run left, and grades nothing more', async () => {
    const p = peer({ findLeftovers: async () => 'the run left active handles: 1 × TCPServerWrap' });
    p.send(config);
    await p.waitFor('done', 1);
    p.send({ type: 'reset' });
    expect(await p.ended).toBe('retired');
    expect(p.received.at(-1)).toEqual({ type: 'reset-done', clean: false, reason: 'the run left active handles: 1 × TCPServerWrap', runs: 1 });
    p.send(config);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.received.filter((m) => m.type === 'done')).toHaveLength(1);
  });

  it('retires after its last run whatever the check says', async () => {
    const p = peer({ maxRuns: 1 });
    p.send(config);
    await p.waitFor('done', 1);
    p.send({ type: 'reset' });
    expect(await p.ended).toBe('retired');
    expect(p.received.at(-1)).toEqual({ type: 'reset-done', clean: false, reason: 'served 1 runs, the most a peer serves', runs: 1 });
  });

  it('after a reset that asks for a shorter idle wait (a kept pod), exits once that passes without a config', async () => {
    const p = peer({ idleWaitMs: 60_000 });
    p.send(config);
    await p.waitFor('done', 1);
    p.send({ type: 'reset', idleExitMs: 100 });
    await p.waitFor('reset-done', 1);
    const waited = Date.now();
    expect(await p.ended).toBe('idle');
    expect(Date.now() - waited).toBeLessThan(5_000);
  });

  it('does not wait long for a reset that never comes (its grader was killed mid-run), whatever its idle wait', async () => {
    const p = peer({ idleWaitMs: 60_000, resetWaitMs: 100 });
    p.send(config);
    await p.waitFor('done', 1);
    expect(await p.ended).toBe('idle');
    expect(p.received.filter((m) => m.type === 'reset-done')).toEqual([]);
  });

  it('says done with a note when the grader goes before any config', async () => {
    const p = peer();
    p.input.end();
    expect(await p.ended).toBe('no-config');
    expect(p.received).toEqual([{ type: 'log', message: 'the reference peer got no usable config' }, { type: 'done' }]);
  });
});

describe('the clean-state check', () => {
  const emptyNet = async (name: string) => (name === 'unix' ? 'Num RefCount Protocol Flags Type St Inode Path\n' : '  sl  local_address rem_address   st\n');

  it('finds a server a run left open, and nothing once it is closed', async () => {
    const baseline = countResources(process.getActiveResourcesInfo());
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    expect(await findLeftovers({ baseline, readProcNet: emptyNet, waitMs: 50 })).toBe('the run left active handles: 1 × TCPServerWrap');
    await new Promise((resolve) => server.close(resolve));
    expect(await findLeftovers({ baseline, readProcNet: emptyNet, waitMs: 50 })).toBeNull();
  });

  it("finds any socket still listed in the pod's namespace, and memory the run left", async () => {
    const baseline = countResources(process.getActiveResourcesInfo());
    const withRow = async (name: string) => (name === 'udp6' ? `${await emptyNet(name)}   0: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07\n` : emptyNet(name));
    expect(await findLeftovers({ baseline, readProcNet: withRow, waitMs: 0 })).toBe("the pod's network namespace still lists 1 udp6 socket");
    expect(await findLeftovers({ baseline, readProcNet: emptyNet, rssBytes: () => 300 * 1024 * 1024, waitMs: 0 })).toBe('the peer holds 300 MiB after the run (more than 192 MiB)');
  });
});
