/**
 * The script interpreter against in-process fake servers over real loopback sockets:
 * interleaved clients, captures reused later, per-step points, framing, the connection
 * closing, silence, and UDP.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from '../lib/defaults.js';
import { encodeLengthPrefixed } from '../lib/framing.js';
import { bindFakeUdp, listenFakeTcp, type FakeServer } from '../testing/fake-servers.js';
import { runFakeServerPeer } from '../testing/run-fake-peer.js';
import type { AssignmentDefinition } from '../types.js';
import type { Framing, ScriptStep } from './script.js';

const LINE: Framing = { kind: 'delimited', delimiter: '\n' };

function scripted(transport: 'tcp' | 'udp', tests: Array<{ id: string; points: number; steps: ScriptStep[] }>): AssignmentDefinition {
  return {
    id: 'scripted-test',
    title: 'T',
    summary: 'T',
    description: { en: 'T', de: 'T' },
    role: 'server',
    transport,
    suite: `scripted-${transport}-server`,
    entry: 'server.py',
    runtime: { image: 'python', command: ['python3', '{entry}'] },
    params: { replyMs: 300, settleMs: 50, graceMs: 30, exitReportMs: 100 },
    tests: tests.map((test) => ({ id: test.id, name: test.id, points: test.points, params: { check: 'script', script: { steps: test.steps } } })),
    limits: { ...DEFAULT_LIMITS, startupMs: 1000, testMs: 3000 },
    resources: { ...DEFAULT_RESOURCES },
  };
}

/** A line-based key-value store: `SET k v` → `OK <n>` (n values stored), `GET k` → the value or `NOT FOUND`, `QUIT` closes. `forget` drops every value. */
function kvServer(options: { forget?: boolean } = {}): Promise<FakeServer> {
  const store = new Map<string, string>();
  return listenFakeTcp((socket) => {
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let index = buffer.indexOf('\n'); index >= 0; index = buffer.indexOf('\n')) {
        const [verb, key = '', ...rest] = buffer.slice(0, index).split(' ');
        buffer = buffer.slice(index + 1);
        if (verb === 'SET') {
          if (!options.forget) store.set(key, rest.join(' '));
          socket.write(`OK ${store.size}\n`);
        } else if (verb === 'GET') socket.write(`${store.get(key) ?? 'NOT FOUND'}\n`);
        else if (verb === 'QUIT') socket.end();
      }
    });
  });
}

const kvSteps: ScriptStep[] = [
  { do: 'random', name: 'key', spec: { word: 6 } },
  { do: 'connect', client: 'A', framing: LINE, allowHalfOpen: false },
  { do: 'connect', client: 'B', framing: LINE, allowHalfOpen: false },
  { do: 'send', client: 'A', data: { text: 'SET ${key} blue' } },
  { do: 'expect', client: 'A', expect: { kind: 'regex', pattern: '^OK (?<count>\\d+)$', flags: '' }, points: 2 },
  { do: 'send', client: 'B', data: { text: 'GET ${key}' } },
  { do: 'expect', client: 'B', expect: { kind: 'text', text: 'blue' }, points: 6, feedback: 'B must see the value A set for ${key}.' },
  { do: 'send', client: 'B', data: { line: 'GET nothing-${count}', ending: '\n' } },
  { do: 'expect', client: 'B', expect: { kind: 'line', text: 'NOT FOUND' }, points: 2 },
  { do: 'send', client: 'A', data: { text: 'QUIT' } },
  { do: 'expect', client: 'A', expect: { kind: 'closed' } },
];

describe('runScript over TCP', () => {
  it('passes a correct server: two interleaved clients, a random key, a capture reused later', async () => {
    const run = await runFakeServerPeer(scripted('tcp', [{ id: 'kv', points: 10, steps: kvSteps }]), () => kvServer());
    expect(run.statuses).toEqual(['passed']);
    expect(run.score).toEqual({ score: 10, maxScore: 10 });
    const transcript = run.grader.results()[0]!.transcript;
    // The random key went out, and the capture `count` (1) was filled into a later send.
    expect(transcript.filter((e) => e.dir === 'send').map((e) => e.text)).toEqual([expect.stringMatching(/^SET [a-z]{6} blue\\n$/), expect.stringMatching(/^GET [a-z]{6}\\n$/), 'GET nothing-1\\n', 'QUIT\\n']);
  });

  it('gives the points of the steps passed before the first failure, with the step, the expectation and the teacher\'s feedback', async () => {
    const run = await runFakeServerPeer(scripted('tcp', [{ id: 'kv', points: 10, steps: kvSteps }]), () => kvServer({ forget: true }));
    expect(run.statuses).toEqual(['failed']);
    // 2 of 10 step points: the SET was answered, the GET was wrong.
    expect(run.score).toEqual({ score: 2, maxScore: 10 });
    expect(run.feedback.kv).toMatch(/^Step 7 of 11, client B: After we sent `GET [a-z]{6}`, we expected `blue` \(4 bytes\), but got `NOT FOUND` \(9 bytes\)\./);
    expect(run.feedback.kv).toMatch(/B must see the value A set for [a-z]{6}\./);
    expect(run.feedback.kv).toContain('Steps 1 to 6 worked.');
    expect(run.grader.results()[0]!.compare).toMatchObject({ expected: { text: 'blue' }, received: { text: 'NOT FOUND' }, label: 'Step 7, client B' });
  });

  it('times out on silence, and judges "closes" and "nothing arrives"', async () => {
    const silent = () => listenFakeTcp(() => {});
    const closing = () => listenFakeTcp((socket) => socket.on('data', () => socket.end('bye')));
    const steps = (expect: ScriptStep): ScriptStep[] => [{ do: 'connect', client: 'A', framing: { kind: 'raw' }, allowHalfOpen: false }, { do: 'send', client: 'A', data: { text: 'hi' } }, expect];
    const closed: ScriptStep = { do: 'expect', client: 'A', expect: { kind: 'closed' } };
    const quiet: ScriptStep = { do: 'expect', client: 'A', expect: { kind: 'silence', ms: 100 } };
    const number: ScriptStep = { do: 'expect', client: 'A', expect: { kind: 'number', value: '3', tolerance: 0.5 } };
    expect((await runFakeServerPeer(scripted('tcp', [{ id: 'n', points: 1, steps: steps(number) }]), silent)).statuses).toEqual(['timeout']);
    expect((await runFakeServerPeer(scripted('tcp', [{ id: 'q', points: 1, steps: steps(quiet) }]), silent)).statuses).toEqual(['passed']);
    const bye = await runFakeServerPeer(scripted('tcp', [{ id: 'c', points: 1, steps: steps(closed) }, { id: 'q', points: 1, steps: steps(quiet) }]), closing);
    expect(bye.statuses).toEqual(['failed', 'failed']);
    expect(bye.feedback.c).toContain('expected your program to close the connection, but it sent `bye`.');
    expect(bye.feedback.q).toContain('expected nothing for 100 ms, but got `bye`.');
  });

  it('half-closes: the program reads until our FIN, then still answers', async () => {
    // An "upload" server: everything until the client finishes sending, then the byte count.
    const counter = () =>
      listenFakeTcp(
        (socket) => {
          let count = 0;
          socket.on('data', (chunk: Buffer) => (count += chunk.length));
          socket.on('end', () => socket.end(`${count}\n`));
        },
        { allowHalfOpen: true },
      );
    const steps: ScriptStep[] = [
      { do: 'connect', client: 'A', framing: { kind: 'raw' }, allowHalfOpen: true },
      { do: 'send', client: 'A', data: { text: 'x', repeatToBytes: 3000 } },
      { do: 'half-close', client: 'A' },
      { do: 'expect', client: 'A', expect: { kind: 'number', value: '3000', tolerance: 0 } },
      { do: 'expect', client: 'A', expect: { kind: 'closed' } },
    ];
    const run = await runFakeServerPeer(scripted('tcp', [{ id: 'h', points: 1, steps }]), counter);
    expect(run.statuses).toEqual(['passed']);
  });

  it('frames sends and reads by length prefix', async () => {
    const server = () =>
      listenFakeTcp((socket) => {
        socket.once('data', (chunk: Buffer) => socket.write(encodeLengthPrefixed(`{"got": ${chunk.readUInt16BE(0)}, "ok": true}`, 2)));
      });
    const steps: ScriptStep[] = [
      { do: 'connect', client: 'A', framing: { kind: 'length-prefixed', prefixBytes: 2 }, allowHalfOpen: false },
      { do: 'send', client: 'A', data: { text: 'hello' } },
      { do: 'expect', client: 'A', expect: { kind: 'json', subset: { got: 5 } } },
    ];
    expect((await runFakeServerPeer(scripted('tcp', [{ id: 'j', points: 1, steps }]), server)).statuses).toEqual(['passed']);
  });
});

describe('runScript over UDP', () => {
  it('sends datagrams from two sockets and checks each answer, extra datagrams fail', async () => {
    const upper = () => bindFakeUdp((data, remote, socket) => socket.send(data.toString().toUpperCase(), remote.port, remote.address));
    const twice = () =>
      bindFakeUdp((data, remote, socket) => {
        socket.send(data.toString().toUpperCase(), remote.port, remote.address);
        socket.send('\n', remote.port, remote.address);
      });
    const steps: ScriptStep[] = [
      { do: 'socket', client: 'A' },
      { do: 'socket', client: 'B' },
      { do: 'send', client: 'B', data: { text: 'bee' } },
      { do: 'send', client: 'A', data: { text: 'ant' } },
      { do: 'expect', client: 'B', expect: { kind: 'text', text: 'BEE' } },
      { do: 'expect', client: 'A', expect: { kind: 'text', text: 'ANT' } },
    ];
    expect((await runFakeServerPeer(scripted('udp', [{ id: 'u', points: 1, steps }]), upper)).statuses).toEqual(['passed']);
    const extra = await runFakeServerPeer(scripted('udp', [{ id: 'u', points: 1, steps }]), twice);
    expect(extra.statuses).toEqual(['failed']);
    expect(extra.feedback.u).toContain('but then 1 more datagram(s) as well');
  });
});
