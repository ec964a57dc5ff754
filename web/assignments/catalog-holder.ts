import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listAssignments } from '../../checks/index.js';
import { loadAssignmentCatalog, type AssignmentCatalog } from '../assignment-catalog.js';
import { ASSIGNMENT_ID_PATTERN } from './assignment-file-schema.js';
import { AssignmentFileError } from './assignment-file-error.js';
import { loadAssignmentFiles } from './load-assignment-files.js';

const FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];
const here = dirname(fileURLToPath(import.meta.url));

/** Where an assignment is defined: in `checks/`, or in a teacher's file (its name in the folder). */
export type AssignmentSource = { kind: 'builtin' } | { kind: 'file'; file: string };

/** A teacher asked for something the folder cannot do: the message says why. */
export class AssignmentFileConflict extends Error {
  readonly code = 'ASSIGNMENT_FILE_CONFLICT';
}

/**
 * The assignment catalog, reloadable while the service runs (issue #9): teachers upload,
 * change and delete their files through the API and the change takes effect at once.
 *
 * `catalog` is what everyone holds (the app's routes, the results recorder, the
 * reconciler): it forwards every call to the catalog loaded last, so nobody needs to
 * learn about reloading, and a method added to `AssignmentCatalog` later is forwarded
 * too. A write is validated first, with the start-up loader, on a copy of the folder that
 * holds the new file: a file with an error changes nothing and gets the same
 * `file:line: path: message` problems as at start.
 */
export class AssignmentCatalogHolder {
  private current: AssignmentCatalog;
  private files = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  readonly catalog: AssignmentCatalog;

  private constructor(
    /** `SOCKGRADE_ASSIGNMENTS_DIR`. */
    readonly dir: string,
    private readonly load: (dir: string) => Promise<AssignmentCatalog>,
    initial: AssignmentCatalog,
  ) {
    this.current = initial;
    this.catalog = new Proxy({} as AssignmentCatalog, {
      get: (_target, property) => {
        const value: unknown = Reflect.get(this.current, property);
        return typeof value === 'function' ? value.bind(this.current) : value;
      },
      has: (_target, property) => Reflect.has(this.current, property),
    });
  }

  /** Loads the folder as at start; invalid files throw {@link AssignmentFileError}. */
  static async open(dir: string, load: (dir: string) => Promise<AssignmentCatalog> = loadAssignmentCatalog): Promise<AssignmentCatalogHolder> {
    const holder = new AssignmentCatalogHolder(dir, load, await load(dir));
    holder.files = await fileIndex(dir);
    return holder;
  }

  sourceOf(id: string): AssignmentSource | undefined {
    const file = this.files.get(id);
    if (file !== undefined) return { kind: 'file', file };
    return this.current.get(id) ? { kind: 'builtin' } : undefined;
  }

  /** Teachers' files by assignment id, in file-name order. */
  list(): { id: string; file: string }[] {
    return [...this.files].map(([id, file]) => ({ id, file })).sort((a, b) => a.file.localeCompare(b.file));
  }

  /** The file's text as the teacher wrote it, or undefined for a built-in or unknown id. */
  async read(id: string): Promise<{ file: string; text: string } | undefined> {
    const file = this.files.get(id);
    return file === undefined ? undefined : { file, text: await readFile(join(this.dir, file), 'utf8') };
  }

  /**
   * Creates or replaces the file of assignment `id` (as `<id>.yaml`, or its existing
   * name). Throws {@link AssignmentFileError} when the folder would not load with it, and
   * {@link AssignmentFileConflict} when the text names another id; nothing changes then.
   */
  write(id: string, text: string): Promise<{ file: string; created: boolean }> {
    return this.serialized(async () => {
      checkId(id);
      const existing = this.files.get(id);
      if (existing === undefined && this.current.get(id)) throw new AssignmentFileConflict(`\`${id}\` is a built-in assignment; give yours another id and base it on it with \`basedOn: ${id}\`.`);
      const name = existing !== undefined && extname(existing) !== '.json' ? existing : `${id}.yaml`;
      const holderOfName = [...this.files].find(([other, file]) => file === name && other !== id);
      if (holderOfName) throw new AssignmentFileConflict(`The file ${name} holds assignment \`${holderOfName[0]}\`; rename that file first.`);

      const staged = await this.stage(name, text, existing);
      try {
        await this.load(staged);
        const stagedId = [...(await fileIndex(staged))].find(([, file]) => file === name)?.[0];
        if (stagedId !== id) throw new AssignmentFileConflict(`The file says \`id: ${stagedId}\`, but it was sent for \`${id}\`; make them the same.`);
      } finally {
        await rm(dirname(staged), { recursive: true, force: true });
      }

      await mkdir(this.dir, { recursive: true });
      // Written beside the target under a dot-name the loader ignores, then renamed: a
      // reader (or a crash) sees the old file or the new one, never half of one.
      const temporary = join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(temporary, text, { mode: 0o644 });
      await rename(temporary, join(this.dir, name));
      if (existing !== undefined && existing !== name) await unlink(join(this.dir, existing));
      await this.reloadNow();
      return { file: name, created: existing === undefined };
    });
  }

  /** Deletes the file of assignment `id`; false when no teacher file defines it. */
  remove(id: string): Promise<boolean> {
    return this.serialized(async () => {
      const file = this.files.get(id);
      if (file === undefined) return false;
      await unlink(join(this.dir, file));
      await this.reloadNow();
      return true;
    });
  }

  /** Reads the folder again (someone changed a file by hand); invalid files throw and the old catalog stays. */
  reload(): Promise<void> {
    return this.serialized(() => this.reloadNow());
  }

  private async reloadNow(): Promise<void> {
    const catalog = await this.load(this.dir);
    this.files = await fileIndex(this.dir);
    this.current = catalog;
  }

  /** A copy of the folder with `text` as `name` (and without `replaced`), named like the folder so messages match. */
  private async stage(name: string, text: string, replaced: string | undefined): Promise<string> {
    const staged = join(await mkdtemp(join(tmpdir(), 'sockgrade-assignments-')), basename(this.dir));
    await mkdir(staged);
    for (const entry of await readdir(this.dir).catch(() => [] as string[])) {
      if (entry === name || entry === replaced || entry.startsWith('.') || !FILE_EXTENSIONS.includes(extname(entry).toLowerCase())) continue;
      await copyFile(join(this.dir, entry), join(staged, entry)).catch(() => {}); // a subfolder named `x.yaml`: not ours
    }
    await writeFile(join(staged, name), text);
    return staged;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}

function checkId(id: string): void {
  if (!ASSIGNMENT_ID_PATTERN.test(id) || id.length > 64) {
    throw new AssignmentFileError('', [{ file: `${id}.yaml`, line: null, path: 'id', message: 'use lowercase letters, digits and single dashes, at most 64 characters' }]);
  }
}

/** Which file defines which assignment id (the folder is valid: it was just loaded). */
async function fileIndex(dir: string): Promise<Map<string, string>> {
  const loaded = await loadAssignmentFiles(dir, { builtins: listAssignments() });
  return new Map(loaded.map((entry) => [entry.definition.id, entry.file.slice(entry.file.indexOf('/') + 1)]));
}

/** `web/assignments/example-assignment.yaml`, from source (vitest) or from `dist/` (`npm start`). */
export async function exampleAssignmentText(): Promise<string> {
  const candidates = [resolve(here, 'example-assignment.yaml'), resolve(here, '../../../web/assignments/example-assignment.yaml')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`The example assignment is missing: looked in ${candidates.join(' and ')}.`);
  return readFile(found, 'utf8');
}
