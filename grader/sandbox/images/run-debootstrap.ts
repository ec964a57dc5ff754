import { access, constants, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DebootstrapRecipe } from './debootstrap-recipe.js';
import { DebootstrapFailedError, DebootstrapMissingError } from './errors.js';
import { LineTail, spawnGroup } from './group-process.js';

export interface RunDebootstrapOptions {
  recipe: DebootstrapRecipe;
  target: string;
  mirror: string;
  /** Package cache kept between builds; one per recipe, since two debootstraps writing one cache race. */
  cacheDir?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Progress lines, already prefixed by the caller. */
  log: (line: string) => void;
  debootstrapPath: string;
}

/** The argv for one recipe: `debootstrap --variant=… --include=… [--cache-dir=…] SUITE TARGET MIRROR`. */
export function debootstrapArgs(recipe: DebootstrapRecipe, target: string, mirror: string, cacheDir?: string): string[] {
  return [
    `--variant=${recipe.variant}`,
    `--include=${recipe.include.join(',')}`,
    ...(cacheDir ? [`--cache-dir=${cacheDir}`] : []),
    recipe.suite,
    target,
    mirror,
  ];
}

/**
 * debootstrap's phase lines worth showing ("I: Resolving dependencies…", "I: Base system
 * installed successfully."), not its one line per package ("I: Retrieving libc6 …").
 */
export function isPhaseLine(line: string): boolean {
  if (!line.startsWith('I: ') && !line.startsWith('W: ') && !line.startsWith('E: ')) return false;
  return !/^I: (Retrieving|Validating|Extracting|Unpacking|Configuring) \S+( \S+)?$/.test(line);
}

/** Where Debian and a source install put debootstrap (a non-login root shell may lack /usr/sbin on PATH). */
const DEBOOTSTRAP_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin'];

/** The debootstrap script: `explicit` if given, else the first of the usual places that has it. */
export async function findDebootstrap(explicit?: string): Promise<string> {
  const candidates = explicit ? [explicit] : DEBOOTSTRAP_DIRS.map((dir) => join(dir, 'debootstrap'));
  for (const candidate of candidates) {
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  throw new DebootstrapMissingError();
}

export async function runDebootstrap(opts: RunDebootstrapOptions): Promise<void> {
  if (opts.cacheDir) await mkdir(opts.cacheDir, { recursive: true });
  const args = debootstrapArgs(opts.recipe, opts.target, opts.mirror, opts.cacheDir);
  const proc = spawnGroup(opts.debootstrapPath, args, { signal: opts.signal });
  const tail = new LineTail(30);
  const onData = (chunk: Buffer) => {
    for (const line of tail.push(chunk)) if (isPhaseLine(line)) opts.log(line);
  };
  proc.child.stdout?.on('data', onData);
  proc.child.stderr?.on('data', onData);
  let result;
  try {
    result = await proc.exited;
  } catch (cause) {
    throw new DebootstrapMissingError({ cause });
  }
  opts.signal?.throwIfAborted();
  if (result.code === 0) return;
  // On failure debootstrap leaves its own log in the target, with the real cause (dpkg's output).
  const ownLog = await readFile(join(opts.target, 'debootstrap/debootstrap.log'), 'utf8').catch(() => '');
  const logTail = [tail.toString(), ...(ownLog ? ['--- debootstrap.log:', ownLog.split('\n').slice(-20).join('\n')] : [])];
  throw new DebootstrapFailedError(opts.recipe.image, result.code, logTail.join('\n'));
}
