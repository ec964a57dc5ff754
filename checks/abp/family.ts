import type { CheckFamily } from '../suite.js';

/** The abp assignments (issue #5): filled in as they are built. */
export const abpFamily: CheckFamily = { suites: [], assignments: [] };
