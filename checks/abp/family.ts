import type { CheckFamily } from '../suite.js';
import { abpAssignments } from './assignments.js';
import { abpReceiverSuite } from './receiver-checks.js';
import { abpSenderSuite } from './sender-checks.js';

/** The alternating-bit protocol over UDP (issue #5): a sender and a receiver behind a lossy channel. */
export const abpFamily: CheckFamily = { suites: [abpSenderSuite, abpReceiverSuite], assignments: abpAssignments };
