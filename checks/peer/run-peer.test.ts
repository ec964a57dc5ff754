import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { echoTcpServer } from '../echo/assignments.js';
import { sleep } from '../lib/deadline.js';
import type { ServerSuite } from '../suite.js';
import { crashingStudent, sleepingStudent, startFakeTcpServer, type FakeServer } from '../testing/fake-servers.js';
import { fakeProcReader } from '../testing/fake-proc-net.js';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import type { AssignmentDefinition } from '../types.js';
import { encodeMessage, parsePeerMessage, type PeerMessage } from './protocol.js';
import { runPeer } from './run-peer.js';
import { LineTransport } from './transport.js';
import { suites } from '../index.js';

const assignment = fastAssignment(echoTcpServer);
const noSockets = { discovery: { readFile: fakeProcReader(() => ({})) } };

describe('runPeer (server suites)', () => {
  it('speaks only protocol lines on stdout and survives garbage from the grader', async () => {
    const peerIn = new PassThrough();
    const peerOut = new PassThrough();
    const logs: string[] = [];
    const transport = new LineTransport(peerIn, peerOut, { log: (line) => logs.push(line) });
    let server: FakeServer | null = null;
    const lines: string[] = [];
    let buffered = '';
    peerOut.setEncoding('utf8');
    peerOut.on('data', (chunk: string) => {
      buffered += chunk;
      for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
        const line = buffered.slice(0, i);
        buffered = buffered.slice(i + 1);
        lines.push(line);
        const message = parsePeerMessage(line);
        if (message?.type === 'start-student') {
          // Garbage first, in two pieces, then the real answer.
          peerIn.write('this is not json\n{"type":"student-exi');
          peerIn.write('ted"}\n{"type":"student-started","runId":"nope"}\n');
          void startFakeTcpServer('echo').then((s) => {
            server = s;
            peerIn.write(encodeMessage({ type: 'student-started', runId: message.runId }));
          });
        }
      }
    });
    const readFile = fakeProcReader(() => (server ? { tcp: [{ address: '0.0.0.0', port: server.port, state: 0x0a }] } : {}));
    await runPeer({ assignment, seed: 's', podHostname: 'sandbox' }, { transport, suites, log: (l) => logs.push(l), discovery: { readFile, pollMs: 10 } });
    await transport.flush();
    (server as FakeServer | null)?.stop();
    const messages = lines.map((line) => parsePeerMessage(line));
    expect(messages.every((m) => m !== null)).toBe(true);
    const types = (messages as PeerMessage[]).map((m) => m.type);
    expect(types[0]).toBe('start-student');
    expect(types.filter((t) => t === 'test-result')).toHaveLength(7);
    expect(types.slice(-2)).toEqual(['stop-student', 'done']);
    expect((messages as PeerMessage[]).filter((m) => m.type === 'test-result').every((m) => m.type === 'test-result' && m.status === 'passed')).toBe(true);
    expect(logs.some((l) => l.includes('not a message'))).toBe(true);
    expect(logs.some((l) => l.includes('unknown run'))).toBe(true);
    transport.close();
  });

  it('fails every test when the server exits before listening, quoting its traceback', async () => {
    const stderr = '  File "/work/server.py", line 7\n    while True\n              ^\nSyntaxError: expected \':\'\n';
    const result = await runFakePeer(assignment, () => crashingStudent({ exitCode: 1, stderr }), noSockets);
    expect(result.statuses).toEqual(Array(7).fill('failed'));
    const feedback = result.feedback['short-ascii'] ?? '';
    expect(feedback).toContain('Your server exited with code 1 before it opened a listening socket.');
    expect(feedback).toContain("SyntaxError: expected ':'");
    expect(feedback).toContain('Python could not even read your file');
    expect(result.grader.sent.at(-1)).toEqual({ type: 'done' });
  });

  it('tells a student whose file is missing, or whose server was OOM-killed, what happened', async () => {
    const missing = await runFakePeer(assignment, () => crashingStudent({ exitCode: 2, stderr: "python3: can't open file '/work/server.py': [Errno 2] No such file or directory\n" }), noSockets);
    expect(missing.feedback['short-ascii']).toContain('We could not find `server.py` in your submission.');
    const oom = await runFakePeer(assignment, () => crashingStudent({ exitCode: 137, oomKilled: true }), noSockets);
    expect(oom.feedback['short-ascii']).toContain('Your server was stopped before it opened a listening socket because it used more memory than allowed (256 MiB).');
    const notStarted = await runFakePeer(assignment, () => Promise.reject(new Error('image missing')), noSockets);
    expect(notStarted.statuses).toEqual(Array(7).fill('failed'));
    expect(notStarted.feedback['short-ascii']).toContain('We could not start your server: Error: image missing.');
  });

  it('times out every test when nothing listens after startupMs', async () => {
    const result = await runFakePeer(fastAssignment(echoTcpServer, { startupMs: 200 }), () => sleepingStudent(), noSockets);
    expect(result.statuses).toEqual(Array(7).fill('timeout'));
    expect(result.feedback['short-ascii']).toMatch(/^No listening TCP socket after 200 ms — did you call listen\(\)\?/);
    expect(result.grader.sent.filter((m) => m.type === 'stop-student')).toHaveLength(1);
  });

  it('says so when the server listens on another port than the pinned one', async () => {
    const pinned: AssignmentDefinition = { ...fastAssignment(echoTcpServer, { startupMs: 150 }), port: 5000 };
    const readFile = fakeProcReader(() => ({ tcp: [{ address: '127.0.0.1', port: 4711, state: 0x0a }] }));
    const result = await runFakePeer(pinned, () => sleepingStudent(), { discovery: { readFile } });
    expect(result.feedback['short-ascii']).toBe('Your server opened port 4711, but this exercise asks for port 5000. We waited 150 ms for a socket on port 5000.');
  });

  it('reports an unknown suite as our fault and still ends with done', async () => {
    const result = await runFakePeer({ ...assignment, suite: 'no-such-suite' }, () => sleepingStudent());
    expect(result.statuses).toEqual(Array(7).fill('error'));
    expect(result.feedback['short-ascii']).toContain('names the check suite `no-such-suite`, which does not exist');
    expect(result.grader.sent.at(-1)).toEqual({ type: 'done' });
  });
});

describe('runTest deadlines and faults', () => {
  const probe: ServerSuite = {
    id: 'probe',
    role: 'server',
    transport: 'tcp',
    checks: {
      hangs: async (ctx) => {
        ctx.transcript.event('conn 1', 'connected');
        await sleep(10_000, ctx.signal);
        return { status: 'passed', feedback: 'never', transcript: [] };
      },
      throws: async () => {
        throw new Error('bug in the check');
      },
      garbage: async () => 42 as never,
      ok: async (ctx) => ({ status: 'passed', feedback: `port ${ctx.target.port}`, transcript: ctx.transcript.entries() }),
    },
  };
  const probeAssignment: AssignmentDefinition = {
    ...assignment,
    suite: 'probe',
    tests: [
      { id: 'hangs', name: 'hangs', points: 1 },
      { id: 'throws', name: 'throws', points: 1 },
      { id: 'garbage', name: 'garbage', points: 1 },
      { id: 'missing', name: 'missing', points: 1 },
      { id: 'ok', name: 'ok', points: 1 },
    ],
    limits: { ...assignment.limits, testMs: 100 },
  };

  it('turns a hanging check into timeout with its transcript, and a throwing one into error', async () => {
    let server: FakeServer | null = null;
    const readFile = fakeProcReader(() => (server ? { tcp: [{ address: '127.0.0.1', port: server.port, state: 0x0a }] } : {}));
    const result = await runFakePeer(
      probeAssignment,
      async () => (server = await startFakeTcpServer('echo')),
      { suites: { probe }, discovery: { readFile } },
    );
    expect(result.statuses).toEqual(['timeout', 'error', 'error', 'error', 'passed']);
    const [hangs, throws, garbage, missing] = result.grader.results();
    expect(hangs?.feedback).toContain('This test has to finish within 100 ms');
    expect(hangs?.transcript.map((e) => e.note)).toEqual(['connected']);
    expect(throws?.feedback).toBe('Something went wrong on our side while running this test (bug in the check). This is not your fault; please tell your teacher.');
    expect(garbage?.feedback).toContain('the check returned no valid result');
    expect(missing?.feedback).toContain('there is no check named `missing`');
  });

  it('times out the remaining tests when the whole run hits runMs', async () => {
    let server: FakeServer | null = null;
    const readFile = fakeProcReader(() => (server ? { tcp: [{ address: '127.0.0.1', port: server.port, state: 0x0a }] } : {}));
    const result = await runFakePeer(
      { ...probeAssignment, limits: { ...probeAssignment.limits, testMs: 5000, runMs: 150 } },
      async () => (server = await startFakeTcpServer('echo')),
      { suites: { probe }, discovery: { readFile } },
    );
    expect(result.statuses[0]).toBe('timeout');
    expect(result.feedback.hangs).toContain('The whole grading run has a time limit of 150 ms');
    expect(result.statuses.at(-1)).toBe('timeout');
  });
});
