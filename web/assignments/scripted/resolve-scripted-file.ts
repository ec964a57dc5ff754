/**
 * A scripted assignment file that passed its schema, made into what the grader runs: a
 * definition whose suite is the generic scripted one and whose tests carry compiled
 * scripts, plus the policy every assignment file has. Collects every problem.
 */
import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from '../../../checks/lib/defaults.js';
import { SCRIPT_CHECK, scriptedSuiteId, type Framing } from '../../../checks/scripted/script.js';
import { RUNTIMES, runtimeRef } from '../../../checks/runtimes.js';
import type { AssignmentDefinition, AssignmentLimits, TestDefinition } from '../../../checks/types.js';
import { assignmentDefinitionSchema } from '../../../grader/assignment-schema.js';
import type { TestVisibility } from '../assignment-policy.js';
import type { IssuePath } from '../describe-issue.js';
import { checkLimits, checkRules, descriptionOf, policyOf, type PathProblem, type ResolvedAssignment } from '../resolve-assignment-file.js';
import { compileClientScript } from './compile-client-script.js';
import { compileScript } from './compile-script.js';
import { framingByName } from './step-values.js';
import type { ScriptedFile } from './scripted-file-schema.js';


export function resolveScriptedFile(
  file: ScriptedFile,
  builtins: ReadonlyMap<string, AssignmentDefinition>,
  lineOf: (path: IssuePath) => number | null,
): { ok: true; value: ResolvedAssignment } | { ok: false; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const problem = (path: IssuePath, message: string) => problems.push({ path, message });
  if (builtins.has(file.id)) problem(['id'], `\`${file.id}\` is the id of a built-in assignment; choose another, e.g. \`${file.id}-2026\``);
  const deadline = checkRules(file, problem);
  const limits: AssignmentLimits = { ...DEFAULT_LIMITS, ...file.limits };
  checkLimits(limits, problem);
  const framing: Framing = framingByName(file.framing ?? 'raw', file.prefixBytes ?? 4) ?? { kind: 'raw' };
  if (file.prefixBytes !== undefined && file.framing !== 'length-prefixed') problem(['prefixBytes'], 'goes only with `framing: length-prefixed`');
  if (file.transport === 'udp' && file.framing !== undefined && file.framing !== 'raw') problem(['framing'], 'UDP keeps message boundaries: every datagram is one message; leave `framing` out');

  const fallback = file.visibility ?? 'visible';
  const visibility: Record<string, TestVisibility> = {};
  const tests: TestDefinition[] = [];
  const seen = new Map<string, number>();
  file.tests.forEach((test, i) => {
    const earlier = seen.get(test.id);
    if (earlier !== undefined) return problem(['tests', i, 'id'], `\`${test.id}\` is listed twice (also at tests[${earlier}]); give each test its own id`);
    seen.set(test.id, i);
    const script = scriptOf(file, test, ['tests', i], framing, lineOf, problem);
    if (!script) return;
    if (!script.ok) return problems.push(...script.problems);
    const { stepPoints, compiled } = script.value;
    if (stepPoints > 0 && test.points !== undefined && test.points !== stepPoints) {
      return problem(['tests', i, 'points'], `is ${test.points}, but the steps' points add up to ${stepPoints}; leave \`points\` out or make them agree`);
    }
    if (stepPoints === 0 && test.points === undefined) return problem(['tests', i, 'points'], 'is missing: give the test points (or give its `expect` steps `points:`)');
    const shown = test.visibility ?? fallback;
    visibility[test.id] = shown;
    const definition: TestDefinition = { id: test.id, name: test.name, points: test.points ?? stepPoints, params: { check: SCRIPT_CHECK, script: compiled } };
    tests.push(shown === 'visible' ? definition : { ...definition, visibility: shown });
  });
  if (problems.length === 0 && tests.every((test) => test.points === 0)) problem(['tests'], 'every test is worth 0 points; give at least one test `points:`');
  if (problems.length > 0) return { ok: false, problems };

  const params: Record<string, unknown> = { ...file.timing, ...file.wireFaults, ...(file.probe && file.probe !== 'none' ? { probe: file.probe } : {}) };
  const description = descriptionOf(file.description) ?? { en: file.summary ?? file.title, de: file.summary ?? file.title };
  const definition: AssignmentDefinition = {
    id: file.id,
    title: file.title,
    summary: file.summary ?? file.title,
    description,
    role: file.role,
    transport: file.transport,
    suite: scriptedSuiteId(file.role, file.transport),
    // The student's language as in any teacher file (`runtime:`, Python by default).
    entry: file.entry ?? RUNTIMES[file.runtime ?? 'python'].entries[file.role],
    runtime: runtimeRef(file.runtime ?? 'python'),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    tests,
    limits,
    resources: { ...DEFAULT_RESOURCES },
  };
  const checked = assignmentDefinitionSchema.safeParse(definition);
  if (!checked.success) {
    return { ok: false, problems: checked.error.issues.map((issue) => ({ path: issue.path, message: `does not make a gradable assignment: ${issue.message}` })) };
  }
  return { ok: true, value: { definition, policy: policyOf(file, deadline, visibility) } };
}

type ScriptedTest = ScriptedFile['tests'][number];
const CLIENT_FIELDS = ['server', 'args', 'stdin', 'stdout', 'exitCode'] as const;

/** The test's compiled script for the file's role; undefined (with problems) when the test has the wrong kind of steps. */
function scriptOf(
  file: ScriptedFile,
  test: ScriptedTest,
  at: IssuePath,
  framing: Framing,
  lineOf: (path: IssuePath) => number | null,
  problem: (path: IssuePath, message: string) => void,
): { ok: true; value: { compiled: unknown; stepPoints: number } } | { ok: false; problems: PathProblem[] } | undefined {
  if (file.role === 'server') {
    const stray = CLIENT_FIELDS.find((key) => test[key] !== undefined);
    if (stray) return problem([...at, stray], `goes only with \`role: client\`; a server test has a \`script:\` of our clients' steps`), undefined;
    if (!test.script) return problem([...at, 'script'], 'is missing: list the steps of our clients (`connect`, `send`, `expect`, …)'), undefined;
    const compiled = compileScript(test.script, [...at, 'script'], { transport: file.transport, framing }, lineOf);
    return compiled.ok ? { ok: true, value: { compiled: { steps: compiled.value.steps }, stepPoints: compiled.value.stepPoints } } : compiled;
  }
  if (test.script) return problem([...at, 'script'], 'goes only with `role: server`; a client test has `server:` (our server\'s steps), `stdin`, `stdout` and `exitCode`'), undefined;
  if (!test.server) return problem([...at, 'server'], 'is missing: list our server\'s steps per connection (`send`, `expect`, `reply`, `close`), or `[]` for none'), undefined;
  const compiled = compileClientScript({ ...test, server: test.server }, at, { transport: file.transport, framing }, lineOf);
  return compiled.ok ? { ok: true, value: { compiled: compiled.value, stepPoints: 0 } } : compiled;
}
