import type { CheckFamily } from '../suite.js';

/** The smtp assignments (issue #5): filled in as they are built. */
export const smtpFamily: CheckFamily = { suites: [], assignments: [] };
