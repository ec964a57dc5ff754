/**
 * Grading an HTTP client (issue #5): started as `python3 client.py HOST PORT`, it must
 * fetch `/` from our mock web server with a proper HTTP/1.1 request and print the page,
 * all of it, umlauts right — also on a keep-alive connection and with a chunked body.
 */
import type { ClientSuite } from '../suite.js';
import { httpCheck } from './http-finding.js';
import { judgeChunked, judgeKeepAlive, judgeToken, judgeUmlauts, judgeWholeBody } from './http-output-checks.js';
import { judgeHost, judgeRequestFormat, judgeRequestLine } from './http-request-checks.js';

export const httpClientSuite = {
  id: 'http-client',
  role: 'client',
  transport: 'tcp',
  checks: {
    'request-line': httpCheck(judgeRequestLine),
    'host-header': httpCheck(judgeHost),
    'request-format': httpCheck(judgeRequestFormat),
    token: httpCheck(judgeToken),
    umlauts: httpCheck(judgeUmlauts),
    'whole-body': httpCheck(judgeWholeBody),
    'keep-alive': httpCheck(judgeKeepAlive),
    chunked: httpCheck(judgeChunked),
  },
} satisfies ClientSuite;
