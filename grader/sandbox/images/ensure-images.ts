import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { withBuildLock } from './build-lock.js';
import { buildImage } from './build-image.js';
import { findDebianMirror } from './apt-mirror.js';
import { isImagePresent } from './docker-stream.js';
import { BaseImageMissingError, NotRootError } from './errors.js';
import { IMAGE_LABELS, type ImagePlan, type OnDemandRuntime, type PlannedBuild, type PlannedImport } from './image-plan.js';
import { importRootfs } from './import-rootfs.js';
import { defaultCacheDir } from './project-paths.js';
import { pruneRootfs } from './prune-rootfs.js';
import { resolvePlan, tagsOf, type ImageTags, type ResolveImageTagsOptions } from './resolve-image-tags.js';
import { findDebootstrap, runDebootstrap } from './run-debootstrap.js';
import { withTempRootfs } from './rootfs-dir.js';

export interface EnsureImagesOptions extends ResolveImageTagsOptions {
  docker: Dockerode;
  signal?: AbortSignal | undefined;
  /** Progress, one line at a time. @defaultValue discard */
  log?: ((line: string) => void) | undefined;
  /** Debian mirror for debootstrap. @defaultValue the `bookworm`/`main` source of this machine's apt configuration */
  mirror?: string | undefined;
  /** @defaultValue `/etc/apt` */
  aptDir?: string | undefined;
  /** debootstrap's package cache (`<cacheDir>/debootstrap/<image>`) and the build locks. @defaultValue the project's `.cache/` */
  cacheDir?: string | undefined;
  /** Where the temporary rootfs goes (needs ~350 MB). @defaultValue the OS temp folder */
  tmpDir?: string | undefined;
  /** @defaultValue found in /usr/sbin, /usr/bin, … */
  debootstrapPath?: string | undefined;
  /** Student images of compiled runtimes to build as well when missing (issue #14). @defaultValue none: Python only */
  runtimes?: readonly OnDemandRuntime[] | undefined;
  /** Our uid, for the root check. @defaultValue `process.getuid()` */
  uid?: number | undefined;
}

export interface EnsureImagesResult extends ImageTags {
  /** Tags built by this call; empty when everything was up to date. */
  built: string[];
}

interface Context {
  docker: Dockerode;
  signal: AbortSignal | undefined;
  log: (line: string) => void;
  cacheDir: string;
  opts: EnsureImagesOptions;
  /** Set up once, and only if a debootstrap is needed. */
  debootstrap?: { path: string; mirrors: Map<string, string> };
}

/**
 * Builds whichever sandbox images are missing and returns the tags. Idempotent: tags are
 * content hashes, so an up-to-date image is found and nothing is built; a changed check
 * rebuilds only the peer layer. Concurrent calls wait for each other (a lock per tag).
 */
export async function ensureImages(opts: EnsureImagesOptions): Promise<EnsureImagesResult> {
  opts.signal?.throwIfAborted();
  const plan = await resolvePlan(opts);
  const ctx: Context = {
    docker: opts.docker,
    signal: opts.signal,
    log: opts.log ?? (() => {}),
    cacheDir: opts.cacheDir ?? defaultCacheDir(),
    opts,
  };
  const built: string[] = [];
  const record = (tag: string) => (wasBuilt: boolean) => void (wasBuilt && built.push(tag));
  const onDemand = [...new Set(opts.runtimes ?? [])].map((runtime) => plan.onDemand[runtime]);
  await prepareDebootstrap(ctx, plan, onDemand);
  // The bases are independent (and debootstrap is mostly waiting on the network): in parallel.
  await allOrAbort(ctx.signal, [plan.studentPython, ...(plan.peerBase ? [plan.peerBase] : []), ...onDemand].map(
    (image) => (signal: AbortSignal) => ensureOne({ ...ctx, signal }, image).then(record(image.tag)),
  ));
  await ensureOne(ctx, plan.peer).then(record(plan.peer.tag));
  const tags = tagsOf(plan);
  if (built.length === 0) ctx.log(`images up to date: ${[tags.studentPython, tags.peerBase, tags.peer].filter(Boolean).join(', ')}`);
  return { ...tags, built };
}

/** Checks root, debootstrap and the mirror before any work starts, when some base must be bootstrapped. */
async function prepareDebootstrap(ctx: Context, plan: ImagePlan, onDemand: readonly PlannedImport[]): Promise<void> {
  const imports = [plan.studentPython, plan.peerBase, ...onDemand].filter((p): p is PlannedImport => p?.kind === 'import');
  const missing: PlannedImport[] = [];
  for (const image of imports) if (!(await isImagePresent(ctx.docker, image.tag))) missing.push(image);
  if (missing.length === 0) return;
  const uid = ctx.opts.uid ?? process.getuid?.() ?? 0;
  if (uid !== 0) throw new NotRootError(uid);
  const path = await findDebootstrap(ctx.opts.debootstrapPath);
  const mirrors = new Map<string, string>();
  for (const { recipe } of missing) {
    if (mirrors.has(recipe.suite)) continue;
    mirrors.set(recipe.suite, await findDebianMirror({ suite: recipe.suite, override: ctx.opts.mirror, aptDir: ctx.opts.aptDir }));
  }
  ctx.debootstrap = { path, mirrors };
}

/** Builds `image` unless present; true if it built. Re-checks under the lock: another caller may have built it meanwhile. */
async function ensureOne(ctx: Context, image: PlannedImport | PlannedBuild): Promise<boolean> {
  if (await isImagePresent(ctx.docker, image.tag)) return false;
  return withBuildLock(join(ctx.cacheDir, 'locks'), image.tag, async () => {
    if (await isImagePresent(ctx.docker, image.tag)) return false;
    const started = Date.now();
    if (image.kind === 'import') await bootstrapAndImport(ctx, image);
    else await buildLayer(ctx, image);
    ctx.log(`built ${image.tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  }, { signal: ctx.signal, log: ctx.log });
}

async function bootstrapAndImport(ctx: Context, image: PlannedImport): Promise<void> {
  const { recipe } = image;
  const setup = ctx.debootstrap;
  const mirror = setup?.mirrors.get(recipe.suite);
  if (!setup || !mirror) throw new Error(`internal: debootstrap not prepared for ${image.tag}`);
  ctx.log(`building ${image.tag} with debootstrap (about a minute)…`);
  await withTempRootfs(async (rootfs) => {
    await runDebootstrap({
      recipe,
      target: rootfs,
      mirror,
      cacheDir: join(ctx.cacheDir, 'debootstrap', recipe.image),
      signal: ctx.signal,
      log: (line) => ctx.log(`  ${recipe.image}: ${line}`),
      debootstrapPath: setup.path,
    });
    await pruneRootfs(rootfs, recipe);
    const labels = [`LABEL ${IMAGE_LABELS.image}=${image.role}`, `LABEL ${IMAGE_LABELS.inputsHash}=${image.inputsHash}`];
    await importRootfs(ctx.docker, { rootfs, tag: image.tag, changes: [...recipe.changes, ...labels], signal: ctx.signal });
  }, { tmpDir: ctx.opts.tmpDir, log: ctx.log });
}

async function buildLayer(ctx: Context, image: PlannedBuild): Promise<void> {
  const pull = ctx.opts.source === 'pull';
  // Without this check the classic builder would pull a missing FROM image by itself.
  if (!pull && !(await isImagePresent(ctx.docker, image.from))) throw new BaseImageMissingError(image.from);
  ctx.log(`building ${image.tag} from ${image.from}${pull ? ' (pulling it)' : ''}…`);
  await buildImage(ctx.docker, {
    tag: image.tag,
    dockerfile: image.dockerfile,
    files: image.files,
    buildargs: image.buildargs,
    labels: { [IMAGE_LABELS.image]: image.role, [IMAGE_LABELS.inputsHash]: image.inputsHash },
    pull,
    signal: ctx.signal,
    log: (line) => ctx.log(`  ${image.role}: ${line}`),
  });
}

/**
 * Runs tasks in parallel; the first failure aborts the others (so a failed debootstrap
 * does not leave its sibling running) and is what this throws, once all have settled.
 */
async function allOrAbort(outer: AbortSignal | undefined, tasks: Array<(signal: AbortSignal) => Promise<void>>): Promise<void> {
  const inner = new AbortController();
  const signal = outer ? AbortSignal.any([outer, inner.signal]) : inner.signal;
  let first: { error: unknown } | undefined;
  await Promise.allSettled(tasks.map((task) => task(signal).catch((error: unknown) => {
    first ??= { error };
    inner.abort(error);
  })));
  if (outer?.aborted) throw outer.reason;
  if (first) throw first.error;
}
