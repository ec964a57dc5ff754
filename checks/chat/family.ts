import type { CheckFamily } from '../suite.js';

/** The chat assignments (issue #5): filled in as they are built. */
export const chatFamily: CheckFamily = { suites: [], assignments: [] };
