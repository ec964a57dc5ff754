import { describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { SandboxStartError } from '../errors.js';
import type { StudentSpec } from './sandbox-pod.js';
import { FakeContainerClient } from './testing/fake-container-client.js';
import { openFakePod as open, openFakePodWithoutRun, until } from './testing/fake-pod.js';

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
  it('is a peer that owns the network and a volume per run; the student joins it and starts after it', async () => {
    const client = new FakeContainerClient();
    const pod = await open(client);
    const peer = client.byName('-peer')!;
    expect(peer.networkMode).toBe('none');
    // The peer sees no submission: it may serve other students' runs after this one.
    expect(peer.volumes).toEqual([]);
    expect(peer.state).toBe('created');
    await pod.putSubmission(Buffer.from('tar'));
    // Through a loader that is never started and is removed at once.
    expect(peer.archives).toEqual([]);
    expect(client.calls.filter((call) => call.includes('loader'))).toEqual(['create sockgrade-run1-loader', 'remove sockgrade-run1-loader']);
    expect(client.byName('-loader')).toBeUndefined();
    expect([...client.volumes.keys()]).toEqual(['sockgrade-run1']);
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

  it('serves runs one after the other: each with its own volume and containers, the peer kept', async () => {
    const client = new FakeContainerClient();
    const pod = await open(client, 'pod1');
    const peer = client.byName('-peer')!;
    await pod.putSubmission(Buffer.from('first'));
    await (await pod.prepareStudent(spec('server'))).start();
    await expect(pod.beginRun({ runId: 'run2' })).rejects.toThrow(/still has run pod1/);
    expect(await pod.endRun()).toBe(true);
    expect(client.leftovers()).toEqual(['container sockgrade-pod1-peer']);
    await pod.beginRun({ runId: 'run2' });
    expect(pod.runsBegun).toBe(2);
    await pod.putSubmission(Buffer.from('second'));
    await (await pod.prepareStudent(spec('server'))).start();
    const student = client.byName('run2-student-1')!;
    expect(student.volumes).toEqual(['sockgrade-run2']);
    expect(student.networkMode).toBe(`container:${peer.id}`);
    expect(peer.state).toBe('running');
    await pod.dispose();
    expect(client.leftovers()).toEqual([]);
  });

  it('makes the next run ahead while it waits, and removes a prepared run it never used', async () => {
    const client = new FakeContainerClient();
    const pod = await openFakePodWithoutRun(client, 'pod1');
    pod.prepareNextRun();
    pod.prepareNextRun(); // once
    await until(() => client.volumes.size === 1 && client.byName('-loader') !== undefined);
    const loader = client.byName('-loader')!;
    await pod.beginRun({ runId: 'job7' });
    // The prepared volume and loader, not new ones named after the job.
    expect(pod.runVolume).toBe([...client.volumes.keys()][0]);
    expect(client.volumes.has('sockgrade-job7')).toBe(false);
    await pod.putSubmission(Buffer.from('tar'));
    expect(loader.archives).toEqual([{ path: '/submission', bytes: 3 }]);
    expect(await pod.endRun()).toBe(true);
    pod.prepareNextRun();
    await until(() => client.volumes.size === 1);
    await pod.dispose();
    expect(client.leftovers()).toEqual([]);
  });

  it('says so when a run leaves a container behind', async () => {
    const client = new FakeContainerClient();
    const pod = await open(client);
    await pod.prepareStudent(spec('server'));
    const student = client.byName('-student-1')!;
    student.remove = async () => {
      throw Object.assign(new Error('(HTTP code 500) device or resource busy'), { statusCode: 500 });
    };
    expect(await pod.endRun()).toBe(false);
  });

  it('creates nothing when the peer cannot be created, and says so with a typed error', async () => {
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
