import { defineAssignment, suiteTests } from '../define-assignment.js';
import { httpClientSuite } from './http-client-suite.js';
import { httpClientDescription } from './descriptions.js';
import { paramValues } from '../lib/param-schema.js';
import { HTTP_CLIENT } from './http-params.js';

/**
 * Three runs of the client: `main` (`Connection: close`, `Content-Length`) for the first
 * six tests, then a keep-alive connection and a chunked body. `connection` and
 * `encoding` are params, so a teacher can serve the main run keep-alive too.
 */
const tests = suiteTests(httpClientSuite, [
  { id: 'request-line', name: 'Request line GET / HTTP/1.1', points: 10, params: { scenario: 'main' } },
  { id: 'host-header', name: 'Host field (required in HTTP/1.1)', points: 10, params: { scenario: 'main' } },
  { id: 'request-format', name: 'CRLF line ends and the empty line', points: 10, params: { scenario: 'main' } },
  { id: 'token', name: "Prints the page's token", points: 15, params: { scenario: 'main' } },
  { id: 'umlauts', name: 'Decodes the umlauts (ISO-8859-1)', points: 15, params: { scenario: 'main' } },
  { id: 'whole-body', name: 'Reads the whole body, not one recv()', points: 15, params: { scenario: 'main' } },
  { id: 'keep-alive', name: 'Finishes on a keep-alive connection', points: 10, params: { scenario: 'keep-alive', connection: 'keep-alive' } },
  { id: 'chunked', name: 'Decodes a chunked body', points: 15, params: { scenario: 'chunked', encoding: 'chunked' } },
]);

export const httpClient = defineAssignment(httpClientSuite, {
  id: 'http-client',
  title: 'HTTP client (fetch a web page)',
  summary: 'A web client that fetches a page with GET over a TCP socket and prints it, umlauts and all.',
  description: httpClientDescription,
  // The course's client hard-codes `www.hsg-kl.de`: every name resolves to the pod, where our server is.
  answerAllDnsNames: true,
  // keepAliveMs: how long our server keeps an idle keep-alive connection open (a client
  // reading until close waits that long); settleMs: silence after which a head without
  // its empty line is taken anyway; strictHost: answer 400 to HTTP/1.1 without Host.
  params: paramValues(HTTP_CLIENT, 'path', 'connection', 'encoding', 'keepAliveMs', 'settleMs', 'segmentPauseMs', 'strictHost'),
  tests,
});

export const httpAssignments = [httpClient];
