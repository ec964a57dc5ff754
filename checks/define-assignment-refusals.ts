/**
 * Compile-time tests of `defineAssignment` (issue #14): each `@ts-expect-error` below fails
 * `npm run typecheck` the day its line stops being an error. The test files are not
 * type-checked, so these live here; nothing calls this function.
 */
import { suiteTests, withParams } from './define-assignment.js';
import type { ServerCheck, ServerSuite } from './suite.js';

export function definitionRefusals(check: ServerCheck): void {
  const suite = {
    id: 'toy-udp-server',
    role: 'server',
    transport: 'udp',
    checks: { 'echo-once': withParams<{ text?: string; count?: number }>()(check), bare: check },
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
  const annotated: ServerSuite = suite;
  // @ts-expect-error: a suite typed `: ServerSuite` names its checks by any string: nothing could be refused
  suiteTests(annotated, [{ id: 'a', name: 'A', points: 1, params: { check: 'echo-once' } }]);
}
