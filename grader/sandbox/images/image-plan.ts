import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentHash, readTree, type HashPart } from './content-hash.js';
import { loadDebootstrapRecipe, type DebootstrapRecipe } from './debootstrap-recipe.js';
import { ChecksNotBuiltError } from './errors.js';
import { dockerfileBaseImage } from './dockerfile-from.js';

export type ImageRole = 'student-python' | 'student-c' | 'student-java' | 'peer-base' | 'peer';

/** Runtimes whose student image is built only when asked for (issue #14): `images build --runtime c`, or a grading that needs it. */
export type OnDemandRuntime = 'c' | 'java';
export const ON_DEMAND_RUNTIMES: readonly OnDemandRuntime[] = ['c', 'java'];

/** How the images are made: `debootstrap` + import (offline), or the Dockerfiles `FROM` official images. */
export type ImageRecipeKind = 'debootstrap' | 'dockerfile';

export const IMAGE_REPOS: Readonly<Record<ImageRole, string>> = {
  'student-python': 'sockgrade-student-python',
  'student-c': 'sockgrade-student-c',
  'student-java': 'sockgrade-student-java',
  'peer-base': 'sockgrade-peer-base',
  peer: 'sockgrade-peer',
};

export const IMAGE_LABELS = { image: 'sockgrade.image', inputsHash: 'sockgrade.inputs-hash' } as const;

/**
 * Part of every tag: bump it when the build code changes what ends up in an image
 * (pruning, tar flags, import changes), so existing tags stop matching and are rebuilt.
 */
export const BUILD_SCRIPT_VERSION = '1';

/** A base made by debootstrap and imported. */
export interface PlannedImport {
  kind: 'import';
  role: ImageRole;
  tag: string;
  inputsHash: string;
  recipe: DebootstrapRecipe;
  recipeFile: string;
}

/** An image built from a Dockerfile and a context (held in memory: what was hashed is what is sent). */
export interface PlannedBuild {
  kind: 'build';
  role: ImageRole;
  tag: string;
  inputsHash: string;
  dockerfile: string;
  /** Context files besides the Dockerfile, posix paths. */
  files: HashPart[];
  buildargs: Record<string, string>;
  /** The `FROM` image after build-argument substitution. */
  from: string;
}

export interface ImagePlan {
  recipe: ImageRecipeKind;
  studentPython: PlannedImport | PlannedBuild;
  /** Only for `debootstrap`: the Node base under the peer layer. */
  peerBase: PlannedImport | null;
  peer: PlannedBuild;
  /**
   * The C and Java student images: always debootstrapped from Debian's gcc and OpenJDK
   * (there is no pull recipe), whatever `recipe` says; planned always (cheap), built only
   * on demand (`ensureImages({runtimes})`), so a Python-only course never waits for them.
   */
  onDemand: Record<OnDemandRuntime, PlannedImport>;
}

export interface PlanOptions {
  /** The compiled project (`dist/`); its `checks/` folder goes into the peer image. */
  distDir: string;
  recipe: ImageRecipeKind;
  /** The image recipes (`docker/`). */
  recipesDir: string;
}

/** Reads every input of every image and computes the tags. No Docker, no network. */
export async function planImages(opts: PlanOptions): Promise<ImagePlan> {
  const checks = await readChecks(join(opts.distDir, 'checks'));
  const onDemand = {
    c: await planImport('student-c', join(opts.recipesDir, 'c/debootstrap.json')),
    java: await planImport('student-java', join(opts.recipesDir, 'java/debootstrap.json')),
  };
  const packageJson = await readPart(opts.recipesDir, 'peer/package.json', 'package.json');
  if (opts.recipe === 'debootstrap') {
    const studentPython = await planImport('student-python', join(opts.recipesDir, 'python/debootstrap.json'));
    const peerBase = await planImport('peer-base', join(opts.recipesDir, 'peer-base/debootstrap.json'));
    const dockerfile = await readFile(join(opts.recipesDir, 'peer/Dockerfile'), 'utf8');
    const peer = planBuild('peer', dockerfile, [packageJson, ...checks], { BASE: peerBase.tag }, [
      { name: 'recipe', content: 'debootstrap' },
    ]);
    return { recipe: opts.recipe, studentPython, peerBase, peer, onDemand };
  }
  const pythonDockerfile = await readFile(join(opts.recipesDir, 'python/Dockerfile'), 'utf8');
  const peerDockerfile = await readFile(join(opts.recipesDir, 'peer/Dockerfile.pull'), 'utf8');
  const extra = [{ name: 'recipe', content: 'dockerfile' }];
  return {
    recipe: opts.recipe,
    studentPython: planBuild('student-python', pythonDockerfile, [], {}, extra),
    peerBase: null,
    peer: planBuild('peer', peerDockerfile, [packageJson, ...checks], {}, extra),
    onDemand,
  };
}

async function planImport(role: ImageRole, recipeFile: string): Promise<PlannedImport> {
  const { recipe, text } = await loadDebootstrapRecipe(recipeFile);
  const inputsHash = contentHash([
    { name: 'recipe', content: 'debootstrap' },
    { name: 'build-script-version', content: BUILD_SCRIPT_VERSION },
    { name: 'debootstrap.json', content: text },
  ]);
  return { kind: 'import', role, tag: `${IMAGE_REPOS[role]}:${inputsHash}`, inputsHash, recipe, recipeFile };
}

function planBuild(
  role: ImageRole,
  dockerfile: string,
  files: HashPart[],
  buildargs: Record<string, string>,
  extra: HashPart[],
): PlannedBuild {
  const inputsHash = contentHash([
    ...extra,
    { name: 'build-script-version', content: BUILD_SCRIPT_VERSION },
    { name: 'Dockerfile', content: dockerfile },
    ...Object.entries(buildargs).map(([k, v]) => ({ name: `build-arg:${k}`, content: v })),
    ...files.map((f) => ({ name: `context:${f.name}`, content: f.content })),
  ]);
  const from = dockerfileBaseImage(dockerfile, buildargs);
  return { kind: 'build', role, tag: `${IMAGE_REPOS[role]}:${inputsHash}`, inputsHash, dockerfile, files, buildargs, from };
}

async function readChecks(checksDir: string): Promise<HashPart[]> {
  try {
    const files = await readTree(checksDir, 'checks/');
    if (files.length > 0) return files;
  } catch (cause) {
    throw new ChecksNotBuiltError(checksDir, { cause });
  }
  throw new ChecksNotBuiltError(checksDir);
}

async function readPart(dir: string, path: string, name: string): Promise<HashPart> {
  return { name, content: await readFile(join(dir, path)) };
}
