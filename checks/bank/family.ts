import type { CheckFamily } from '../suite.js';

/** The bank assignments (issue #4): filled in as they are built. */
export const bankFamily: CheckFamily = { suites: [], assignments: [] };
