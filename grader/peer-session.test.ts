import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getAssignment } from '../checks/index.js';
import { encodeMessage, parseGraderMessage } from '../checks/peer/protocol.js';
import { PeerSession } from './peer-session.js';
import { SandboxPod } from './sandbox/sandbox-pod.js';
import { FakeContainerClient } from './sandbox/testing/fake-container-client.js';

const assignment = getAssignment('echo-tcp-server')!;

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the peer session (against a fake Docker)', () => {
  it('starts the program the peer asks for, tells it when it runs and when it exits, and keeps results once', async () => {
    const client = new FakeContainerClient();
    const pod = await SandboxPod.create({
      client,
      runId: 'r1',
      peerImage: 'peer:1',
      hostnames: [],
      signal: new AbortController().signal,
      log: () => {},
      peerStdout: new PassThrough(),
      peerStderr: new PassThrough(),
    });
    const events: string[] = [];
    const session = new PeerSession(pod, assignment, 'student:1', {
      onStudentStarted: (runId) => events.push(`started ${runId}`),
      onTestStarted: (id) => events.push(`test ${id}`),
      onTestResult: (result) => events.push(`result ${result.testId} ${result.status}`),
    }, () => {});
    const peer = client.byName('-peer')!;
    session.connect((await peer.attach()) as PassThrough);
    const told = () => peer.stdin.map((chunk) => parseGraderMessage(chunk.toString().trim()));

    session.handleLine(encodeMessage({ type: 'start-student', runId: 'server', args: [] }).trim());
    await until(() => told().length === 1);
    expect(told()[0]).toEqual({ type: 'student-started', runId: 'server' });
    const student = client.byName('-student-1')!;
    expect(student.state).toBe('running');

    session.handleLine(JSON.stringify({ type: 'test-started', testId: 'short-ascii' }));
    const result = { type: 'test-result', testId: 'short-ascii', status: 'passed', feedback: 'ok', transcript: [], durationMs: 3 };
    session.handleLine(JSON.stringify(result));
    session.handleLine(JSON.stringify({ ...result, status: 'failed' })); // a second report of the same test is ignored
    session.handleLine(JSON.stringify({ ...result, testId: 'not-in-the-assignment' }));
    session.handleLine('{"score": 100}'); // not a protocol line: logged, never a result

    session.handleLine(JSON.stringify({ type: 'stop-student', runId: 'server' }));
    await until(() => told().length === 2);
    expect(told()[1]).toMatchObject({ type: 'student-exited', result: { runId: 'server', exitCode: 137, stopped: true } });

    session.handleLine(JSON.stringify({ type: 'done' }));
    await session.finished;
    await session.settle();
    expect(session.isDone).toBe(true);
    expect([...session.results.keys()]).toEqual(['short-ascii']);
    expect(session.results.get('short-ascii')?.status).toBe('passed');
    expect(session.runs.map((run) => run.runId)).toEqual(['server']);
    expect(events).toEqual(['started server', 'test short-ascii', 'result short-ascii passed']);
    await pod.dispose();
    expect(client.leftovers()).toEqual([]);
  });
});
