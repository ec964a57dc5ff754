import type { CheckFamily } from '../suite.js';
import { transferAssignments } from './assignments.js';
import { fileClientSuite } from './file-client-checks.js';
import { fileServerSuite } from './file-server-checks.js';
import { objectTransferSuite } from './object-checks.js';

/** The transfer assignments (issue #4): a file server and client, and a Python object sent with pickle. */
export const transferFamily: CheckFamily = { suites: [fileServerSuite, fileClientSuite, objectTransferSuite], assignments: transferAssignments };
