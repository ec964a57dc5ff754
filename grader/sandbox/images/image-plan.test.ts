import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planImages } from './image-plan.js';
import { defaultRecipesDir } from './project-paths.js';
import { resolveImageTags } from './resolve-image-tags.js';

/** Temp folders made by this file's tests, removed after each test. */
const made: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fakeDist(files: Record<string, string> = { 'peer/main.js': 'console.log(1)\n', 'types.js': 'export {}\n' }): Promise<string> {
  const dist = await tempDir('sockgrade-dist-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dist, 'checks', name, '..'), { recursive: true });
    await writeFile(join(dist, 'checks', name), text);
  }
  return dist;
}

async function copyRecipes(): Promise<string> {
  const dir = await tempDir('sockgrade-recipes-');
  await cp(defaultRecipesDir(), dir, { recursive: true });
  return dir;
}

describe('resolveImageTags', () => {
  it('names every image repo:<12 hex> and is stable', async () => {
    const distDir = await fakeDist();
    const tags = await resolveImageTags({ distDir, source: 'debootstrap' });
    expect(tags.recipe).toBe('debootstrap');
    expect(tags.studentPython).toMatch(/^sockgrade-student-python:[0-9a-f]{12}$/);
    expect(tags.peerBase).toMatch(/^sockgrade-peer-base:[0-9a-f]{12}$/);
    expect(tags.peer).toMatch(/^sockgrade-peer:[0-9a-f]{12}$/);
    expect(await resolveImageTags({ distDir, source: 'debootstrap' })).toEqual(tags);
  });

  it('a changed check changes only the peer tag', async () => {
    const before = await resolveImageTags({ distDir: await fakeDist() });
    const after = await resolveImageTags({ distDir: await fakeDist({ 'peer/main.js': 'console.log(2)\n', 'types.js': 'export {}\n' }) });
    expect(after.studentPython).toBe(before.studentPython);
    expect(after.peerBase).toBe(before.peerBase);
    expect(after.peer).not.toBe(before.peer);
  });

  it('a new file under checks changes the peer tag', async () => {
    const before = await resolveImageTags({ distDir: await fakeDist() });
    const after = await resolveImageTags({
      distDir: await fakeDist({ 'peer/main.js': 'console.log(1)\n', 'types.js': 'export {}\n', 'echo/check.js': '' }),
    });
    expect(after.peer).not.toBe(before.peer);
  });

  it('a changed base recipe changes that base and the peer on top, not the other base', async () => {
    const distDir = await fakeDist();
    const recipesDir = await copyRecipes();
    const before = await resolveImageTags({ distDir, recipesDir });
    const recipeFile = join(recipesDir, 'peer-base/debootstrap.json');
    const recipe = JSON.parse(await readFile(recipeFile, 'utf8'));
    await writeFile(recipeFile, JSON.stringify({ ...recipe, include: ['nodejs', 'ca-certificates'] }));
    const after = await resolveImageTags({ distDir, recipesDir });
    expect(after.studentPython).toBe(before.studentPython);
    expect(after.peerBase).not.toBe(before.peerBase);
    expect(after.peer).not.toBe(before.peer);
  });

  it('the pull Dockerfiles give other tags and no peer base', async () => {
    const distDir = await fakeDist();
    const deb = await resolveImageTags({ distDir, source: 'debootstrap' });
    const pull = await resolveImageTags({ distDir, source: 'pull' });
    expect(pull.recipe).toBe('dockerfile');
    expect(pull.peerBase).toBeNull();
    expect(pull.studentPython).not.toBe(deb.studentPython);
    expect(pull.peer).not.toBe(deb.peer);
  });

  it('auto without a Docker client means debootstrap', async () => {
    const distDir = await fakeDist();
    expect((await resolveImageTags({ distDir })).recipe).toBe('debootstrap');
  });

  it('fails with CHECKS_NOT_BUILT when dist/checks is missing or empty', async () => {
    const empty = await tempDir('sockgrade-dist-');
    await expect(resolveImageTags({ distDir: empty })).rejects.toMatchObject({ code: 'CHECKS_NOT_BUILT' });
    await mkdir(join(empty, 'checks'));
    await expect(resolveImageTags({ distDir: empty })).rejects.toMatchObject({ code: 'CHECKS_NOT_BUILT' });
  });
});

describe('planImages', () => {
  it('builds the peer FROM the peer-base tag, with the checks and package.json in its context', async () => {
    const plan = await planImages({ distDir: await fakeDist(), recipe: 'debootstrap', recipesDir: defaultRecipesDir() });
    expect(plan.peer.from).toBe(plan.peerBase?.tag);
    expect(plan.peer.buildargs).toEqual({ BASE: plan.peerBase?.tag });
    expect(plan.peer.files.map((f) => f.name)).toEqual(['package.json', 'checks/peer/main.js', 'checks/types.js']);
    expect(JSON.parse(plan.peer.files[0]!.content.toString())).toEqual({ type: 'module' });
    expect(plan.studentPython.kind).toBe('import');
  });

  it('the pull recipe builds FROM the official images', async () => {
    const plan = await planImages({ distDir: await fakeDist(), recipe: 'dockerfile', recipesDir: defaultRecipesDir() });
    expect(plan.studentPython.kind === 'build' && plan.studentPython.from).toBe('python:3.12-slim');
    expect(plan.peer.from).toBe('node:20-slim');
  });
});
