import dgram from 'node:dgram';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from '../testing/fake-grader.js';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { daytimeTcpClient, daytimeUdpClient } from './assignments.js';

type Behavior =
  | 'correct' // asks, prints the answer as text, exits 0
  | 'own-clock' // asks, prints its own clock
  | 'prints-bytes' // prints b'…'
  | 'latin1' // decodes as Latin-1
  | 'never-asks' // UDP: waits in recvfrom without sending; TCP: never connects, waits
  | 'wrong-port'; // asks port 1 and crashes

/** A daytime client written in Node, started by the fake grader instead of python3. */
function fakeDaytimeClient(transport: 'tcp' | 'udp', behavior: Behavior, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  const port = behavior === 'wrong-port' ? 1 : Number(portText);
  let stop: () => void = () => {};
  const startedAt = Date.now();
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    let finished = false;
    let cleanup: () => void = () => {};
    const finish = (result: Partial<StudentRunResult>): void => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      cleanup();
      resolve({ durationMs: Date.now() - startedAt, ...result });
    };
    const killTimer = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 10_000);
    stop = () => finish({ exitCode: 137, stopped: true });
    const print = (data: Buffer): string => {
      if (behavior === 'own-clock') return `Es ist jetzt ${new Date().toUTCString()}\n`;
      if (behavior === 'prints-bytes') return `b'${[...data].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'\n`;
      return `${data.toString(behavior === 'latin1' ? 'latin1' : 'utf8')}\n`;
    };
    const refused = { exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/client.py", line 9, in <module>\nConnectionRefusedError: [Errno 111] Connection refused\n' };
    if (behavior === 'never-asks') return;
    if (transport === 'tcp') {
      const socket = net.connect({ host, port });
      cleanup = () => socket.destroy();
      let got = Buffer.alloc(0);
      socket.on('error', () => finish(refused));
      socket.on('data', (chunk: Buffer) => (got = Buffer.concat([got, chunk])));
      socket.on('end', () => finish({ exitCode: 0, stdout: print(got) }));
    } else {
      const socket = dgram.createSocket('udp4');
      cleanup = () => socket.close();
      socket.on('message', (data) => finish({ exitCode: 0, stdout: print(data) }));
      if (behavior === 'wrong-port') return void setTimeout(() => finish(refused), 10);
      socket.send(Buffer.alloc(0), port, host);
    }
  });
  return { exited, stop: () => stop() };
}

const assignments = { tcp: fastAssignment(daytimeTcpClient, { clientRunMs: 600 }), udp: fastAssignment(daytimeUdpClient, { clientRunMs: 600 }) };
const run = (transport: 'tcp' | 'udp', behavior: Behavior) => runFakePeer(assignments[transport], (request) => fakeDaytimeClient(transport, behavior, request));

describe.each(['tcp', 'udp'] as const)('daytime-%s-client suite', (transport) => {
  it('gives a correct client full marks, from two runs with fixed times', async () => {
    const result = await run(transport, 'correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.grader.starts).toHaveLength(2);
    expect(result.grader.starts[0]?.args[0]).toBe('127.0.0.1');
    expect(result.feedback['prints-time']).toBe('Your client printed the time our server sent: `Tuesday, February 22, 1982 17:37:43-PST`.');
    expect(result.feedback['contacts-server']).toMatch(transport === 'tcp' ? /It sent nothing, as a daytime client should\.$/ : /sent an empty datagram, like the client from class/);
  });

  it('catches a client that prints its own clock (40/100)', async () => {
    const result = await run(transport, 'own-clock');
    expect(result.statuses).toEqual(['passed', 'failed', 'passed', 'failed']);
    expect(result.score.score).toBe(40);
    expect(result.feedback['prints-time']).toContain('That looks like the current time of your own computer.');
  });

  it('fails printing the bytes object (40/100)', async () => {
    const result = await run(transport, 'prints-bytes');
    expect(result.statuses).toEqual(['passed', 'failed', 'passed', 'failed']);
    expect(result.feedback['prints-time']).toContain('printed the bytes object');
  });

  it('fails only the German answer of a Latin-1 client (70/100)', async () => {
    const result = await run(transport, 'latin1');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(result.feedback['german-answer']).toContain('you decoded the UTF-8 bytes as Latin-1');
  });

  it('times out a client that never asks', async () => {
    const result = await run(transport, 'never-asks');
    expect(result.statuses).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
    expect(result.feedback['exits-cleanly']).toContain('Your client was still running after 600 ms, so we stopped it.');
    if (transport === 'udp') expect(result.feedback['contacts-server']).toContain('has to send a datagram first');
  });

  it('fails a client that asks the wrong port, quoting its traceback', async () => {
    const result = await run(transport, 'wrong-port');
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['contacts-server']).toContain('take host and port from `sys.argv[1]`');
    expect(result.feedback['exits-cleanly']).toContain('ConnectionRefusedError');
  });
});
