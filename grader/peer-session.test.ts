import type { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getAssignment } from '../checks/index.js';
import { encodeMessage, parseGraderMessage } from '../checks/peer/protocol.js';
import { PeerSession } from './peer-session.js';
import { FakeContainerClient } from './sandbox/testing/fake-container-client.js';
import { openFakePod, until } from './sandbox/testing/fake-pod.js';

const assignment = getAssignment('echo-tcp-server')!;

describe('the peer session (against a fake Docker)', () => {
  it('starts the program the peer asks for, tells it when it runs and when it exits, and keeps results once', async () => {
    const client = new FakeContainerClient();
    const pod = await openFakePod(client, 'r1');
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
