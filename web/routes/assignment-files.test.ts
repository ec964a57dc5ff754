import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssignmentCatalogHolder } from '../assignments/catalog-holder.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const good = (title = 'Mine') => `id: echo-mine\nbasedOn: echo-tcp-server\ntitle: ${title}\n`;
// `titel` instead of `title`: the loader names the line and suggests the right key.
const typo = 'id: echo-mine\nbasedOn: echo-tcp-server\ntitel: Mine\n';

let root: string;
let dir: string;
let holder: AssignmentCatalogHolder;
let h: ApiHarness;
let teacher: string;
let ada: { id: number; token: string };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sockgrade-files-'));
  dir = join(root, 'assignments');
  holder = await AssignmentCatalogHolder.open(dir);
  h = await startApiHarness({ assignmentFiles: holder });
  teacher = h.addUser('teacher', 'teacher').token;
  ada = h.addUser('ada', 'student');
});
afterEach(async () => {
  await h.close();
  await rm(root, { recursive: true, force: true });
});

const put = (id: string, text: string, type = 'text/yaml') => h.request('PUT', `/api/assignment-files/${id}`, { token: teacher, headers: { 'content-type': type }, body: text });

describe('/api/assignment-files', () => {
  it('refuses a file with an error with the start-up loader’s file:line message, and changes nothing', async () => {
    const refused = await put('echo-mine', typo);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('ASSIGNMENT_INVALID');
    expect(refused.body.error.problems.map((p: { text: string }) => p.text)).toEqual([
      expect.stringMatching(/^assignments\/echo-mine\.yaml:1: title: /),
      expect.stringMatching(/^assignments\/echo-mine\.yaml:3: titel: .*`title`/),
    ]);
    expect(refused.body.error.problems[1]).toMatchObject({ file: 'assignments/echo-mine.yaml', line: 3, path: 'titel' });
    expect(refused.body.error.message).toContain('assignments/echo-mine.yaml:3: titel:');
    expect(await readdir(dir).catch(() => [])).toEqual([]);
    expect(holder.catalog.get('echo-mine')).toBeUndefined();
  });

  it('takes a fixed file into effect at once: listed with its file, readable, gradable by a student', async () => {
    const created = await put('echo-mine', good());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'echo-mine', file: 'echo-mine.yaml', created: true });
    expect(await readFile(join(dir, 'echo-mine.yaml'), 'utf8')).toBe(good());
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]); // no temporary left

    const list = (await h.api('GET', '/api/assignments', teacher)).body.assignments;
    expect(list.find((a: { id: string }) => a.id === 'echo-mine')).toMatchObject({ title: 'Mine', source: { kind: 'file', file: 'echo-mine.yaml' } });
    expect(list.find((a: { id: string }) => a.id === 'echo-tcp-server').source).toEqual({ kind: 'builtin' });
    expect((await h.api('GET', '/api/assignments', ada.token)).body.assignments[0].source).toBeUndefined();
    expect((await h.api('GET', '/api/assignments/echo-mine', ada.token)).body.title).toBe('Mine');
    const files = { 'server.py': Buffer.from('print(1)\n').toString('base64') };
    expect((await h.api('POST', '/api/submissions', ada.token, { assignment: 'echo-mine', files })).status).toBe(202);
    expect(h.queue.jobs.at(-1)!.assignment).toMatchObject({ id: 'echo-mine', title: 'Mine' });

    const text = await h.request('GET', '/api/assignment-files/echo-mine', { token: teacher });
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(text.text).toBe(good());

    // Changed as JSON `{yaml}`: 200, and the new title shows at once.
    const changed = await h.api('PUT', '/api/assignment-files/echo-mine', teacher, { yaml: good('Mine, changed') });
    expect(changed.status).toBe(200);
    expect((await h.api('GET', '/api/assignments/echo-mine', ada.token)).body.title).toBe('Mine, changed');
    // A broken change leaves the working one in place.
    expect((await put('echo-mine', typo)).status).toBe(400);
    expect(await readFile(join(dir, 'echo-mine.yaml'), 'utf8')).toBe(good('Mine, changed'));

    expect((await h.api('GET', '/api/assignment-files', teacher)).body.files).toEqual([{ id: 'echo-mine', file: 'echo-mine.yaml' }]);
    expect((await h.api('DELETE', '/api/assignment-files/echo-mine', teacher)).status).toBe(204);
    expect((await h.api('GET', '/api/assignments/echo-mine', ada.token)).status).toBe(404);
    expect(await readdir(dir)).toEqual([]);
    expect((await h.api('DELETE', '/api/assignment-files/echo-mine', teacher)).status).toBe(404);
  });

  it('refuses an id that differs from the file’s, a built-in id, a bad id, and students', async () => {
    const mismatch = await put('other-id', good());
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.message).toBe('The file says `id: echo-mine`, but it was sent for `other-id`; make them the same.');
    const builtin = await put('echo-tcp-server', good().replace('echo-mine', 'echo-tcp-server'));
    expect(builtin.status).toBe(409);
    expect(builtin.body.error.message).toMatch(/is a built-in assignment/);
    expect((await put('..%2Fetc', good())).status).toBe(400);
    expect((await put('Bad_Id', good())).status).toBe(400);
    expect((await h.request('PUT', '/api/assignment-files/echo-mine', { token: ada.token, headers: { 'content-type': 'text/yaml' }, body: good() })).status).toBe(403);
    expect((await h.api('GET', '/api/assignment-files/template', ada.token)).status).toBe(403);
    expect((await h.api('PUT', '/api/assignment-files/echo-mine', teacher, { nothing: 1 })).status).toBe(400);
    expect((await h.api('GET', '/api/assignment-files/echo-tcp-server', teacher)).body.error.message).toMatch(/is built in/);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('serves the documented example as the template, and the template itself loads', async () => {
    const template = await h.request('GET', '/api/assignment-files/template', { token: teacher });
    expect(template.status).toBe(200);
    expect(template.text).toMatch(/^# An assignment file/);
    expect((await put('echo-ws2026', template.text)).status).toBe(201);
    expect(holder.catalog.get('echo-ws2026')?.title).toBe('Echo server (WS 2026)');
    expect(holder.catalog.policy('echo-ws2026').deadline).toBe(Date.parse('2026-12-20T22:59:00Z'));
  });

  it('replaces a hand-written JSON file of the same id by YAML, and sees files changed by hand after reload()', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'mine.json'), JSON.stringify({ id: 'echo-mine', basedOn: 'echo-tcp-server', title: 'From JSON' }));
    await holder.reload();
    expect(holder.sourceOf('echo-mine')).toEqual({ kind: 'file', file: 'mine.json' });
    expect((await put('echo-mine', good('As YAML'))).status).toBe(200);
    expect(await readdir(dir)).toEqual(['echo-mine.yaml']);
    expect(holder.catalog.get('echo-mine')?.title).toBe('As YAML');
  });
  it('writes one file at a time: two uploads at once both land, each checked against the other', async () => {
    const other = good().replace('echo-mine', 'echo-other');
    const [a, b] = await Promise.all([put('echo-mine', good()), put('echo-other', other)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await readdir(dir)).sort()).toEqual(['echo-mine.yaml', 'echo-other.yaml']);
    expect(holder.list()).toEqual([
      { id: 'echo-mine', file: 'echo-mine.yaml' },
      { id: 'echo-other', file: 'echo-other.yaml' },
    ]);
    // A second file claiming an id another file has: the loader's duplicate-id message.
    const clash = await put('echo-third', good().replace('id: echo-mine', 'id: echo-third').replace('title: Mine', 'title: Third'));
    expect(clash.status).toBe(201);
    const duplicate = await h.request('PUT', '/api/assignment-files/echo-fourth', {
      token: teacher,
      headers: { 'content-type': 'text/yaml' },
      body: 'id: echo-mine\nbasedOn: echo-tcp-server\ntitle: Copy\n',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.problems.map((p: { text: string }) => p.text)).toContainEqual(expect.stringMatching(/^assignments\/echo-(mine|fourth)\.yaml:1: id: `echo-mine` is already the id of/));
  });
});
