/**
 * `defineAssignment` takes role, transport and suite id from the suite. What TypeScript
 * refuses (a dangling check name, a param a check does not take) is pinned in
 * `define-assignment-refusals.ts`, which `npm run typecheck` checks (test files it does not).
 */
import { describe, expect, it } from 'vitest';
import { defineAssignment, withParams } from './define-assignment.js';
import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from './lib/defaults.js';
import { paramDefaults } from './lib/param-schema.js';
import { runtimeRef } from './runtimes.js';
import type { ServerCheck, ServerSuite } from './suite.js';

const passes: ServerCheck = async () => ({ status: 'passed', feedback: 'ok', transcript: [] });

const suite = {
  id: 'toy-udp-server',
  role: 'server',
  transport: 'udp',
  checks: {
    'echo-once': withParams(paramDefaults({ text: 'Hallo', count: 3 }))(passes),
    bare: passes,
  },
} satisfies ServerSuite;

const description = { en: 'Toy', de: 'Spielzeug' };

describe('defineAssignment', () => {
  it('takes role, transport and suite id from the suite, and defaults entry, runtime, limits and resources', () => {
    const assignment = defineAssignment(suite, {
      id: 'toy',
      title: 'Toy',
      summary: 'A toy',
      description,
      tests: [
        { id: 'one', name: 'One', points: 10, params: { check: 'echo-once', text: 'Hallo' } },
        // Without `check`, the test's id names the check.
        { id: 'bare', name: 'Bare', points: 5 },
      ],
    });
    expect(assignment).toMatchObject({ role: 'server', transport: 'udp', suite: 'toy-udp-server', entry: 'server.py', runtime: runtimeRef('python') });
    expect(assignment.limits).toEqual(DEFAULT_LIMITS);
    expect(assignment.limits).not.toBe(DEFAULT_LIMITS);
    expect(assignment.resources).toEqual(DEFAULT_RESOURCES);
    expect(assignment.tests.map((test) => test.id)).toEqual(['one', 'bare']);
  });

  it('takes the entry file from the runtime given', () => {
    const assignment = defineAssignment(suite, { id: 'toy-c', title: 'Toy', summary: 'A toy', description, runtime: runtimeRef('c'), tests: [] });
    expect(assignment.entry).toBe('server.c');
  });
});
