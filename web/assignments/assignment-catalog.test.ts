import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAssignments } from '../../checks/index.js';
import { builtinAssignments, createAssignmentCatalog, loadAssignmentCatalog } from '../assignment-catalog.js';
import { loadServiceConfig } from '../config.js';
import { AssignmentFileError, DEFAULT_POLICY } from './index.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-catalog-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadAssignmentCatalog', () => {
  it('is the built-ins alone for a missing folder, each with the default policy', async () => {
    const catalog = await loadAssignmentCatalog(join(dir, 'missing'));
    expect(catalog.list()).toEqual(listAssignments());
    expect(catalog.policy('echo-tcp-server')).toBe(DEFAULT_POLICY);
    expect(builtinAssignments.policy('echo-tcp-server')).toBe(DEFAULT_POLICY);
    expect(catalog.policy('no-such-thing')).toBe(DEFAULT_POLICY);
  });

  it('adds the folder’s assignments with their policies and hands out copies', async () => {
    await writeFile(join(dir, 'a.yaml'), 'id: echo-a\nbasedOn: echo-tcp-server\ntitle: A\nbudget: {submissions: 2, perHours: 0.5}\n');
    const catalog = await loadAssignmentCatalog(dir);
    expect(catalog.list()).toHaveLength(listAssignments().length + 1);
    expect(catalog.policy('echo-a').budget).toEqual({ submissions: 2, perHours: 0.5, windowMs: 1_800_000 });
    catalog.get('echo-a')!.tests.length = 0;
    expect(catalog.get('echo-a')!.tests).toHaveLength(7);
    expect(catalog.get('nope')).toBeUndefined();
  });

  it('refuses to start with an invalid file', async () => {
    await writeFile(join(dir, 'a.yaml'), 'id: echo-a\n');
    await expect(loadAssignmentCatalog(dir)).rejects.toBeInstanceOf(AssignmentFileError);
  });
});

describe('SOCKGRADE_ASSIGNMENTS_DIR', () => {
  it('defaults to <dataDir>/assignments and comes back absolute', () => {
    expect(loadServiceConfig({}, '/srv/sg').assignmentsDir).toBe('/srv/sg/data/assignments');
    expect(loadServiceConfig({ SOCKGRADE_DATA_DIR: '/var/lib/sg' }, '/srv/sg').assignmentsDir).toBe('/var/lib/sg/assignments');
    expect(loadServiceConfig({ SOCKGRADE_ASSIGNMENTS_DIR: 'course/tasks' }, '/srv/sg').assignmentsDir).toBe('/srv/sg/course/tasks');
  });
});

describe('which assignments are open to students', () => {
  const builtin = (id: string) => ({ definition: { ...listAssignments()[0]!, id } });
  const file = (id: string, basedOn: string, openBase?: boolean) => ({ definition: { ...listAssignments()[0]!, id }, basedOn, ...(openBase === undefined ? {} : { openBase }) });

  it('closes a built-in a teacher file is based on, unless every such file opens it', () => {
    const catalog = createAssignmentCatalog([builtin('a'), builtin('b'), builtin('c'), file('a-ws', 'a'), file('b-ws', 'b', true), file('c-1', 'c', true), file('c-2', 'c', false)]);
    expect(['a', 'b', 'c', 'a-ws', 'b-ws', 'c-1', 'c-2', 'nope'].map((id) => [id, catalog.openToStudents(id)])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
      ['a-ws', true],
      ['b-ws', true],
      ['c-1', true],
      ['c-2', true],
      ['nope', false],
    ]);
    expect(builtinAssignments.openToStudents('echo-tcp-server')).toBe(true);
  });

  it('opens only teacher files with `teacher`', () => {
    const catalog = createAssignmentCatalog([builtin('a'), builtin('b'), file('b-ws', 'b', true)], { studentAssignments: 'teacher' });
    expect(['a', 'b', 'b-ws'].map((id) => catalog.openToStudents(id))).toEqual([false, false, true]);
  });

  it('reads `openBase` from the files', async () => {
    await writeFile(join(dir, 'a.yaml'), 'id: echo-a\nbasedOn: echo-tcp-server\ntitle: A\n');
    await writeFile(join(dir, 'b.yaml'), 'id: udp-b\nbasedOn: echo-udp-server\ntitle: B\nopenBase: true\n');
    const catalog = await loadAssignmentCatalog(dir);
    expect(['echo-tcp-server', 'echo-udp-server', 'daytime-tcp-server', 'echo-a', 'udp-b'].map((id) => catalog.openToStudents(id))).toEqual([false, true, true, true, true]);
  });
});

describe('SOCKGRADE_STUDENT_ASSIGNMENTS', () => {
  it('is `all` by default, `teacher` when set, and nothing else', () => {
    expect(loadServiceConfig({}).studentAssignments).toBe('all');
    expect(loadServiceConfig({ SOCKGRADE_STUDENT_ASSIGNMENTS: 'teacher' }).studentAssignments).toBe('teacher');
    expect(() => loadServiceConfig({ SOCKGRADE_STUDENT_ASSIGNMENTS: 'teachers' })).toThrow(/^SOCKGRADE_STUDENT_ASSIGNMENTS is invalid: /);
  });
});
