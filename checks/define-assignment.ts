/**
 * One definition per built-in assignment, made from its suite (issue #14): `role`,
 * `transport` and the suite id come from the suite object, so they cannot disagree with it;
 * each test names a check the suite has, with the params that check takes, or TypeScript
 * refuses it. A check declares its params with {@link withParams}, from the same schema
 * (`checks/lib/param-schema.ts`) it reads their defaults from.
 * Plain data at run time: the peer image imports this too (no `node:` modules needed).
 */
import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from './lib/defaults.js';
import type { ParamSchema, ParamsGiven } from './lib/param-schema.js';
import { RUNTIMES, runtimeRef } from './runtimes.js';
import type { CheckSuite, ClientCheck, ServerCheck } from './suite.js';
import type { AssignmentDefinition, AssignmentLimits, RuntimeRef, StudentResourceLimits, TestDefinition } from './types.js';

declare const PARAMS: unique symbol;

/** A check that says, for TypeScript only, which params a test may give it. */
export type ParamCheck<F, P extends object> = F & { readonly [PARAMS]?: P };

/**
 * Declares the params a check takes, by the schema it reads them with:
 * `withParams(ECHO_ONCE)(echoOnce)` (a type only: the check is returned as it is).
 * A check without a declaration takes none.
 */
export function withParams<S extends ParamSchema>(_schema: S): <F extends ServerCheck | ClientCheck>(check: F) => ParamCheck<F, ParamsGiven<S>> {
  return (check) => check;
}

/** The params a check declared with {@link withParams}; none for an undeclared one. */
export type ParamsOf<C> = C extends { readonly [PARAMS]?: infer P } ? (unknown extends P ? Record<never, never> : P) : Record<never, never>;

type Checks<S extends CheckSuite> = S['checks'];
type CheckKey<S extends CheckSuite> = keyof Checks<S> & string;

/** A test's params naming its check: `{ check: 'echo-once', text: 'Hallo' }`. */
export type CheckParams<S extends CheckSuite> = { [K in CheckKey<S>]: { check: K } & ParamsOf<Checks<S>[K]> }[CheckKey<S>];

type TestBase = Omit<TestDefinition, 'id' | 'params'>;

/**
 * A test of suite `S`: its `params.check` names the check, or (without `check`) its id does
 * (`checkKeyOf`). Either way the name must be one of the suite's and the params that check's.
 */
export type SuiteTest<S extends CheckSuite> =
  | (TestBase & { id: string; params: CheckParams<S> })
  | { [K in CheckKey<S>]: TestBase & { id: K; params?: ParamsOf<Checks<S>[K]> } }[CheckKey<S>];

/** The typed identity for a list of tests built apart from {@link defineAssignment} (shared by two assignments). */
export function suiteTests<S extends CheckSuite>(_suite: S, tests: KnownChecks<S, SuiteTest<S>[]>): SuiteTest<S>[] {
  return tests as SuiteTest<S>[];
}

/** What an assignment says beyond its suite; the rest has a default. */
export interface AssignmentSpec<S extends CheckSuite> extends Omit<AssignmentDefinition, 'role' | 'transport' | 'suite' | 'tests' | 'entry' | 'runtime' | 'limits' | 'resources'> {
  tests: SuiteTest<S>[];
  /** @defaultValue the runtime's entry file for the suite's role (`server.py`, `client.py`) */
  entry?: string;
  /** @defaultValue Python */
  runtime?: RuntimeRef;
  /** @defaultValue DEFAULT_LIMITS */
  limits?: AssignmentLimits;
  /** @defaultValue DEFAULT_RESOURCES */
  resources?: StudentResourceLimits;
}

/**
 * A suite typed `: ServerSuite` has checks named by any string, so nothing could be
 * refused: declare it with `satisfies ServerSuite` (or cast to its check names) instead.
 */
type KnownChecks<S extends CheckSuite, T> = string extends CheckKey<S> ? 'declare the suite with `satisfies`, so its check names are known' : T;

/** The assignment graded by `suite`: role, transport and suite id are the suite's. */
export function defineAssignment<S extends CheckSuite>(suite: S, spec: KnownChecks<S, AssignmentSpec<S>>): AssignmentDefinition {
  const given = spec as AssignmentSpec<S>;
  const runtime = given.runtime ?? runtimeRef('python');
  return {
    ...given,
    role: suite.role,
    transport: suite.transport,
    suite: suite.id,
    entry: given.entry ?? RUNTIMES[runtime.id ?? 'python'].entries[suite.role],
    runtime,
    tests: given.tests as TestDefinition[],
    limits: { ...(given.limits ?? DEFAULT_LIMITS) },
    resources: { ...(given.resources ?? DEFAULT_RESOURCES) },
  };
}
