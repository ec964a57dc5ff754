/**
 * Compile-time tests of `defineAssignment` (issue #14): each `@ts-expect-error` below fails
 * `npm run typecheck` the day its line stops being an error. The test files are not
 * type-checked, so these live here; nothing calls this function.
 */
import { suiteTests, withParams } from './define-assignment.js';
import { nonEmpty, oneOf, optional, paramDefaults, paramValues, readParams, shaped, signed } from './lib/param-schema.js';
import type { ServerCheck, ServerSuite } from './suite.js';

export function definitionRefusals(check: ServerCheck): void {
  const toy = paramDefaults({ text: 'Hallo', count: 3 });
  const suite = {
    id: 'toy-udp-server',
    role: 'server',
    transport: 'udp',
    checks: { 'echo-once': withParams(toy)(check), bare: check },
  } satisfies ServerSuite;
  suiteTests(suite, [
    { id: 'a', name: 'A', points: 1, params: { check: 'echo-once', count: 2 } },
    { id: 'bare', name: 'Bare: its id names the check', points: 1 },
  ]);
  // @ts-expect-error: the suite has no check `echo-twice`
  suiteTests(suite, [{ id: 'b', name: 'B', points: 1, params: { check: 'echo-twice' } }]);
  // @ts-expect-error: `echo-once` takes no `hex`
  suiteTests(suite, [{ id: 'c', name: 'C', points: 1, params: { check: 'echo-once', hex: 'ff' } }]);
  // @ts-expect-error: `text` is a string
  suiteTests(suite, [{ id: 'd', name: 'D', points: 1, params: { check: 'echo-once', text: 5 } }]);
  // @ts-expect-error: `bare` declared no params
  suiteTests(suite, [{ id: 'e', name: 'E', points: 1, params: { check: 'bare', text: 'x' } }]);
  // @ts-expect-error: without `check`, the id must name a check
  suiteTests(suite, [{ id: 'nowhere', name: 'F', points: 1 }]);
  // @ts-expect-error: `count` is a number (its default's kind), not a string
  suiteTests(suite, [{ id: 'g', name: 'G', points: 1, params: { check: 'echo-once', count: '2' } }]);
  const annotated: ServerSuite = suite;
  // @ts-expect-error: a suite typed `: ServerSuite` names its checks by any string: nothing could be refused
  suiteTests(annotated, [{ id: 'a', name: 'A', points: 1, params: { check: 'echo-once' } }]);
}

/** Compile-time tests of the params schema: each kind reads and is given as its own type. */
export function paramSchemaRefusals(params: Record<string, unknown>): void {
  const schema = paramDefaults({
    replyMs: 2000,
    strict: false,
    name: nonEmpty('ascii'),
    mode: oneOf(['close', 'length-prefix'], 'close'),
    min: signed(1),
    hex: optional('string'),
    words: shaped<{ ok?: string }>(),
  });
  const read = readParams(schema, params);
  const reply: number = read.replyMs;
  const mode: 'close' | 'length-prefix' = read.mode;
  const hex: string | undefined = read.hex;
  void [reply, mode, hex, read.strict, read.name, read.min];
  // @ts-expect-error: an optional param may be absent
  const sure: string = read.hex;
  // @ts-expect-error: a shaped param is read unchecked (`unknown`): its family's reader checks it
  const words: { ok?: string } = read.words;
  // @ts-expect-error: no such param
  void read.replyMS;
  void [sure, words];
  const shown: { replyMs: number; mode: 'close' | 'length-prefix' } = paramValues(schema, 'replyMs', 'mode');
  // @ts-expect-error: `hex` has no constant default to show
  void [shown, paramValues(schema, 'hex')];
  const check: ServerCheck = async () => ({ status: 'passed', feedback: '', transcript: [] });
  const suite = { id: 'toy-tcp-server', role: 'server', transport: 'tcp', checks: { one: withParams(schema)(check) } } satisfies ServerSuite;
  suiteTests(suite, [{ id: 'one', name: 'One', points: 1, params: { mode: 'length-prefix', min: -5, words: { ok: 'JA' } } }]);
  // @ts-expect-error: `mode` takes only the words listed
  suiteTests(suite, [{ id: 'one', name: 'One', points: 1, params: { mode: 'udp' } }]);
  // @ts-expect-error: `strict` is a boolean
  suiteTests(suite, [{ id: 'one', name: 'One', points: 1, params: { strict: 'yes' } }]);
  // @ts-expect-error: `words` has the shape declared
  suiteTests(suite, [{ id: 'one', name: 'One', points: 1, params: { words: { ok: 1 } } }]);
}
