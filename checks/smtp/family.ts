import type { CheckFamily } from '../suite.js';
import { smtpAssignments } from './assignments.js';
import { smtpClientSuite } from './smtp-client-suite.js';

/** Sending mail (issue #5): a client graded by our mock SMTP server. */
export const smtpFamily: CheckFamily = { suites: [smtpClientSuite], assignments: smtpAssignments };
