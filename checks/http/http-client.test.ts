import { describe, expect, it } from 'vitest';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { httpClient } from './assignments.js';
import { type FakeWebClientOptions, startFakeWebClient } from './testing/fake-web-client.js';

const assignment = fastAssignment(httpClient, {}, { keepAliveMs: 200, settleMs: 100, segmentPauseMs: 10 });
const run = (options: FakeWebClientOptions, params: Record<string, unknown> = {}, clientRunMs = assignment.limits.clientRunMs) =>
  runFakePeer({ ...assignment, params: { ...assignment.params, ...params }, limits: { ...assignment.limits, clientRunMs } }, (request) => startFakeWebClient(options, request));
const ids = httpClient.tests.map((t) => t.id);
const statuses = (failed: Record<string, string> = {}) => ids.map((id) => failed[id] ?? 'passed');

describe('http-client checks against in-process fake clients', () => {
  it('a client that reads by Content-Length and decodes chunks scores 100', async () => {
    const result = await run({});
    expect(result.statuses).toEqual(statuses());
    expect(result.score.score).toBe(100);
  });

  it('a head without its empty line is taken after a pause and fails only the format test', async () => {
    const result = await run({ blankLine: false });
    expect(result.statuses).toEqual(statuses({ 'request-format': 'failed' }));
    expect(result.feedback['request-format']).toContain('408 Request Timeout');
    expect(result.feedback['request-format']).toContain('Wichtig: Leerzeile');
  });

  it('a lowercase method gets 501, and nothing is served', async () => {
    const result = await run({ requestLine: 'get / HTTP/1.1' });
    expect(result.feedback['request-line']).toContain('Methods are case-sensitive');
    expect(result.feedback['request-line']).toContain('501 Not Implemented');
    expect(result.feedback.token).toContain('Our server never sent the page');
    expect(result.score.score).toBe(20);
  });

  it('a wrong path gets 404 and says where the page is', async () => {
    const result = await run({ requestLine: 'GET /index.html HTTP/1.1' });
    expect(result.feedback['request-line']).toContain('but the page is at `/`');
    expect(result.feedback.umlauts).toContain('404 Not Found');
  });

  it('an HTTP/1.0 request without Host passes: no Host needed, no chunks sent, the connection closed', async () => {
    const result = await run({ requestLine: 'GET / HTTP/1.0', host: 'none' });
    expect(result.statuses).toEqual(statuses());
    expect(result.feedback['host-header']).toContain('HTTP/1.0');
    expect(result.feedback.chunked).toContain('chunked encoding is only for HTTP/1.1 clients');
    expect(result.feedback['keep-alive']).toContain('Your request was HTTP/1.0');
  });

  it('a missing Host is served by default and refused with strictHost', async () => {
    const lenient = await run({ host: 'none' });
    expect(lenient.statuses).toEqual(statuses({ 'host-header': 'failed' }));
    const strict = await run({ host: 'none' }, { strictHost: true });
    expect(strict.feedback['host-header']).toContain('400 Bad Request');
    expect(strict.score.score).toBe(20);
  });

  it('printing the bytes object fails the umlaut test with the reason', async () => {
    const result = await run({ decode: 'bytes-repr' });
    expect(result.statuses).toEqual(statuses({ umlauts: 'failed' }));
    expect(result.feedback.umlauts).toContain('your client printed bytes, not text');
  });

  it('a strict UTF-8 decode crashes, and the umlaut test names the UnicodeDecodeError', async () => {
    const result = await run({ decode: 'utf8-strict' });
    expect(result.feedback.umlauts).toContain('crashed with a `UnicodeDecodeError`');
    expect(result.statuses[ids.indexOf('token')]).toBe('failed');
  });

  it('reading until close on a keep-alive connection passes, with the wait explained', async () => {
    const result = await run({ read: 'close' });
    expect(result.statuses).toEqual(statuses({ chunked: 'failed' }));
    expect(result.feedback['keep-alive']).toContain('Your client waited for that close');
    expect(result.feedback.chunked).toContain('Your output has the chunk sizes in it');
  });

  it('one read gets the top of the page only', async () => {
    const result = await run({ read: 'once', connectionClose: true });
    expect(result.statuses).toEqual(statuses({ 'whole-body': 'failed', 'keep-alive': 'failed', chunked: 'failed' }));
    expect(result.feedback['whole-body']).toContain('is missing');
  });

  it('a client that never ends times out the keep-alive test', async () => {
    const result = await run({ hang: true, connectionClose: true }, {}, 500);
    expect(result.statuses[ids.indexOf('keep-alive')]).toBe('timeout');
    expect(result.statuses[ids.indexOf('token')]).toBe('passed');
  });
});
