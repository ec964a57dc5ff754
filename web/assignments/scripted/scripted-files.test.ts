/**
 * Scripted assignment files at load (issue #14): what a valid one becomes, and every
 * mistake with file:line, path and a did-you-mean, including scripts that can never pass.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignmentDefinitionSchema } from '../../../grader/assignment-schema.js';
import { createAssignmentCatalog } from '../../assignment-catalog.js';
import { AssignmentFileError, formatProblem, loadAssignmentFiles } from '../index.js';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sockgrade-scripted-'));
  dir = join(root, 'assignments');
  await mkdir(dir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const head = 'id: kv\nkind: scripted\nrole: server\ntransport: tcp\ntitle: KV\nframing: line\n';

async function problemsOf(text: string): Promise<string[]> {
  await writeFile(join(dir, 'kv.yaml'), text);
  const error = await loadAssignmentFiles(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AssignmentFileError);
  return (error as AssignmentFileError).problems.map(formatProblem);
}

/** One test with these steps (each a YAML line under `script:`). */
const withSteps = (...steps: string[]) => `${head}tests:\n  - id: t\n    name: T\n    points: 10\n    script:\n${steps.map((s) => `      - ${s}\n`).join('')}`;

describe('scripted files: valid', () => {
  it('compiles steps with their client, framing and variables into a gradable definition', async () => {
    await writeFile(
      join(dir, 'kv.yaml'),
      `${head}timing: {replyMs: 1500}\ntests:\n  - id: set-get\n    name: Set, then get\n    script:\n` +
        '      - random: {key: {word: 6}}\n' +
        '      - connect: A\n' +
        '      - send: "SET ${key} blue"\n' +
        '      - expect: {regex: "^OK (?<n>\\\\d+)$"}\n' +
        '        points: 5\n' +
        '      - connect: B\n' +
        '      - send: "GET ${key}"\n' +
        '      - expect: {line: blue}\n' +
        '        points: 15\n' +
        '        feedback: "B must see what A set (${key}, ${n})"\n' +
        '      - close\n' +
        '      - expect: {closed: true}\n' +
        '        as: A\n' +
        '        points: 0\n',
    );
    const [loaded] = await loadAssignmentFiles(dir);
    const { definition, policy } = loaded!;
    expect(assignmentDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(loaded!.basedOn).toBeUndefined();
    expect(definition).toMatchObject({ id: 'kv', role: 'server', transport: 'tcp', suite: 'scripted-tcp-server', entry: 'server.py', params: { replyMs: 1500 } });
    expect(policy.visibility).toEqual({ 'set-get': 'visible' });
    const [test] = definition.tests;
    // The test is worth what its steps are worth.
    expect(test).toMatchObject({ id: 'set-get', points: 20, params: { check: 'script' } });
    const line = { kind: 'delimited', delimiter: '\n' };
    expect((test!.params!.script as { steps: unknown[] }).steps).toEqual([
      { do: 'random', name: 'key', spec: { word: 6 }, line: 12 },
      { do: 'connect', client: 'A', framing: line, allowHalfOpen: false, line: 13 },
      { do: 'send', client: 'A', data: { text: 'SET ${key} blue' }, line: 14 },
      { do: 'expect', client: 'A', expect: { kind: 'regex', pattern: '^OK (?<n>\\d+)$', flags: '' }, points: 5, line: 15 },
      { do: 'connect', client: 'B', framing: line, allowHalfOpen: false, line: 17 },
      { do: 'send', client: 'B', data: { text: 'GET ${key}' }, line: 18 },
      { do: 'expect', client: 'B', expect: { kind: 'line', text: 'blue' }, points: 15, feedback: 'B must see what A set (${key}, ${n})', line: 19 },
      { do: 'close', client: 'B', line: 22 },
      { do: 'expect', client: 'A', expect: { kind: 'closed' }, points: 0, line: 23 },
    ]);
  });

  it('is a teacher\'s file in the catalog: open to students even when only teachers\' files are', async () => {
    await writeFile(join(dir, 'kv.yaml'), withSteps('connect', 'send: hi', 'expect: hi'));
    const files = await loadAssignmentFiles(dir);
    const catalog = createAssignmentCatalog(files, { studentAssignments: 'teacher' });
    expect([catalog.openToStudents('kv'), catalog.get('kv')?.suite]).toEqual([true, 'scripted-tcp-server']);
  });

  it('loads the three built-ins written as scripts', async () => {
    const files = await loadAssignmentFiles(new URL('../examples/as-scripts/', import.meta.url).pathname);
    expect(files.map((file) => [file.definition.id, file.definition.tests.reduce((sum, t) => sum + t.points, 0)])).toEqual([
      ['scripted-digitsum-tcp-server', 100],
      ['scripted-echo-tcp-server', 100],
      ['scripted-echo-udp-server', 100],
    ]);
  });
});

describe('scripted files: mistakes, each with file:line and path', () => {
  it('names an unknown field of the file with a did-you-mean from the scripted fields', async () => {
    expect(await problemsOf(`${head}framign: line\n${withSteps('connect', 'expect: hi').slice(head.length)}`)).toEqual([
      expect.stringMatching(/^assignments\/kv\.yaml:7: framign: `framign` is not a field of an assignment file; did you mean `framing`\?/),
    ]);
  });

  it('refers an unknown step to the closest action, and a modifier that does not belong', async () => {
    expect(await problemsOf(withSteps('connect: A', 'send: hello', 'expct: hi', 'wait: 10'))).toEqual([
      'assignments/kv.yaml:14: tests[0].script[2].expct: `expct` is not a step; did you mean `expect`? Each step needs exactly one of `connect`, `socket`, `send`, `expect`, `wait`, `close`, `half-close`, `set`, `random`',
    ]);
    expect(await problemsOf(withSteps('connect: A', '{send: hi, within: 10}', 'expect: hi'))).toEqual([
      'assignments/kv.yaml:13: tests[0].script[1].within: `within` does not go with `send`. It takes: as',
    ]);
  });

  it('refuses a script that can never pass: expect after close, send after half-close, a closed connection used', async () => {
    expect(await problemsOf(withSteps('connect: A', 'send: hi', 'close', 'expect: hi'))).toEqual([
      'assignments/kv.yaml:15: tests[0].script[3]: can never pass: client `A` was closed at step 3 and no other is open; expect needs an open client (`as:` names one)',
    ]);
    expect(await problemsOf(withSteps('connect: A', 'send: hi', 'close', '{expect: hi, as: A}'))).toEqual([
      'assignments/kv.yaml:15: tests[0].script[3]: can never pass: client `A` was closed at step 3; expect on a closed connection is impossible',
    ]);
    expect(await problemsOf(withSteps('connect: A', 'half-close', 'send: more', 'expect: hi'))).toEqual([
      'assignments/kv.yaml:14: tests[0].script[2]: can never pass: client `A` finished sending (half-close) at step 2',
    ]);
    expect(await problemsOf(withSteps('connect: A', 'expect: {closed: true}', 'expect: hi'))).toEqual([
      "assignments/kv.yaml:14: tests[0].script[2]: can never pass: step 2 expects the program to close `A`'s connection, so nothing can follow on it",
    ]);
  });

  it('refuses unknown variables and variables used before the step that makes them', async () => {
    expect(await problemsOf(withSteps('connect: A', 'set: {color: blue}', 'send: "SET ${colour}"', 'expect: OK'))).toEqual([
      'assignments/kv.yaml:14: tests[0].script[2].send: uses the unknown variable `${colour}`; did you mean `${color}`? Variables come from `set`, `random` and named groups `(?<name>…)` of an earlier `regex`',
    ]);
    expect(await problemsOf(withSteps('connect: A', 'send: "GET ${id}"', 'expect: {regex: "^(?<id>\\\\d+)$"}'))).toEqual([
      'assignments/kv.yaml:13: tests[0].script[1].send: uses `${id}` before step 3 makes it; this step can never see its value',
    ]);
  });

  it('refuses a client that was never opened, with a did-you-mean', async () => {
    expect(await problemsOf(withSteps('connect: Alice', 'send: hi', '{expect: hi, as: Alise}'))).toEqual([
      'assignments/kv.yaml:14: tests[0].script[2].as: there is no client `Alise` here; did you mean `Alice`?: open it first with `connect: Alise`',
    ]);
  });

  it('refuses UDP steps in a TCP file and connection expectations over UDP', async () => {
    expect(await problemsOf(withSteps('socket: A', 'expect: hi'))).toEqual([
      'assignments/kv.yaml:12: tests[0].script[0].socket: this is a TCP assignment: use `connect`',
      'assignments/kv.yaml:13: tests[0].script[1]: expect: no client is open yet; start with `connect: A`',
    ]);
    const udp = withSteps('socket: A', 'send: hi', 'expect: {closed: true}').replace('transport: tcp\n', 'transport: udp\n').replace('framing: line\n', '');
    expect(await problemsOf(udp)).toEqual(['assignments/kv.yaml:13: tests[0].script[2].expect.closed: UDP has no connection that could close; expect `silence` instead']);
  });

  it('refuses a UDP client script that sends before any datagram came, or expects a close', async () => {
    const udpClient = (...steps: string[]) =>
      `id: kv\nkind: scripted\nrole: client\ntransport: udp\ntitle: KV\ntests:\n  - id: t\n    name: T\n    points: 10\n    server:\n${steps.map((s) => `      - ${s}\n`).join('')}`;
    expect(await problemsOf(udpClient('send: HELLO', 'expect: {line: BYE}'))).toEqual([
      "assignments/kv.yaml:11: tests[0].server[0]: can never be sent: over UDP our server learns your client's address only from a datagram, so start with `expect` or `reply`",
    ]);
    expect(await problemsOf(udpClient('expect: {line: HI}', 'expect: {closed: true}'))).toEqual([
      'assignments/kv.yaml:12: tests[0].server[1].expect.closed: UDP has no connection that could close; expect `silence` instead',
    ]);
  });

  it('refuses a test without an expect, a bad regex, and points that disagree with the steps', async () => {
    expect(await problemsOf(withSteps('connect: A', 'send: hi'))).toEqual(['assignments/kv.yaml:11: tests[0].script: has no `expect` step, so it checks nothing; add at least one']);
    expect(await problemsOf(withSteps('connect: A', 'expect: {regex: "(unclosed"}'))).toEqual([
      'assignments/kv.yaml:13: tests[0].script[1].expect.regex: is not a valid regular expression: Invalid regular expression: /(unclosed/: Unterminated group',
    ]);
    expect(await problemsOf(withSteps('connect: A', '{expect: hi, points: 4}'))).toEqual([
      "assignments/kv.yaml:10: tests[0].points: is 10, but the steps' points add up to 4; leave `points` out or make them agree",
    ]);
  });
});
