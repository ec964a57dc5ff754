/** The params of the HTTP client checks, each typed once with its default (issue #14). */
import { nonEmpty, oneOf, paramDefaults } from '../lib/param-schema.js';
import type { BodyFraming } from './http-response.js';
import type { ConnectionMode } from './mock-http-server.js';

/** A test's run (`httpClientScenario`) and our mock web server's settings. */
export const HTTP_CLIENT = paramDefaults({
  /** Names the run; tests with the same scenario share one. */
  scenario: nonEmpty('main'),
  /** Whether our server keeps the connection open after the response. */
  connection: oneOf<ConnectionMode>(['close', 'keep-alive'], 'close'),
  /** How our server frames the body. */
  encoding: oneOf<BodyFraming>(['length', 'chunked'], 'length'),
  /** The page the client is told to fetch. */
  path: nonEmpty('/'),
  /** Silence on an open keep-alive connection before we close it (a client reading until close waits that long). */
  keepAliveMs: 2000,
  /** Silence within a head after which we take it without its empty line. */
  settleMs: 1000,
  /** Pause between the pieces of a response. */
  segmentPauseMs: 40,
  /** Answer an HTTP/1.1 request without `Host` with 400, as RFC 9112 §3.2 demands. */
  strictHost: false,
});
