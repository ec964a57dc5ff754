import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinAssignments, loadAssignmentCatalog, type AssignmentCatalog } from '../assignment-catalog.js';
import { AssignmentFileError } from './assignment-file-error.js';
import { AssignmentCatalogHolder } from './catalog-holder.js';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sockgrade-holder-'));
  dir = join(root, 'assignments');
  await mkdir(dir);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('AssignmentCatalogHolder', () => {
  it('hands out one catalog object that always answers from the catalog loaded last', async () => {
    const holder = await AssignmentCatalogHolder.open(dir);
    const captured = holder.catalog; // as the app, the recorder and the reconciler hold it
    expect(captured.get('echo-late')).toBeUndefined();
    await writeFile(join(dir, 'late.yaml'), 'id: echo-late\nbasedOn: echo-tcp-server\ntitle: Late\ndeadline: 2026-12-20T23:59:00+01:00\n');
    await holder.reload();
    expect(captured.get('echo-late')?.title).toBe('Late');
    expect(captured.policy('echo-late').deadline).toBe(Date.parse('2026-12-20T22:59:00Z'));
    expect(captured.list().map((a) => a.id)).toContain('echo-late');
    expect(holder.sourceOf('echo-late')).toEqual({ kind: 'file', file: 'late.yaml' });
    expect(holder.sourceOf('echo-tcp-server')).toEqual({ kind: 'builtin' });
    expect(holder.sourceOf('nope')).toBeUndefined();
  });

  it('forwards methods a catalog gains later without knowing them', async () => {
    const extended = { ...builtinAssignments, openToStudents: (id: string) => id === 'echo-tcp-server' };
    const holder = await AssignmentCatalogHolder.open(dir, async () => extended as AssignmentCatalog);
    const catalog = holder.catalog as AssignmentCatalog & { openToStudents(id: string): boolean };
    expect(catalog.openToStudents('echo-tcp-server')).toBe(true);
    expect(catalog.openToStudents('guess-server')).toBe(false);
    expect('openToStudents' in catalog).toBe(true);
  });

  it('keeps the catalog it has when a reload finds a broken file', async () => {
    await writeFile(join(dir, 'good.yaml'), 'id: echo-good\nbasedOn: echo-tcp-server\ntitle: Good\n');
    const holder = await AssignmentCatalogHolder.open(dir, loadAssignmentCatalog);
    await writeFile(join(dir, 'bad.yaml'), 'id: echo-bad\nbasedOn: echo-tcp-servr\ntitle: Bad\n');
    const error = await holder.reload().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssignmentFileError);
    expect(holder.catalog.get('echo-good')?.title).toBe('Good');
    expect(holder.catalog.get('echo-bad')).toBeUndefined();
  });
});
