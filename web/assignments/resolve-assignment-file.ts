import { getSuite } from '../../checks/index.js';
import { runtimeRef, RUNTIMES } from '../../checks/runtimes.js';
import type { AssignmentDefinition, AssignmentLimits, RuntimeId, TestDefinition } from '../../checks/types.js';
import { assignmentDefinitionSchema } from '../../grader/assignment-schema.js';
import { submissionNameProblem } from '../../grader/submission-names.js';
import type { AssignmentFile, AssignmentFileTest } from './assignment-file-schema.js';
import { HOUR_MS, type AssignmentPolicy, type LatePolicy, type TestVisibility } from './assignment-policy.js';
import { closest, type IssuePath } from './describe-issue.js';
import { parseDeadline } from './instants.js';

export interface ResolvedAssignment {
  definition: AssignmentDefinition;
  policy: AssignmentPolicy;
  /** The built-in it starts from: closed to students unless `openBase`. Absent for a scripted file (issue #14). */
  basedOn?: string;
  /** `openBase: true`: students may still hand in to the base. @defaultValue false */
  openBase?: boolean;
}

export interface PathProblem {
  path: IssuePath;
  message: string;
}

/**
 * A file that passed the schema, made into what the grader runs and the API enforces:
 * the base assignment with the file's changes applied, and the policy. Collects every
 * problem instead of stopping at the first.
 */
export function resolveAssignmentFile(
  file: AssignmentFile,
  builtins: ReadonlyMap<string, AssignmentDefinition>,
): { ok: true; value: ResolvedAssignment } | { ok: false; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const problem: Report = (path, message) => problems.push({ path, message });
  const base = checkIdentity(file, builtins, problem);
  const deadline = checkRules(file, problem);
  if (!base) return { ok: false, problems };
  const { tests, visibility } = resolveTests(file, base, problem);
  const limits: AssignmentLimits = { ...base.limits, ...file.limits };
  checkLimits(limits, problem);
  if (problems.length > 0) return { ok: false, problems };

  const params = file.params === undefined ? base.params : { ...base.params, ...file.params };
  const definition: AssignmentDefinition = {
    ...structuredClone(base),
    id: file.id,
    title: file.title,
    summary: file.summary ?? base.summary,
    description: descriptionOf(file.description) ?? base.description,
    entry: file.entry ?? base.entry,
    ...languageOf(file, base),
    ...(params === undefined ? {} : { params }),
    tests,
    limits,
  };
  // What a job will carry: a worker elsewhere grades it from this alone, so it must pass there too.
  const checked = assignmentDefinitionSchema.safeParse(definition);
  if (!checked.success) {
    return { ok: false, problems: checked.error.issues.map((issue) => ({ path: issue.path, message: `does not make a gradable assignment: ${issue.message}` })) };
  }
  const policy = policyOf(file, deadline, visibility);
  return { ok: true, value: { definition, policy, basedOn: base.id, openBase: file.openBase ?? false } };
}

/** The rules part of any assignment file (a based-on one or a scripted one). */
type FileRules = Pick<AssignmentFile, 'deadline' | 'late' | 'budget' | 'visibility' | 'entry' | 'runtime'> & { tests?: readonly { visibility?: TestVisibility | undefined }[] | undefined };

/** Deadline, late policy, budget and visibility of a checked file. */
export function policyOf(file: FileRules, deadline: { ms: number; utcOffsetMinutes: number } | null, visibility: Record<string, TestVisibility>): AssignmentPolicy {
  return {
    deadline: deadline?.ms ?? null,
    utcOffsetMinutes: deadline?.utcOffsetMinutes ?? 0,
    late: latePolicyOf(file.late),
    budget: file.budget ? { ...file.budget, windowMs: Math.round(file.budget.perHours * HOUR_MS) } : null,
    defaultVisibility: file.visibility ?? 'visible',
    visibility,
  };
}

export type Report = (path: IssuePath, message: string) => void;

/** The base assignment `basedOn` names; the file's own id must not be a built-in's. */
function checkIdentity(file: AssignmentFile, builtins: ReadonlyMap<string, AssignmentDefinition>, problem: Report): AssignmentDefinition | undefined {
  if (builtins.has(file.id)) problem(['id'], `\`${file.id}\` is the id of a built-in assignment; choose another, e.g. \`${file.id}-2026\``);
  const base = builtins.get(file.basedOn);
  if (!base) {
    const guess = closest(file.basedOn, [...builtins.keys()]);
    problem(
      ['basedOn'],
      `there is no built-in assignment \`${file.basedOn}\`${guess ? `; did you mean \`${guess}\`?` : '.'} The built-in ones are: ${[...builtins.keys()].join(', ')}`,
    );
  }
  return base;
}

/** The deadline, and the settings that only mean something with one; the entry file's name. */
export function checkRules(file: FileRules, problem: Report): { ms: number; utcOffsetMinutes: number } | null {
  let deadline: { ms: number; utcOffsetMinutes: number } | null = null;
  if (file.deadline !== undefined) {
    const parsed = parseDeadline(file.deadline);
    if (parsed.ok) deadline = parsed;
    else problem(['deadline'], parsed.problem);
  }
  const hasDeadline = file.deadline !== undefined;
  if (file.late && !hasDeadline) problem(['late'], 'has no effect without a `deadline`; add one, or remove `late`');
  const needsDeadline = (visibility: TestVisibility | undefined, path: IssuePath) => {
    if (visibility === 'hidden-until-deadline' && !hasDeadline) {
      problem(path, '`hidden-until-deadline` needs a `deadline` to end; add one, or use `hidden`');
    }
  };
  needsDeadline(file.visibility, ['visibility']);
  file.tests?.forEach((test, i) => needsDeadline(test.visibility, ['tests', i, 'visibility']));
  const entryProblem = file.entry === undefined ? null : submissionNameProblem(file.entry);
  if (entryProblem) problem(['entry'], entryProblem);
  const extension = file.runtime === undefined ? undefined : RUNTIME_EXTENSIONS[file.runtime];
  if (!entryProblem && file.entry !== undefined && extension !== undefined && !file.entry.endsWith(extension)) {
    problem(['entry'], `\`${file.entry}\` is not a ${RUNTIMES[file.runtime!].name} file: with \`runtime: ${file.runtime}\` the entry ends in \`${extension}\` (or leave \`entry\` out for \`${RUNTIMES[file.runtime!].entries.server}\` / \`${RUNTIMES[file.runtime!].entries.client}\`)`);
  }
  return deadline;
}

/** What a compiled language needs its entry to end in (Java's class is named after it). */
const RUNTIME_EXTENSIONS: Record<RuntimeId, string | undefined> = { python: undefined, c: '.c', java: '.java' };

/**
 * `runtime: c` (issue #14): the assignment in that language only (no other language by
 * the file handed in), its entry that language's name for the role unless the file names one.
 */
function languageOf(file: AssignmentFile, base: AssignmentDefinition): Partial<AssignmentDefinition> {
  if (file.runtime === undefined) return {};
  return { runtime: runtimeRef(file.runtime), entry: file.entry ?? RUNTIMES[file.runtime].entries[base.role], otherRuntimes: [] };
}

/** The run's watchdog is `runMs`: no single phase may be longer than the whole. */
export function checkLimits(limits: AssignmentLimits, problem: Report): void {
  for (const key of ['startupMs', 'testMs', 'clientRunMs'] as const) {
    if (limits[key] > limits.runMs) {
      problem(['limits'], `the whole run (runMs: ${limits.runMs}) must be at least as long as ${key} (${limits[key]}); raise \`runMs\` or lower \`${key}\``);
    }
  }
}

/** A deadline without `late` is a hard one: nothing is taken after it. */
function latePolicyOf(late: AssignmentFile['late']): LatePolicy {
  if (!late) return { policy: 'reject', penaltyPercentPerDay: 0, maxDaysLate: null };
  return { policy: late.policy, penaltyPercentPerDay: late.penaltyPercentPerDay ?? 0, maxDaysLate: late.maxDaysLate ?? null };
}

/** One text for both languages, or the one given for the one missing. */
export function descriptionOf(description: AssignmentFile['description']): AssignmentDefinition['description'] | undefined {
  if (description === undefined) return undefined;
  if (typeof description === 'string') return { en: description, de: description };
  return { en: description.en ?? description.de!, de: description.de ?? description.en! };
}

/** The file's tests (a subset, reordering or copies of the base's), or the base's all. */
function resolveTests(
  file: AssignmentFile,
  base: AssignmentDefinition,
  problem: Report,
): { tests: TestDefinition[]; visibility: Record<string, TestVisibility> } {
  const fallback = file.visibility ?? 'visible';
  if (!file.tests) {
    return { tests: base.tests.map((test) => withVisibility(test, fallback)), visibility: Object.fromEntries(base.tests.map((test) => [test.id, fallback])) };
  }

  const seen = new Map<string, number>();
  const tests: TestDefinition[] = [];
  const visibility: Record<string, TestVisibility> = {};
  file.tests.forEach((entry, i) => {
    const earlier = seen.get(entry.id);
    if (earlier !== undefined) {
      problem(['tests', i, 'id'], `\`${entry.id}\` is listed twice (also at tests[${earlier}]); list each test once`);
      return;
    }
    seen.set(entry.id, i);
    const test = resolveTestEntry(entry, base, (rest, message) => problem(['tests', i, ...rest], message));
    if (!test) return;
    const shown = entry.visibility ?? fallback;
    visibility[entry.id] = shown;
    tests.push(withVisibility(test, shown));
  });
  if (tests.length > 0 && tests.length === file.tests.length && tests.every((test) => test.points === 0)) {
    problem(['tests'], 'every test is worth 0 points; give at least one test `points:`');
  }
  return { tests, visibility };
}

/** One entry of `tests`: a base test with changes, or a copy of one (`from`) under a new id. */
function resolveTestEntry(entry: AssignmentFileTest, base: AssignmentDefinition, problem: Report): TestDefinition | undefined {
  const source = base.tests.find((test) => test.id === (entry.from ?? entry.id));
  if (!source) {
    const missing = entry.from ?? entry.id;
    const ids = base.tests.map((test) => test.id);
    const guess = closest(missing, ids);
    problem(
      [entry.from === undefined ? 'id' : 'from'],
      `the base assignment ${base.id} has no test "${missing}"${guess ? `; did you mean "${guess}"?` : '.'} Its tests are: ${ids.join(', ')}` +
        (entry.from === undefined ? '. For a test of your own, copy one with a new id and `from: <test>`' : ''),
    );
    return undefined;
  }
  if (entry.from !== undefined && base.tests.some((test) => test.id === entry.id)) {
    problem(['id'], `\`${entry.id}\` is already a test of ${base.id}; give the copy of \`${entry.from}\` an id of its own`);
    return undefined;
  }
  if (entry.from !== undefined && entry.name === undefined) {
    problem(['name'], `is missing: a copy of \`${entry.from}\` needs a name of its own that says what it checks`);
    return undefined;
  }
  // A base test without `params.check` runs the check named like the test (checkKeyOf);
  // a copy has another id, so it must name that check explicitly.
  const params = { ...(entry.from !== undefined ? { check: source.id } : {}), ...source.params, ...entry.params };
  const check = typeof params.check === 'string' ? params.check : entry.id;
  const checks = Object.keys(getSuite(base.suite)?.checks ?? {});
  if (checks.length > 0 && !checks.includes(check)) {
    problem(['params', 'check'], `the checks of ${base.suite} have no \`${check}\`; they are: ${checks.join(', ')}`);
    return undefined;
  }
  return { id: entry.id, name: entry.name ?? source.name, points: entry.points ?? source.points, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/**
 * The job carries each test's visibility: the grader runs hidden tests against a program
 * run of their own (issue #12). `visible` is the default and left out, so a file without
 * hidden tests grades from the same definition as its base.
 */
function withVisibility(test: TestDefinition, visibility: TestVisibility): TestDefinition {
  return visibility === 'visible' ? test : { ...test, visibility };
}
