import type { CheckFamily } from '../suite.js';
import { errorsAssignments } from './assignments.js';
import { errorHandlingTcpClientSuite, errorHandlingUdpClientSuite } from './error-handling-checks.js';

/** Error handling for client assignments (issue #5): no server, a silent server, a server that closes. */
export const errorsFamily: CheckFamily = { suites: [errorHandlingTcpClientSuite, errorHandlingUdpClientSuite], assignments: errorsAssignments };
