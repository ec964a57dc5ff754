/** The error-handling suites against in-process Node fakes: the logic, fast. */
import net from 'node:net';
import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from '../testing/fake-grader.js';
import { runFakePeer } from '../testing/run-fake-peer.js';
import type { AssignmentDefinition } from '../types.js';
import { echoTcpClientErrors } from './assignments.js';
import { errorHandlingTcpClientSuite, errorHandlingUdpClientSuite } from './error-handling-checks.js';

const suites = { [errorHandlingTcpClientSuite.id]: errorHandlingTcpClientSuite, [errorHandlingUdpClientSuite.id]: errorHandlingUdpClientSuite };
const tcp: AssignmentDefinition = { ...structuredClone(echoTcpClientErrors), limits: { ...echoTcpClientErrors.limits, clientRunMs: 600 } };
const udp: AssignmentDefinition = { ...tcp, id: 'echo-udp-client-errors', transport: 'udp', suite: 'error-handling-udp-client', tests: tcp.tests.filter((t) => t.id !== 'closing-server') };

type Behavior = 'careful' | 'crashes' | 'no-timeout';
const TRACEBACK = 'Traceback (most recent call last):\n  File "/work/client.py", line 12, in <module>\n';

/** An echo client in Node: `careful` handles every error, `crashes` handles none, `no-timeout` waits forever. */
function fakeClient(transport: 'tcp' | 'udp', behavior: Behavior, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  const port = Number(portText);
  const line = (request.stdin ?? '').replace(/\n$/, '');
  let stop: () => void = () => {};
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let cleanup: () => void = () => {};
    let done = false;
    const finish = (result: Partial<StudentRunResult>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(kill);
      cleanup();
      resolve(result);
    };
    const kill = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 5000);
    stop = () => finish({ exitCode: 137, stopped: true });
    const error = (what: string, pythonError: string): void =>
      behavior === 'crashes' ? finish({ exitCode: 1, stderr: `${TRACEBACK}${pythonError}\n` }) : finish({ exitCode: 1, stdout: `Fehler: ${what}\n` });
    const startTimer = (): void => {
      if (behavior === 'careful') timer = setTimeout(() => finish({ exitCode: 1, stdout: 'Fehler: keine Antwort (Zeitüberschreitung)\n' }), 100);
    };
    if (transport === 'tcp') {
      const socket = net.connect({ host, port });
      cleanup = () => socket.destroy();
      socket.on('error', () => error('Verbindung abgelehnt', 'ConnectionRefusedError: [Errno 111] Connection refused'));
      socket.on('connect', () => {
        socket.write(line);
        startTimer();
      });
      socket.on('data', (data) => finish({ exitCode: 0, stdout: `${data.toString()}\n` }));
      socket.on('end', () => (behavior === 'careful' ? finish({ exitCode: 1, stdout: 'Fehler: Verbindung geschlossen\n' }) : finish({ exitCode: 0, stdout: '\n' })));
    } else {
      const socket = dgram.createSocket('udp4');
      cleanup = () => socket.close();
      socket.on('error', () => {});
      socket.on('message', (data) => finish({ exitCode: 0, stdout: `${data.toString()}\n` }));
      socket.connect(port, host, () => {
        socket.send(line);
        startTimer();
      });
    }
  });
  return { exited, stop: () => stop() };
}

const grade = (assignment: AssignmentDefinition, behavior: Behavior) => runFakePeer(assignment, (request) => fakeClient(assignment.transport, behavior, request), { suites });

describe('error-handling-tcp-client suite', () => {
  it('gives a careful client full marks from four runs', async () => {
    const result = await grade(tcp, 'careful');
    expect(result.grader.statuses()).toEqual({ 'works-normally': 'passed', 'no-server': 'passed', 'silent-server': 'passed', 'closing-server': 'passed' });
    expect(result.grader.starts).toHaveLength(4);
    expect(result.grader.starts[0]?.stdin).toBe('Hallo Echo-Server!\n');
  });

  it('gives a crashing client only the normal case', async () => {
    const result = await grade(tcp, 'crashes');
    expect(result.score.score).toBe(25);
    expect(result.feedback['no-server']).toContain('a traceback');
    expect(result.feedback['closing-server']).toContain("took the empty `b''`");
  });

  it('times out a client without a timeout on the silent server', async () => {
    const result = await grade(tcp, 'no-timeout');
    expect(result.grader.statuses()['silent-server']).toBe('timeout');
    expect(result.feedback['silent-server']).toContain('settimeout(2)');
  });
});

describe('error-handling-udp-client suite', () => {
  it('has no closing server, and grades the other situations', async () => {
    expect(Object.keys(errorHandlingUdpClientSuite.checks)).toEqual(['works-normally', 'no-server', 'silent-server']);
    const careful = await grade(udp, 'careful');
    expect(careful.score).toEqual({ score: 75, maxScore: 75 });
    const hangs = await grade(udp, 'no-timeout');
    expect(hangs.grader.statuses()).toMatchObject({ 'works-normally': 'passed', 'silent-server': 'timeout' });
  });
});
