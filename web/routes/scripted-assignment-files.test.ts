/**
 * Scripted assignment files (issue #14) through `/api/assignment-files`, as the dashboard's
 * Assignments editor sends them: checked by the same loader (file:line, can-never-pass),
 * in effect at once, handed in to and queued with their compiled scripts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssignmentCatalogHolder } from '../assignments/catalog-holder.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const scripted = (expectStep: string) =>
  `id: ping-pong\nkind: scripted\nrole: server\ntransport: tcp\ntitle: Ping\nframing: line\ntests:\n  - id: ping\n    name: Ping\n    points: 10\n    script:\n      - connect\n      - send: PING\n${expectStep}`;

let root: string;
let holder: AssignmentCatalogHolder;
let h: ApiHarness;
let teacher: string;
let ada: { id: number; token: string };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sockgrade-scripted-files-'));
  holder = await AssignmentCatalogHolder.open(join(root, 'assignments'));
  h = await startApiHarness({ assignmentFiles: holder });
  teacher = h.addUser('teacher', 'teacher').token;
  ada = h.addUser('ada', 'student');
});
afterEach(async () => {
  await h.close();
  await rm(root, { recursive: true, force: true });
});

const put = (text: string) => h.request('PUT', '/api/assignment-files/ping-pong', { token: teacher, headers: { 'content-type': 'text/yaml' }, body: text });

describe('scripted files through /api/assignment-files', () => {
  it('refuses a script that can never pass with its line, and changes nothing', async () => {
    const refused = await put(scripted('      - close\n      - expect: PONG\n        as: conn 1\n'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.problems.map((p: { text: string }) => p.text)).toEqual([
      'assignments/ping-pong.yaml:15: tests[0].script[3]: can never pass: client `conn 1` was closed at step 3; expect on a closed connection is impossible',
    ]);
    expect(holder.catalog.get('ping-pong')).toBeUndefined();
  });

  it('takes a valid one into effect at once: students hand in, the job carries the compiled script', async () => {
    expect((await put(scripted('      - expect: PONG\n'))).status).toBe(201);
    const summary = (await h.api('GET', '/api/assignments/ping-pong', ada.token)).body;
    expect(summary).toMatchObject({ id: 'ping-pong', role: 'server', transport: 'tcp', entry: 'server.py', maxScore: 10 });
    // The script stays with the grader: a student's view has no params.
    expect(JSON.stringify(summary)).not.toContain('PONG');
    const files = { 'server.py': Buffer.from('print(1)\n').toString('base64') };
    expect((await h.api('POST', '/api/submissions', ada.token, { assignment: 'ping-pong', files })).status).toBe(202);
    const job = h.queue.jobs.at(-1)!.assignment;
    expect(job).toMatchObject({ id: 'ping-pong', suite: 'scripted-tcp-server' });
    expect(job.tests[0]!.params!.script).toMatchObject({ steps: [{ do: 'connect' }, { do: 'send' }, { do: 'expect', expect: { kind: 'text', text: 'PONG' } }] });
  });
});
