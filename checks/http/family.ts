import type { CheckFamily } from '../suite.js';

/** The http assignments (issue #5): filled in as they are built. */
export const httpFamily: CheckFamily = { suites: [], assignments: [] };
