import type { CheckFamily } from '../suite.js';

/** The counting assignments (issue #4): filled in as they are built. */
export const countingFamily: CheckFamily = { suites: [], assignments: [] };
