import type { CheckFamily } from '../suite.js';
import { daytimeAssignments } from './assignments.js';
import { daytimeTcpClientSuite, daytimeUdpClientSuite } from './daytime-client-checks.js';
import { daytimeTcpServerSuite, daytimeUdpServerSuite } from './daytime-server-checks.js';

/** The daytime assignments (RFC 867, issue #4): servers and clients over TCP and UDP. */
export const daytimeFamily: CheckFamily = {
  suites: [daytimeUdpServerSuite, daytimeTcpServerSuite, daytimeUdpClientSuite, daytimeTcpClientSuite],
  assignments: daytimeAssignments,
};
