import type { CheckFamily } from '../suite.js';
import { echoAssignments } from './assignments.js';
import { echoTcpClientSuite, echoUdpClientSuite } from './echo-client-checks.js';
import { echoTcpServerSuite } from './echo-tcp-server.js';
import { echoUdpServerSuite } from './echo-udp-server.js';

export const echoFamily: CheckFamily = {
  suites: [echoTcpServerSuite, echoUdpServerSuite, echoTcpClientSuite, echoUdpClientSuite],
  assignments: echoAssignments,
};
