import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from '../lib/defaults.js';
import type { AssignmentDefinition, TestDefinition } from '../types.js';
import { DAYTIME_SCENARIOS } from './daytime-client-scenario.js';
import { clientDescriptions } from './descriptions-client.js';
import { serverDescriptions } from './descriptions-server.js';
import { runtimeRef } from '../runtimes.js';

const PYTHON = runtimeRef('python');

const common = {
  runtime: PYTHON,
  resources: { ...DEFAULT_RESOURCES },
};

/**
 * Shared by both servers. `toleranceSec`: how far the time may be off. A server that needs
 * a nudge waits out `replyMs` twice in one test, hence the longer `testMs` below.
 */
const serverParams = { toleranceSec: 5, replyMs: 2000, closeMs: 1000, graceMs: 150, count: 3, gapMs: 1000 };
const serverLimits = { ...DEFAULT_LIMITS, testMs: 8000 };

const tcpServerTests: TestDefinition[] = [
  { id: 'sends-at-once', name: 'Sends the time as soon as a client connects', points: 20 },
  { id: 'readable-time', name: 'The answer contains a date and a time', points: 20 },
  { id: 'correct-time', name: 'The time is correct (±5 s)', points: 25 },
  { id: 'closes', name: 'Closes the connection after the answer', points: 15 },
  { id: 'successive', name: 'Three clients one after the other get the current time', points: 20 },
];

const udpServerTests: TestDefinition[] = [
  { id: 'empty-datagram', name: 'Answers an empty datagram', points: 20 },
  { id: 'readable-time', name: 'The answer contains a date and a time', points: 20 },
  { id: 'correct-time', name: 'The time is correct (±5 s)', points: 25 },
  { id: 'text-datagram', name: 'Answers a datagram with text in it', points: 15 },
  { id: 'successive', name: 'Three clients one after the other get the current time', points: 20 },
];

function clientTests(transport: 'tcp' | 'udp'): TestDefinition[] {
  return [
    {
      id: 'contacts-server',
      name: transport === 'tcp' ? 'Connects to the server' : 'Sends a request datagram',
      points: 20,
      params: { check: 'contacts-server', scenario: 'rfc' },
    },
    { id: 'prints-time', name: 'Prints the time it received', points: 30, params: { check: 'prints-time', scenario: 'rfc' } },
    { id: 'exits-cleanly', name: 'Ends cleanly', points: 20, params: { check: 'exits-cleanly', scenario: 'rfc' } },
    { id: 'german-answer', name: 'A German answer with an umlaut', points: 30, params: { check: 'full-exchange', scenario: 'german' } },
  ];
}

export const daytimeTcpServer: AssignmentDefinition = {
  id: 'daytime-tcp-server',
  title: 'TCP daytime server',
  summary: 'A TCP server that sends every client the current date and time (RFC 867) and closes.',
  description: serverDescriptions.tcp,
  role: 'server',
  transport: 'tcp',
  suite: 'daytime-tcp-server',
  entry: 'server.py',
  // The course binds port 13; we discover whatever port the student chose.
  params: { ...serverParams },
  tests: tcpServerTests,
  limits: { ...serverLimits },
  ...common,
};

export const daytimeUdpServer: AssignmentDefinition = {
  id: 'daytime-udp-server',
  title: 'UDP daytime server',
  summary: 'A UDP server that answers every datagram with the current date and time (RFC 867).',
  description: serverDescriptions.udp,
  role: 'server',
  transport: 'udp',
  suite: 'daytime-udp-server',
  entry: 'server.py',
  params: { ...serverParams },
  tests: udpServerTests,
  limits: { ...serverLimits },
  ...common,
};

export const daytimeTcpClient: AssignmentDefinition = {
  id: 'daytime-tcp-client',
  title: 'TCP daytime client',
  summary: 'A TCP client that asks a daytime server for the time and prints it.',
  description: clientDescriptions.tcp,
  role: 'client',
  transport: 'tcp',
  suite: 'daytime-tcp-client',
  entry: 'client.py',
  params: { scenarios: { ...DAYTIME_SCENARIOS } },
  tests: clientTests('tcp'),
  limits: { ...DEFAULT_LIMITS },
  ...common,
};

export const daytimeUdpClient: AssignmentDefinition = {
  id: 'daytime-udp-client',
  title: 'UDP daytime client',
  summary: 'A UDP client that asks a daytime server for the time and prints it.',
  description: clientDescriptions.udp,
  role: 'client',
  transport: 'udp',
  suite: 'daytime-udp-client',
  entry: 'client.py',
  params: { scenarios: { ...DAYTIME_SCENARIOS } },
  tests: clientTests('udp'),
  limits: { ...DEFAULT_LIMITS },
  ...common,
};

export const daytimeAssignments: readonly AssignmentDefinition[] = [daytimeUdpServer, daytimeTcpServer, daytimeUdpClient, daytimeTcpClient];
