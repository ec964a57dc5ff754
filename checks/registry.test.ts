/**
 * The registry holds together by strings (`assignment.suite` = `suite.id`, a test's
 * `params.check` = a key of `suite.checks`, role and transport said twice): this fails on
 * any name that points nowhere, before a grading run would (issue #14).
 */
import { describe, expect, it } from 'vitest';
import { assignments, suites } from './index.js';
import { RUNTIMES } from './runtimes.js';
import { scriptedFamily } from './scripted/scripted-suites.js';
import { checkKeyOf } from './suite.js';

describe('the registry of built-in assignments and suites', () => {
  it.each(assignments.map((assignment) => [assignment.id, assignment] as const))('%s: its suite, role, transport and every check exist and agree', (_id, assignment) => {
    const suite = suites[assignment.suite];
    expect(suite, `suite \`${assignment.suite}\``).toBeDefined();
    expect({ role: assignment.role, transport: assignment.transport }).toEqual({ role: suite!.role, transport: suite!.transport });
    const dangling = assignment.tests.map(checkKeyOf).filter((key) => !(key in suite!.checks));
    expect(dangling, `checks missing from suite ${suite!.id}`).toEqual([]);
    const ids = assignment.tests.map((test) => test.id);
    expect(new Set(ids).size, 'test ids must be unique').toBe(ids.length);
  });

  it('has unique assignment ids, registers each suite under its own id, and every suite is used', () => {
    const ids = assignments.map((assignment) => assignment.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, suite] of Object.entries(suites)) expect(suite.id).toBe(key);
    // The scripted suites serve teachers' `kind: scripted` files, never a built-in.
    const used = new Set([...assignments.map((assignment) => assignment.suite), ...scriptedFamily.suites.map((suite) => suite.id)]);
    // Known: the UDP error-handling suite has no built-in assignment yet (its unit tests and
    // fixtures make one of their own). Any other suite without an assignment is a dangling name.
    expect(Object.keys(suites).filter((id) => !used.has(id))).toEqual(['error-handling-udp-client']);
  });

  it('names each entry file as its runtime does for the role (`server.py`, `client.py`)', () => {
    const odd = assignments
      .filter((assignment) => assignment.entry !== RUNTIMES[assignment.runtime.id ?? 'python'].entries[assignment.role])
      .map((assignment) => `${assignment.id}: ${assignment.entry}`);
    expect(odd).toEqual([]);
  });
});
