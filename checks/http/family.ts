import type { CheckFamily } from '../suite.js';
import { httpAssignments } from './assignments.js';
import { httpClientSuite } from './http-client-suite.js';

/** Fetching a web page (issue #5): a client graded by our mock HTTP/1.1 server. */
export const httpFamily: CheckFamily = { suites: [httpClientSuite], assignments: httpAssignments };
