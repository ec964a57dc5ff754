import type { CheckFamily } from '../suite.js';

/** The guess assignments (issue #4): filled in as they are built. */
export const guessFamily: CheckFamily = { suites: [], assignments: [] };
