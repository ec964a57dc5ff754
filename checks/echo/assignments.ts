import { defineAssignment, suiteTests } from '../define-assignment.js';
import type { RuntimeId } from '../types.js';
import { echoTcpClientSuite, echoUdpClientSuite } from './echo-client-checks.js';
import { echoTcpServerSuite } from './echo-tcp-server.js';
import { echoUdpServerSuite } from './echo-udp-server.js';
import { clientDescriptions } from './descriptions-client.js';
import { serverDescriptions } from './descriptions-server.js';
import { paramValues } from '../lib/param-schema.js';
import { ECHO_SUCCESSIVE } from './echo-params.js';

/**
 * `Hallo \xff\xfe\x80 \xc3(`: a stray 0xff, a BOM-like pair, a lone continuation byte and
 * a broken two-byte sequence. `str(daten, "utf8")` fails on the first of them.
 */
const NOT_UTF8_HEX = '48616c6c6f20fffe8020c328';

// Typed against the TCP suite; the UDP suite has the same checks with the same params.
function serverTests(unit: 'message' | 'datagram') {
  return suiteTests(echoTcpServerSuite, [
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
  ]);
}

function clientTests() {
  return suiteTests(echoTcpClientSuite, [
    { id: 'sends-text', name: 'Sends the line it read', points: 25, params: { check: 'sends-text', scenario: 'ascii' } },
    { id: 'prints-echo', name: 'Prints the echo', points: 25, params: { check: 'prints-echo', scenario: 'ascii' } },
    { id: 'exits-cleanly', name: 'Ends cleanly', points: 20, params: { check: 'exits-cleanly', scenario: 'ascii' } },
    { id: 'utf8-text', name: 'Umlauts and €', points: 30, params: { check: 'full-exchange', scenario: 'utf8' } },
  ]);
}

// Issue #14: the echo exercises may be handed in in C or Java as well (`server.c`, `Server.java`).
const otherRuntimes: RuntimeId[] = ['c', 'java'];

export const echoTcpServer = defineAssignment(echoTcpServerSuite, {
  id: 'echo-tcp-server',
  title: 'TCP echo server',
  summary: 'A TCP server that sends every message back unchanged.',
  description: serverDescriptions.tcp,
  // messagesPerConnection > 1 makes "successive" send several messages per connection;
  // off by default because the course's server answers one message and closes.
  params: paramValues(ECHO_SUCCESSIVE, 'replyMs', 'messagesPerConnection'),
  tests: serverTests('message'),
  otherRuntimes,
});

export const echoUdpServer = defineAssignment(echoUdpServerSuite, {
  id: 'echo-udp-server',
  title: 'UDP echo server',
  summary: 'A UDP server that sends every datagram back unchanged.',
  description: serverDescriptions.udp,
  params: paramValues(ECHO_SUCCESSIVE, 'replyMs'),
  tests: serverTests('datagram'),
  otherRuntimes,
});

const scenarios = { ascii: 'Hallo Echo-Server!', utf8: 'Grüße aus Köln – 5 € für Äpfel' };

export const echoTcpClient = defineAssignment(echoTcpClientSuite, {
  id: 'echo-tcp-client',
  title: 'TCP echo client',
  summary: 'A TCP client that sends one line to an echo server and prints the echo.',
  description: clientDescriptions.tcp,
  params: { scenarios },
  tests: clientTests(),
  otherRuntimes,
});

export const echoUdpClient = defineAssignment(echoUdpClientSuite, {
  id: 'echo-udp-client',
  title: 'UDP echo client',
  summary: 'A UDP client that sends one line to an echo server and prints the echo.',
  description: clientDescriptions.udp,
  params: { scenarios },
  tests: clientTests(),
  otherRuntimes,
});

export const echoAssignments = [echoTcpServer, echoUdpServer, echoTcpClient, echoUdpClient];
