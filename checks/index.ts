/**
 * The registry: every check suite by id and every built-in assignment. The grader and
 * the web app import from here; the reference peer looks suites up here by
 * `assignment.suite`.
 */
import { echoAssignments, echoTcpClientSuite, echoTcpServerSuite, echoUdpClientSuite, echoUdpServerSuite } from './echo/index.js';
import type { CheckSuite } from './suite.js';
import type { AssignmentDefinition } from './types.js';

export const suites: Readonly<Record<string, CheckSuite>> = Object.freeze({
  [echoTcpServerSuite.id]: echoTcpServerSuite,
  [echoUdpServerSuite.id]: echoUdpServerSuite,
  [echoTcpClientSuite.id]: echoTcpClientSuite,
  [echoUdpClientSuite.id]: echoUdpClientSuite,
});

export const assignments: readonly AssignmentDefinition[] = Object.freeze([...echoAssignments]);

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
