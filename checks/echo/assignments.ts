import { DEFAULT_LIMITS, DEFAULT_RESOURCES } from '../lib/defaults.js';
import type { AssignmentDefinition, RuntimeId, TestDefinition } from '../types.js';
import { clientDescriptions } from './descriptions-client.js';
import { serverDescriptions } from './descriptions-server.js';
import { runtimeRef } from '../runtimes.js';

const PYTHON = runtimeRef('python');

/**
 * `Hallo \xff\xfe\x80 \xc3(`: a stray 0xff, a BOM-like pair, a lone continuation byte and
 * a broken two-byte sequence. `str(daten, "utf8")` fails on the first of them.
 */
const NOT_UTF8_HEX = '48616c6c6f20fffe8020c328';

function serverTests(unit: 'message' | 'datagram'): TestDefinition[] {
  return [
    { id: 'short-ascii', name: 'A short message', points: 15, params: { check: 'echo-once', text: 'Hallo' } },
    { id: 'utf8-text', name: 'Umlauts and €', points: 15, params: { check: 'echo-once', text: 'Grüße aus Köln: 5 € für Äpfel & Öl' } },
    {
      id: 'long-1024',
      name: `A ${unit} of 1024 bytes`,
      points: 15,
      params: { check: 'echo-once', repeat: 'Sockets sind toll! 0123456789 ', length: 1024 },
    },
    { id: 'line-with-newline', name: 'A line break at the end', points: 15, params: { check: 'echo-once', text: 'Ping!\n' } },
    {
      id: 'successive',
      name: unit === 'message' ? 'Three connections one after the other' : 'Three datagrams one after the other',
      points: 15,
      params: { check: 'successive', count: 3 },
    },
    { id: 'two-clients', name: 'Two clients at the same time', points: 15, params: { check: 'two-clients' } },
    // Last, and worth less: the course's own server crashes here (it decodes with UTF-8).
    { id: 'non-utf8', name: 'Bytes that are not UTF-8', points: 10, params: { check: 'echo-once', hex: NOT_UTF8_HEX } },
  ];
}

function clientTests(): TestDefinition[] {
  return [
    { id: 'sends-text', name: 'Sends the line it read', points: 25, params: { check: 'sends-text', scenario: 'ascii' } },
    { id: 'prints-echo', name: 'Prints the echo', points: 25, params: { check: 'prints-echo', scenario: 'ascii' } },
    { id: 'exits-cleanly', name: 'Ends cleanly', points: 20, params: { check: 'exits-cleanly', scenario: 'ascii' } },
    { id: 'utf8-text', name: 'Umlauts and €', points: 30, params: { check: 'full-exchange', scenario: 'utf8' } },
  ];
}

const common = {
  runtime: PYTHON,
  // Issue #14: the echo exercises may be handed in in C or Java as well (`server.c`, `Server.java`).
  otherRuntimes: ['c', 'java'] as RuntimeId[],
  limits: { ...DEFAULT_LIMITS },
  resources: { ...DEFAULT_RESOURCES },
};

export const echoTcpServer: AssignmentDefinition = {
  id: 'echo-tcp-server',
  title: 'TCP echo server',
  summary: 'A TCP server that sends every message back unchanged.',
  description: serverDescriptions.tcp,
  role: 'server',
  transport: 'tcp',
  suite: 'echo-tcp-server',
  entry: 'server.py',
  // messagesPerConnection > 1 makes "successive" send several messages per connection;
  // off by default because the course's server answers one message and closes.
  params: { replyMs: 2000, messagesPerConnection: 1 },
  tests: serverTests('message'),
  ...common,
};

export const echoUdpServer: AssignmentDefinition = {
  id: 'echo-udp-server',
  title: 'UDP echo server',
  summary: 'A UDP server that sends every datagram back unchanged.',
  description: serverDescriptions.udp,
  role: 'server',
  transport: 'udp',
  suite: 'echo-udp-server',
  entry: 'server.py',
  params: { replyMs: 2000 },
  tests: serverTests('datagram'),
  ...common,
};

const scenarios = { ascii: 'Hallo Echo-Server!', utf8: 'Grüße aus Köln – 5 € für Äpfel' };

export const echoTcpClient: AssignmentDefinition = {
  id: 'echo-tcp-client',
  title: 'TCP echo client',
  summary: 'A TCP client that sends one line to an echo server and prints the echo.',
  description: clientDescriptions.tcp,
  role: 'client',
  transport: 'tcp',
  suite: 'echo-tcp-client',
  entry: 'client.py',
  params: { scenarios },
  tests: clientTests(),
  ...common,
};

export const echoUdpClient: AssignmentDefinition = {
  id: 'echo-udp-client',
  title: 'UDP echo client',
  summary: 'A UDP client that sends one line to an echo server and prints the echo.',
  description: clientDescriptions.udp,
  role: 'client',
  transport: 'udp',
  suite: 'echo-udp-client',
  entry: 'client.py',
  params: { scenarios },
  tests: clientTests(),
  ...common,
};

export const echoAssignments: readonly AssignmentDefinition[] = [echoTcpServer, echoUdpServer, echoTcpClient, echoUdpClient];
