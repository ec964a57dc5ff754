import type { CheckFamily } from '../suite.js';

/** The transfer assignments (issue #4): filled in as they are built. */
export const transferFamily: CheckFamily = { suites: [], assignments: [] };
