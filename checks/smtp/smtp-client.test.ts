import { describe, expect, it } from 'vitest';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { smtpClient } from './assignments.js';
import { type FakeMailClientOptions, startFakeMailClient } from './testing/fake-mail-client.js';

const assignment = fastAssignment(smtpClient, {}, { greetDelayMs: 40, replyDelayMs: 15, idleMs: 400, settleMs: 100 });
const run = (options: FakeMailClientOptions, params: Record<string, unknown> = {}) =>
  runFakePeer({ ...assignment, params: { ...assignment.params, ...params } }, (request) => startFakeMailClient(options, request));
const ids = smtpClient.tests.map((t) => t.id);
const statuses = (failed: Record<string, string> = {}) => ids.map((id) => failed[id] ?? 'passed');

describe('smtp-client checks against in-process fake clients', () => {
  it('a client that does everything right scores 100', async () => {
    const result = await run({});
    expect(result.statuses).toEqual(statuses());
    expect(result.score.score).toBe(100);
    expect(result.feedback['waits-for-replies']).toContain('waited for our greeting');
  });

  it('a Date the slide way costs a quarter of the header test, with the RFC 5322 format as the fix', async () => {
    const result = await run({ headers: ({ from, to, subject }) => [`Date: wird nicht verraten`, `From: <${from}>`, `Subject: ${subject}`, `To: <${to}>`] });
    expect(result.statuses).toEqual(statuses({ headers: 'failed' }));
    expect(result.score.score).toBe(97.5);
    expect(result.feedback.headers).toContain('RFC 5322 §3.3');
    expect(result.feedback.headers).toContain('email.utils.formatdate(localtime=True)');
  });

  it('a message without header fails the header test and nothing else', async () => {
    const result = await run({ headers: () => null });
    expect(result.statuses).toEqual(statuses({ headers: 'failed' }));
    expect(result.feedback.headers).toContain('it has no header');
  });

  it('a missing empty line after the header fails the body test', async () => {
    const result = await run({ blankLine: false });
    expect(result.statuses).toEqual(statuses({ body: 'failed' }));
    expect(result.feedback.body).toContain('an empty line separates header and body');
  });

  it('addresses without angle brackets are accepted by the server and fail the address test', async () => {
    const result = await run({ path: (a) => a });
    expect(result.statuses).toEqual(statuses({ addresses: 'failed' }));
    expect(result.feedback.addresses).toContain('must stand in angle brackets');
  });

  it('a space after the colon passes, with a remark', async () => {
    const result = await run({ path: (a) => ` <${a}>` });
    expect(result.statuses).toEqual(statuses());
    expect(result.feedback.addresses).toContain('A space after the colon');
  });

  it('MAIL before HELO is refused with 503 and fails the order test', async () => {
    const result = await run({ mailFirst: true });
    expect(result.feedback['command-order']).toContain('503 5.5.1 Error: send HELO/EHLO first');
    expect(result.feedback['command-order']).toContain('RFC 5321 §4.1.4');
    expect(result.statuses[0]).toBe('failed');
  });

  it('a dot glued to the last body line never ends the message; the server gives up after its idle time', async () => {
    const result = await run({ end: 'glued' });
    expect(result.feedback['end-of-data']).toContain('the dot stuck to the end');
    expect(result.feedback['end-of-data']).toContain('421 4.4.2');
    expect(result.statuses[ids.indexOf('end-of-data')]).toBe('failed');
    expect(result.statuses[ids.indexOf('command-order')]).toBe('passed');
  });

  it('a QUIT without line end is taken after a pause and costs only the line-ending test', async () => {
    const result = await run({ quitEol: '' });
    expect(result.statuses).toEqual(statuses({ 'line-endings': 'failed' }));
    expect(result.feedback['line-endings']).toContain('had no line end at all');
  });

  it('a client that sends MAIL, RCPT and DATA at once fails the waiting test, unless the server offers PIPELINING', async () => {
    const group = { groups: [['MAIL', 'RCPT', 'DATA']] };
    const without = await run(group);
    expect(without.statuses).toEqual(statuses({ 'waits-for-replies': 'failed' }));
    expect(without.feedback['waits-for-replies']).toContain('`RCPT TO:<');
    expect(without.feedback['waits-for-replies']).toContain('did not offer PIPELINING');
    const withPipelining = await run(group, { pipelining: true });
    expect(withPipelining.statuses).toEqual(statuses());
  });

  it('a client that never reads the greeting is caught talking first', async () => {
    const result = await run({ readGreeting: false, hello: 'HELO' });
    expect(result.statuses).toEqual(statuses({ 'waits-for-replies': 'failed' }));
    expect(result.feedback['waits-for-replies']).toContain('before our greeting');
  });

  it('a client that hangs after QUIT times out the QUIT test only', async () => {
    const result = await run({ hang: true });
    expect(result.statuses).toEqual(statuses({ quit: 'timeout' }));
    expect(result.feedback.quit).toContain('After `221`, close the socket');
  });

  it('a client that never connects fails every test with the exit report', async () => {
    const result = await run({ crash: 1 });
    expect(result.statuses).toEqual(ids.map(() => 'failed'));
    expect(result.feedback['command-order']).toContain('never connected');
    expect(result.feedback['command-order']).toContain('ConnectionRefusedError');
  });
});
