import type { CheckFamily } from '../suite.js';
import { bankAssignments } from './assignments.js';
import { bankServerSuite } from './bank-server-checks.js';

/** The bank account server (issue #4), graded by a reference client. */
export const bankFamily: CheckFamily = { suites: [bankServerSuite], assignments: bankAssignments };
