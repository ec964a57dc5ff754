/**
 * The registry: every check suite by id and every built-in assignment. The grader and
 * the web app import from here; the reference peer looks suites up here by
 * `assignment.suite`.
 */
import { abpFamily } from './abp/family.js';
import { bankFamily } from './bank/family.js';
import { chatFamily } from './chat/family.js';
import { countingFamily } from './counting/family.js';
import { daytimeFamily } from './daytime/family.js';
import { echoFamily } from './echo/family.js';
import { errorsFamily } from './errors/family.js';
import { guessFamily } from './guess/family.js';
import { httpFamily } from './http/family.js';
import { scriptedFamily } from './scripted/scripted-suites.js';
import { smtpFamily } from './smtp/family.js';
import type { CheckFamily, CheckSuite } from './suite.js';
import { transferFamily } from './transfer/family.js';
import type { AssignmentDefinition } from './types.js';

/** One entry per assignment family folder; each lists its suites and assignment definitions. */
const families: readonly CheckFamily[] = [
  echoFamily,
  daytimeFamily,
  countingFamily,
  guessFamily,
  bankFamily,
  transferFamily,
  chatFamily,
  smtpFamily,
  httpFamily,
  abpFamily,
  errorsFamily,
  scriptedFamily,
];

export const suites: Readonly<Record<string, CheckSuite>> = Object.freeze(
  Object.fromEntries(families.flatMap((family) => family.suites.map((suite) => [suite.id, suite]))),
);

export const assignments: readonly AssignmentDefinition[] = Object.freeze(families.flatMap((family) => [...family.assignments]));

/** A copy of the assignment, so a caller applying teacher overrides cannot change the registry. */
export function getAssignment(id: string): AssignmentDefinition | undefined {
  const found = assignments.find((assignment) => assignment.id === id);
  return found ? structuredClone(found) : undefined;
}

/** Copies of all built-in assignments, in a stable order. */
export function listAssignments(): AssignmentDefinition[] {
  return assignments.map((assignment) => structuredClone(assignment));
}

export function getSuite(id: string): CheckSuite | undefined {
  return suites[id];
}

export type { CheckSuite, ClientCheck, ClientCheckContext, ServerCheck, ServerCheckContext } from './suite.js';
export { scoreResults, type Score, type ScoredResult } from './score.js';
export { DEFAULT_LIMITS, DEFAULT_RESOURCES } from './lib/defaults.js';
