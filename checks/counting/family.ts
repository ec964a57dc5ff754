import type { CheckFamily } from '../suite.js';
import { charcountUdpServerSuite } from './charcount-udp-server.js';
import { countingAssignments } from './assignments.js';
import { digitsumTcpServerSuite } from './digitsum-tcp-server.js';

/** The counting services (issue #4): Zeichenzahl-Dienst over UDP, Quersummen-Dienst over TCP. */
export const countingFamily: CheckFamily = {
  suites: [charcountUdpServerSuite, digitsumTcpServerSuite],
  assignments: countingAssignments,
};
