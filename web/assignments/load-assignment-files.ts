import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { listAssignments } from '../../checks/index.js';
import type { AssignmentDefinition } from '../../checks/types.js';
import { AssignmentFileError, type AssignmentProblem } from './assignment-file-error.js';
import { assignmentFileSchema } from './assignment-file-schema.js';
import { describeIssue, formatPath, type IssuePath } from './describe-issue.js';
import { parseAssignmentText } from './parse-assignment-text.js';
import { resolveAssignmentFile, type ResolvedAssignment } from './resolve-assignment-file.js';
import { resolveScriptedFile } from './scripted/resolve-scripted-file.js';
import { SCRIPTED_FIELDS, scriptedFileSchema } from './scripted/scripted-file-schema.js';

/** An assignment file is a few KiB; anything this large is not one. */
export const MAX_ASSIGNMENT_FILE_BYTES = 256 * 1024;

const FORMATS: Record<string, 'yaml' | 'json'> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

export interface LoadedAssignment extends ResolvedAssignment {
  /** The file it came from, as shown in messages. */
  file: string;
}

export interface LoadAssignmentFilesOptions {
  /** What `basedOn` may name and `id` must not clash with. @defaultValue the built-ins of `checks/` */
  builtins?: readonly AssignmentDefinition[];
}

/**
 * Reads every `*.yaml`, `*.yml` and `*.json` directly in `dir` (one assignment per file,
 * in file-name order; other files and subfolders are left alone). A folder that does not
 * exist holds no assignments. Any problem in any file throws one
 * {@link AssignmentFileError} listing them all.
 */
export async function loadAssignmentFiles(dir: string, opts: LoadAssignmentFilesOptions = {}): Promise<LoadedAssignment[]> {
  const builtins = new Map((opts.builtins ?? listAssignments()).map((assignment) => [assignment.id, assignment]));
  const shownDir = basename(dir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith('.') && extname(name).toLowerCase() in FORMATS).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    const why = code === 'ENOTDIR' ? 'is a file, not a folder' : `cannot be read (${(error as Error).message})`;
    throw new AssignmentFileError(dir, [{ file: shownDir, line: null, path: '', message: `${why}; point SOCKGRADE_ASSIGNMENTS_DIR at a folder of assignment files` }]);
  }

  const problems: AssignmentProblem[] = [];
  const loaded: LoadedAssignment[] = [];
  const firstFileOfId = new Map<string, string>();
  for (const name of names) {
    const file = `${shownDir}/${name}`;
    const result = await loadOne(join(dir, name), file, FORMATS[extname(name).toLowerCase()]!, builtins);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const other = firstFileOfId.get(result.value.definition.id);
    if (other !== undefined) {
      problems.push({ file, line: result.lineOf(['id']), path: 'id', message: `\`${result.value.definition.id}\` is already the id of ${other}; every assignment needs its own id` });
      continue;
    }
    firstFileOfId.set(result.value.definition.id, file);
    loaded.push({ ...result.value, file });
  }
  if (problems.length > 0) throw new AssignmentFileError(dir, problems);
  return loaded;
}

/**
 * One assignment file on its own (`sockgrade check-assignment`), checked like at start;
 * problems throw one {@link AssignmentFileError}. Shown as `<folder>/<file>` in messages.
 */
export async function loadAssignmentFile(path: string, opts: LoadAssignmentFilesOptions = {}): Promise<LoadedAssignment> {
  const builtins = new Map((opts.builtins ?? listAssignments()).map((assignment) => [assignment.id, assignment]));
  const file = `${basename(dirname(resolve(path)))}/${basename(path)}`;
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new AssignmentFileError(path, [{ file, line: null, path: '', message: 'is not an assignment file: name it *.yaml, *.yml or *.json' }]);
  const result = await loadOne(path, file, format, builtins);
  if (!result.ok) throw new AssignmentFileError(path, result.problems.length > 0 ? result.problems : [{ file, line: null, path: '', message: 'is not a file' }]);
  return { ...result.value, file };
}

type OneResult = { ok: true; value: ResolvedAssignment; lineOf(path: IssuePath): number | null } | { ok: false; problems: AssignmentProblem[] };

async function loadOne(path: string, file: string, format: 'yaml' | 'json', builtins: ReadonlyMap<string, AssignmentDefinition>): Promise<OneResult> {
  const fail = (message: string): OneResult => ({ ok: false, problems: [{ file, line: null, path: '', message }] });
  const info = await stat(path).catch((error: Error) => error);
  if (info instanceof Error) return fail(`cannot be read: ${info.message}`);
  if (!info.isFile()) return { ok: false, problems: [] }; // a folder named `old.yaml`: not a file of ours
  if (info.size > MAX_ASSIGNMENT_FILE_BYTES) return fail(`is ${info.size} bytes; an assignment file may have at most ${MAX_ASSIGNMENT_FILE_BYTES}`);
  const text = await readFile(path, 'utf8').catch((error: Error) => error);
  if (text instanceof Error) return fail(`cannot be read: ${text.message}`);

  const parsed = parseAssignmentText(text, format);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ file, line: p.line, path: '', message: p.message })) };
  if (parsed.value === null || parsed.value === undefined) return fail('is empty; an assignment needs at least `id`, `basedOn` and `title`');
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return fail('must hold one assignment as a mapping (`id: …`, `basedOn: …`, `title: …` lines), not a list or a single value');
  }

  // In the order of the file's lines, the order a teacher fixes them in.
  const located = (problems: { path: IssuePath; message: string }[]): OneResult => ({
    ok: false,
    problems: problems
      .map((p) => ({ file, line: parsed.lineOf(p.path), path: formatPath(p.path), message: p.message }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  });
  if ((parsed.value as { kind?: unknown }).kind === 'scripted') {
    const scripted = scriptedFileSchema.safeParse(parsed.value);
    if (!scripted.success) return located(scripted.error.issues.flatMap((issue) => describeIssue(issue, SCRIPTED_FIELDS)));
    const resolved = resolveScriptedFile(scripted.data, builtins, parsed.lineOf);
    if (!resolved.ok) return located(resolved.problems);
    return { ok: true, value: resolved.value, lineOf: parsed.lineOf };
  }
  const checked = assignmentFileSchema.safeParse(parsed.value);
  if (!checked.success) return located(checked.error.issues.flatMap((issue) => describeIssue(issue)));
  const resolved = resolveAssignmentFile(checked.data, builtins);
  if (!resolved.ok) return located(resolved.problems);
  return { ok: true, value: resolved.value, lineOf: parsed.lineOf };
}
