import { mkdir, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { assignmentDefinitionSchema } from '../../grader/assignment-schema.js';
import { AssignmentFileError, formatProblem, loadAssignmentFiles } from './index.js';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sockgrade-assignments-'));
  dir = join(root, 'assignments');
  await mkdir(dir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

/** The problems of a folder, one formatted line each. */
async function problemsOf(files: Record<string, string>): Promise<string[]> {
  await write(files);
  const error = await loadAssignmentFiles(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AssignmentFileError);
  expect((error as AssignmentFileError).code).toBe('ASSIGNMENT_INVALID');
  return (error as AssignmentFileError).problems.map(formatProblem);
}

const minimal = (extra = '') => `id: echo-mine\nbasedOn: echo-tcp-server\ntitle: Mine\n${extra}`;

describe('loadAssignmentFiles: valid files', () => {
  it('reads the example YAML into a definition the grader accepts, and its policy', async () => {
    await copyFile(new URL('./example-assignment.yaml', import.meta.url), join(dir, 'echo.yaml'));
    const [loaded, ...rest] = await loadAssignmentFiles(dir);
    expect(rest).toEqual([]);
    const base = getAssignment('echo-tcp-server')!;
    expect(loaded!.file).toBe('assignments/echo.yaml');
    const { definition, policy } = loaded!;
    // The base stays closed to students: the example does not open it.
    expect([loaded!.basedOn, loaded!.openBase]).toEqual(['echo-tcp-server', false]);
    expect(assignmentDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(definition).toEqual({
      ...base,
      id: 'echo-ws2026',
      title: 'Echo server (WS 2026)',
      summary: 'A TCP server that sends every message back, due before the holidays.',
      description: {
        en: 'Write `server.py`: a TCP server that sends back every message it receives.\n',
        de: 'Schreibe `server.py`: einen TCP-Server, der jede Nachricht zurückschickt.\n',
      },
      params: { replyMs: 3000, messagesPerConnection: 1 },
      tests: [
        { id: 'short-ascii', name: 'A short message', points: 20, params: { check: 'echo-once', text: 'Hallo' } },
        { id: 'utf8-text', name: 'Umlauts and €', points: 20, params: { check: 'echo-once', text: 'Grüße aus Köln: 5 € für Äpfel & Öl' } },
        { id: 'successive', name: 'Three connections one after the other', points: 20, params: { check: 'successive', count: 3 } },
        { id: 'two-clients', name: 'Two clients at the same time', points: 20, params: { check: 'two-clients' }, visibility: 'hidden-until-deadline' },
        { id: 'greeting', name: 'A greeting in German', points: 20, params: { check: 'echo-once', text: 'Moin moin!' }, visibility: 'hidden' },
      ],
      limits: { ...base.limits, testMs: 8000 },
    });
    expect(policy).toEqual({
      deadline: Date.parse('2026-12-20T22:59:00Z'),
      utcOffsetMinutes: 60,
      late: { policy: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: 3 },
      budget: { submissions: 5, perHours: 1, windowMs: 3_600_000 },
      defaultVisibility: 'visible',
      visibility: { 'short-ascii': 'visible', 'utf8-text': 'visible', successive: 'visible', 'two-clients': 'hidden-until-deadline', greeting: 'hidden' },
    });
  });

  it('reads JSON, keeps the base tests when none are listed, and gives one description to both languages', async () => {
    await write({
      'b.json': JSON.stringify({ id: 'udp-b', basedOn: 'echo-udp-server', title: 'B', description: '# Echo\nSend it back.', visibility: 'hidden' }),
      'a.yml': minimal(),
      'notes.md': 'not an assignment',
      '.draft.yaml': 'not: [valid',
    });
    await mkdir(join(dir, 'old.yaml'));
    const loaded = await loadAssignmentFiles(dir);
    expect(loaded.map((entry) => [entry.file, entry.definition.id])).toEqual([
      ['assignments/a.yml', 'echo-mine'],
      ['assignments/b.json', 'udp-b'],
    ]);
    const udp = loaded[1]!;
    const base = getAssignment('echo-udp-server')!;
    expect(udp.definition.tests).toEqual(base.tests.map((test) => ({ ...test, visibility: 'hidden' })));
    expect(udp.definition.description).toEqual({ en: '# Echo\nSend it back.', de: '# Echo\nSend it back.' });
    expect(udp.definition.summary).toBe(base.summary);
    expect(udp.policy).toMatchObject({ deadline: null, budget: null, defaultVisibility: 'hidden' });
    expect(Object.values(udp.policy.visibility)).toEqual(base.tests.map(() => 'hidden'));
  });

  it('makes a deadline without `late` a hard one', async () => {
    await write({ 'a.yaml': minimal('deadline: 2026-07-01T12:00:00Z\n') });
    const [loaded] = await loadAssignmentFiles(dir);
    expect(loaded!.policy).toMatchObject({ deadline: Date.parse('2026-07-01T12:00:00Z'), utcOffsetMinutes: 0, late: { policy: 'reject', penaltyPercentPerDay: 0, maxDaysLate: null } });
  });

  it('`runtime: c` makes the assignment a C one: the C runtime, its entry for the role, no other language (issue #14)', async () => {
    await write({ 'a.yaml': minimal('runtime: c\n'), 'b.yaml': 'id: java-client\nbasedOn: echo-tcp-client\ntitle: J\nruntime: java\nentry: EchoClient.java\n' });
    const [a, b] = await loadAssignmentFiles(dir);
    expect(a!.definition).toMatchObject({ entry: 'server.c', runtime: { id: 'c', image: 'c' }, otherRuntimes: [] });
    expect(a!.definition.runtime.build?.shownCommand?.[0]).toBe('gcc');
    expect(b!.definition).toMatchObject({ entry: 'EchoClient.java', runtime: { id: 'java' }, otherRuntimes: [] });
  });

  it('has no teacher assignments when the folder is missing or empty', async () => {
    expect(await loadAssignmentFiles(dir)).toEqual([]);
    expect(await loadAssignmentFiles(join(root, 'nowhere'))).toEqual([]);
  });
});

describe('loadAssignmentFiles: problems', () => {
  it('collects every problem of every file into one error that names the folder', async () => {
    await write({ 'a.yaml': minimal('deadlne: 2026-12-20T23:59:00+01:00\n'), 'b.yaml': 'id: Bad_Id\nbasedOn: echo-tcp-server\ntitle: B\n' });
    const error = (await loadAssignmentFiles(dir).catch((e: unknown) => e)) as AssignmentFileError;
    expect(error.message).toBe(
      `The assignment files in ${dir} have 2 problems; fix them and start again:\n` +
        '  assignments/a.yaml:4: deadlne: `deadlne` is not a field of an assignment file; did you mean `deadline`? The fields are: id, basedOn, openBase, title, summary, description, entry, runtime, params, tests, limits, visibility, deadline, late, budget\n' +
        '  assignments/b.yaml:1: id: use lowercase letters, digits and single dashes, e.g. `echo-ws2026`',
    );
  });

  it.each([
    ['YAML that does not parse', { 'a.yaml': 'id: a\nid: b\n' }, ['assignments/a.yaml:2: Map keys must be unique']],
    ['two YAML documents', { 'a.yaml': `${minimal()}---\n${minimal()}` }, ['assignments/a.yaml:4: holds more than one YAML document (`---`); write one assignment per file']],
    ['an empty file', { 'a.yaml': '# nothing yet\n' }, ['assignments/a.yaml: is empty; an assignment needs at least `id`, `basedOn` and `title`']],
    ['a list', { 'a.yaml': '- id: a\n' }, ['assignments/a.yaml: must hold one assignment as a mapping (`id: …`, `basedOn: …`, `title: …` lines), not a list or a single value']],
    [
      'missing fields',
      { 'a.yaml': 'summary: x\n' },
      [
        'assignments/a.yaml:1: id: is missing: give the assignment an id of lowercase letters, digits and dashes, e.g. `id: echo-ws2026`',
        'assignments/a.yaml:1: basedOn: is missing: name the built-in assignment whose checks grade this one, e.g. `basedOn: echo-tcp-server`',
        'assignments/a.yaml:1: title: is missing: give the assignment a title students see, e.g. `title: Echo server (WS 2026)`',
      ],
    ],
    [
      'wrong kinds and a misspelt choice',
      { 'a.yaml': minimal('tests:\n  - id: short-ascii\n    points: "30"\n    visibility: hiden\nlimits: 5000\n') },
      [
        'assignments/a.yaml:6: tests[0].points: must be a number, not text',
        'assignments/a.yaml:7: tests[0].visibility: `hiden` is not one of `visible`, `hidden-until-deadline`, `hidden`; did you mean `hidden`?',
        'assignments/a.yaml:8: limits: must be a mapping (`key: value` lines, indented under it), not a number',
      ],
    ],
    [
      'an unknown field in a test and in a description',
      { 'a.yaml': minimal('description:\n  en: Hi\n  fr: Salut\ntests:\n  - id: short-ascii\n    point: 5\n') },
      [
        'assignments/a.yaml:6: description.fr: `fr` is not a field of `description`. The fields are: en, de',
        'assignments/a.yaml:9: tests[0].point: `point` is not a field of `tests[0]`; did you mean `points`? The fields are: id, from, name, points, params, visibility',
      ],
    ],
    [
      'an unknown base assignment',
      { 'a.yaml': 'id: mine\nbasedOn: echo-tcp-sever\ntitle: T\n' },
      [expect.stringMatching(/^assignments\/a\.yaml:2: basedOn: there is no built-in assignment `echo-tcp-sever`; did you mean `echo-tcp-server`\? The built-in ones are: echo-tcp-server, echo-udp-server, .*echo-tcp-client-errors$/)],
    ],
    [
      'a test the base does not have',
      { 'a.yaml': minimal('tests:\n  - id: short-ascii\n  - id: basic\n') },
      [
        'assignments/a.yaml:6: tests[1].id: the base assignment echo-tcp-server has no test "basic". Its tests are: short-ascii, utf8-text, long-1024, line-with-newline, successive, two-clients, non-utf8. For a test of your own, copy one with a new id and `from: <test>`',
      ],
    ],
    [
      'a test listed twice',
      { 'a.yaml': minimal('tests:\n  - id: successive\n  - id: two-clients\n  - id: successive\n') },
      ['assignments/a.yaml:7: tests[2].id: `successive` is listed twice (also at tests[0]); list each test once'],
    ],
    [
      'bad copies of tests',
      {
        'a.yaml': minimal(
          'tests:\n  - id: mine\n    from: short-ascii\n  - id: utf8-text\n    from: short-ascii\n    name: Again\n  - id: other\n    from: nope\n    name: Other\n  - id: weird\n    from: short-ascii\n    name: Weird\n    params: {check: ping}\n',
        ),
      },
      [
        'assignments/a.yaml:5: tests[0].name: is missing: a copy of `short-ascii` needs a name of its own that says what it checks',
        'assignments/a.yaml:7: tests[1].id: `utf8-text` is already a test of echo-tcp-server; give the copy of `short-ascii` an id of its own',
        'assignments/a.yaml:11: tests[2].from: the base assignment echo-tcp-server has no test "nope". Its tests are: short-ascii, utf8-text, long-1024, line-with-newline, successive, two-clients, non-utf8',
        'assignments/a.yaml:16: tests[3].params.check: the checks of echo-tcp-server have no `ping`; they are: echo-once, successive, two-clients',
      ],
    ],
    [
      'tests worth nothing',
      { 'a.yaml': minimal('tests:\n  - id: short-ascii\n    points: 0\n') },
      ['assignments/a.yaml:4: tests: every test is worth 0 points; give at least one test `points:`'],
    ],
    [
      'no tests at all',
      { 'a.yaml': minimal('tests: []\n') },
      ['assignments/a.yaml:4: tests: lists no test; list at least one, or leave `tests` out to keep all of the base'],
    ],
    [
      'a deadline without a time zone',
      { 'a.yaml': minimal('deadline: 2026-12-20T23:59\n') },
      [
        'assignments/a.yaml:4: deadline: `2026-12-20T23:59` has no time zone, so it would mean a different moment on the server than in class; add the offset, e.g. `2026-12-20T23:59:00+01:00` (23:59 in Berlin in winter) or `2026-12-20T22:59:00Z` (UTC)',
      ],
    ],
    [
      'a deadline without a time',
      { 'a.yaml': minimal('deadline: 2026-12-20\n') },
      [expect.stringMatching(/^assignments\/a\.yaml:4: deadline: `2026-12-20` is a day without a time; write the exact moment with its time zone, e\.g\. /)],
    ],
    ['a day that does not exist', { 'a.yaml': minimal('deadline: 2026-02-30T12:00:00+01:00\n') }, ['assignments/a.yaml:4: deadline: `2026-02-30T12:00:00+01:00` is not a real date and time']],
    [
      'rules that need a deadline',
      { 'a.yaml': minimal('late: {policy: accept}\ntests:\n  - id: two-clients\n    visibility: hidden-until-deadline\n') },
      [
        'assignments/a.yaml:4: late: has no effect without a `deadline`; add one, or remove `late`',
        'assignments/a.yaml:7: tests[0].visibility: `hidden-until-deadline` needs a `deadline` to end; add one, or use `hidden`',
      ],
    ],
    [
      'late policies that contradict themselves',
      { 'a.yaml': minimal('deadline: 2026-12-20T23:59:00Z\nlate:\n  policy: penalty\n'), 'b.yaml': minimal('deadline: 2026-12-20T23:59:00Z\nlate: {policy: reject, maxDaysLate: 2, penaltyPercentPerDay: 5}\n').replace('echo-mine', 'echo-b') },
      [
        'assignments/a.yaml:5: late.penaltyPercentPerDay: is missing: say how many percent of the score a late day costs, e.g. `penaltyPercentPerDay: 10`',
        'assignments/b.yaml:5: late.penaltyPercentPerDay: has no effect with `policy: reject`; use `policy: penalty` or remove it',
        'assignments/b.yaml:5: late.maxDaysLate: has no effect with `policy: reject` (nothing is taken after the deadline); use `accept` or `penalty`, or remove it',
      ],
    ],
    [
      'limits out of bounds or out of order',
      { 'a.yaml': minimal('limits:\n  runMs: 900000\n  testMs: 150.5\n'), 'b.yaml': minimal('limits:\n  runMs: 4000\n').replace('echo-mine', 'echo-b') },
      [
        'assignments/a.yaml:5: limits.runMs: must be at most 600000 ms (10 minutes)',
        'assignments/a.yaml:6: limits.testMs: must be a whole number of milliseconds',
        'assignments/b.yaml:4: limits: the whole run (runMs: 4000) must be at least as long as startupMs (5000); raise `runMs` or lower `startupMs`',
        'assignments/b.yaml:4: limits: the whole run (runMs: 4000) must be at least as long as testMs (5000); raise `runMs` or lower `testMs`',
        'assignments/b.yaml:4: limits: the whole run (runMs: 4000) must be at least as long as clientRunMs (10000); raise `runMs` or lower `clientRunMs`',
      ],
    ],
    [
      'a budget of nothing',
      { 'a.yaml': minimal('budget: {submissions: 0, perHours: 1, per: 2}\n') },
      [
        'assignments/a.yaml:4: budget.submissions: must be at least 1',
        'assignments/a.yaml:4: budget.per: `per` is not a field of `budget`. The fields are: submissions, perHours',
      ],
    ],
    ['`openBase` that is not true or false', { 'a.yaml': minimal('openBase: yes\n') }, ['assignments/a.yaml:4: openBase: must be `true` or `false`, not text']],
    ['an entry outside the submission', { 'a.yaml': minimal('entry: ../server.py\n') }, ['assignments/a.yaml:4: entry: The file name "../server.py" contains `..`; files must stay inside your submission.']],
    [
      'a runtime that is not one, and an entry of another language',
      { 'a.yaml': minimal('runtime: rust\n'), 'b.yaml': 'id: b\nbasedOn: echo-tcp-server\ntitle: B\nruntime: java\nentry: server.py\n' },
      [
        "assignments/a.yaml:4: runtime: `rust` is not one of `python`, `c`, `java`",
        'assignments/b.yaml:5: entry: `server.py` is not a Java file: with `runtime: java` the entry ends in `.java` (or leave `entry` out for `Server.java` / `Client.java`)',
      ],
    ],
    [
      'ids taken by a built-in or another file',
      { 'a.yaml': minimal(), 'b.json': '{"id": "echo-mine", "basedOn": "echo-udp-server", "title": "B"}', 'c.yaml': 'id: echo-tcp-server\nbasedOn: echo-tcp-server\ntitle: C\n' },
      [
        'assignments/b.json:1: id: `echo-mine` is already the id of assignments/a.yaml; every assignment needs its own id',
        'assignments/c.yaml:1: id: `echo-tcp-server` is the id of a built-in assignment; choose another, e.g. `echo-tcp-server-2026`',
      ],
    ],
  ])('reports %s', async (_what, files, expected) => {
    expect(await problemsOf(files)).toEqual(expected);
  });

  it('reports JSON that is not JSON, with its line', async () => {
    const problems = await problemsOf({ 'a.json': '{\n  "id": "a",\n  "title": "x",\n}\n' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^assignments\/a\.json:4: is not valid JSON: /);
  });

  it('reports a file where the folder should be', async () => {
    await writeFile(join(root, 'file'), 'x');
    const error = (await loadAssignmentFiles(join(root, 'file')).catch((e: unknown) => e)) as AssignmentFileError;
    expect(error.problems.map(formatProblem)).toEqual(['file: is a file, not a folder; point SOCKGRADE_ASSIGNMENTS_DIR at a folder of assignment files']);
  });
});
