import { defineAssignment, suiteTests } from '../define-assignment.js';
import { DEFAULT_LIMITS } from '../lib/defaults.js';
import { daytimeTcpClientSuite, daytimeUdpClientSuite } from './daytime-client-checks.js';
import { DAYTIME_SCENARIOS } from './daytime-client-scenario.js';
import { daytimeTcpServerSuite, daytimeUdpServerSuite } from './daytime-server-checks.js';
import { clientDescriptions } from './descriptions-client.js';
import { serverDescriptions } from './descriptions-server.js';
import { paramValues } from '../lib/param-schema.js';
import { DAYTIME_SUCCESSIVE } from './daytime-params.js';

/**
 * Shared by both servers. `toleranceSec`: how far the time may be off. A server that needs
 * a nudge waits out `replyMs` twice in one test, hence the longer `testMs` below.
 */
const serverParams = paramValues(DAYTIME_SUCCESSIVE, 'toleranceSec', 'replyMs', 'closeMs', 'graceMs', 'count', 'gapMs');
const serverLimits = { ...DEFAULT_LIMITS, testMs: 8000 };

// Typed against the TCP client suite; the UDP one has the same checks and params.
function clientTests(transport: 'tcp' | 'udp') {
  return suiteTests(daytimeTcpClientSuite, [
    {
      id: 'contacts-server',
      name: transport === 'tcp' ? 'Connects to the server' : 'Sends a request datagram',
      points: 20,
      params: { check: 'contacts-server', scenario: 'rfc' },
    },
    { id: 'prints-time', name: 'Prints the time it received', points: 30, params: { check: 'prints-time', scenario: 'rfc' } },
    { id: 'exits-cleanly', name: 'Ends cleanly', points: 20, params: { check: 'exits-cleanly', scenario: 'rfc' } },
    { id: 'german-answer', name: 'A German answer with an umlaut', points: 30, params: { check: 'full-exchange', scenario: 'german' } },
  ]);
}

export const daytimeTcpServer = defineAssignment(daytimeTcpServerSuite, {
  id: 'daytime-tcp-server',
  title: 'TCP daytime server',
  summary: 'A TCP server that sends every client the current date and time (RFC 867) and closes.',
  description: serverDescriptions.tcp,
  // The course binds port 13; we discover whatever port the student chose.
  params: { ...serverParams },
  // Each test's id names its check.
  tests: [
    { id: 'sends-at-once', name: 'Sends the time as soon as a client connects', points: 20 },
    { id: 'readable-time', name: 'The answer contains a date and a time', points: 20 },
    { id: 'correct-time', name: 'The time is correct (±5 s)', points: 25 },
    { id: 'closes', name: 'Closes the connection after the answer', points: 15 },
    { id: 'successive', name: 'Three clients one after the other get the current time', points: 20 },
  ],
  limits: serverLimits,
});

export const daytimeUdpServer = defineAssignment(daytimeUdpServerSuite, {
  id: 'daytime-udp-server',
  title: 'UDP daytime server',
  summary: 'A UDP server that answers every datagram with the current date and time (RFC 867).',
  description: serverDescriptions.udp,
  params: { ...serverParams },
  tests: [
    { id: 'empty-datagram', name: 'Answers an empty datagram', points: 20 },
    { id: 'readable-time', name: 'The answer contains a date and a time', points: 20 },
    { id: 'correct-time', name: 'The time is correct (±5 s)', points: 25 },
    { id: 'text-datagram', name: 'Answers a datagram with text in it', points: 15 },
    { id: 'successive', name: 'Three clients one after the other get the current time', points: 20 },
  ],
  limits: serverLimits,
});

export const daytimeTcpClient = defineAssignment(daytimeTcpClientSuite, {
  id: 'daytime-tcp-client',
  title: 'TCP daytime client',
  summary: 'A TCP client that asks a daytime server for the time and prints it.',
  description: clientDescriptions.tcp,
  params: { scenarios: { ...DAYTIME_SCENARIOS } },
  tests: clientTests('tcp'),
});

export const daytimeUdpClient = defineAssignment(daytimeUdpClientSuite, {
  id: 'daytime-udp-client',
  title: 'UDP daytime client',
  summary: 'A UDP client that asks a daytime server for the time and prints it.',
  description: clientDescriptions.udp,
  params: { scenarios: { ...DAYTIME_SCENARIOS } },
  tests: clientTests('udp'),
});

export const daytimeAssignments = [daytimeUdpServer, daytimeTcpServer, daytimeUdpClient, daytimeTcpClient];
