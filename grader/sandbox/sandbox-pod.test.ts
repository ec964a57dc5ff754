import { describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { SandboxStartError } from '../errors.js';
import type { StudentSpec } from './sandbox-pod.js';
import { FakeContainerClient } from './testing/fake-container-client.js';
import { openFakePod as open } from './testing/fake-pod.js';

const assignment = getAssignment('echo-tcp-server')!;

const spec = (runId: string): StudentSpec => ({
  runId,
  image: 'student:1',
  runtime: assignment.runtime,
  entry: 'server.py',
  args: [],
  limits: assignment.resources,
});

describe('a sandbox pod (against a fake Docker)', () => {
  it('is a volume and a peer that owns the network; the student joins it and starts after it', async () => {
    const client = new FakeContainerClient();
    const pod = await open(client);
    const peer = client.byName('-peer')!;
    expect(peer.networkMode).toBe('none');
    expect(peer.volumes).toEqual(['sockgrade-run1']);
    expect(peer.state).toBe('created');
    await pod.putSubmission(Buffer.from('tar'));
    expect(peer.archives).toEqual([{ path: '/submission', bytes: 3 }]);
    const prepared = await pod.prepareStudent(spec('server'));
    const student = client.byName('-student-1')!;
    expect(student.networkMode).toBe(`container:${peer.id}`);
    await prepared.start();
    // The peer had to run first: Docker refuses to join the network of a container that does not.
    expect(client.calls.filter((call) => call.startsWith('start'))).toEqual(['start sockgrade-run1-peer', 'start sockgrade-run1-student-1']);
    expect(student.state).toBe('running');
    await pod.dispose();
    await pod.dispose();
    expect(client.leftovers()).toEqual([]);
  });

  it('removes its volume when the peer cannot be created, and says so with a typed error', async () => {
    const client = new FakeContainerClient();
    client.failCreate = () => Object.assign(new Error('no such image: peer:1'), { statusCode: 404 });
    const error = await open(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxStartError);
    expect(client.leftovers()).toEqual([]);
  });

  it('sweeps what an earlier delivery of the same run left, only when asked', async () => {
    const client = new FakeContainerClient();
    const first = await open(client, 'job7');
    expect(client.containers.size).toBe(1);
    // The process died: no dispose. The job is delivered again with the same run id.
    const second = await open(client, 'job7', { sweep: true });
    expect(client.containers.size).toBe(1);
    expect(client.containers.has(first.peer.container.id)).toBe(false);
    await second.dispose();
    expect(client.leftovers()).toEqual([]);
  });

  it('refuses a student after teardown, and removes one whose creation raced it', async () => {
    const client = new FakeContainerClient();
    const pod = await open(client);
    const creating = pod.prepareStudent(spec('late'));
    await pod.dispose();
    await expect(creating).rejects.toBeInstanceOf(SandboxStartError);
    await expect(pod.prepareStudent(spec('later'))).rejects.toThrow(/already torn down/);
    expect(client.leftovers()).toEqual([]);
  });
});
