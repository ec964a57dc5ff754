import type { CheckFamily } from '../suite.js';

/** The daytime assignments (issue #4): filled in as they are built. */
export const daytimeFamily: CheckFamily = { suites: [], assignments: [] };
