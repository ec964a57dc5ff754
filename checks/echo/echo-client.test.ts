import { describe, expect, it } from 'vitest';
import { echoTcpClient, echoUdpClient } from './assignments.js';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { type ClientBehavior, startFakeClient } from '../testing/fake-clients.js';

const tcp = fastAssignment(echoTcpClient, { clientRunMs: 600 });
const udp = fastAssignment(echoUdpClient, { clientRunMs: 600 });
const run = (transport: 'tcp' | 'udp', behavior: ClientBehavior) =>
  runFakePeer(transport === 'tcp' ? tcp : udp, (request) => startFakeClient(transport, behavior, request));

describe.each(['tcp', 'udp'] as const)('echo-%s-client suite', (transport) => {
  it('gives a correct client full marks, from two client runs', async () => {
    const result = await run(transport, 'correct');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.grader.starts).toHaveLength(2);
    const start = result.grader.starts[0];
    expect(start?.args[0]).toBe('127.0.0.1');
    expect(start?.stdin).toBe('Hallo Echo-Server!\n');
    expect(start?.env).toEqual({ SERVER_HOST: '127.0.0.1', SERVER_PORT: start?.args[1] });
    expect(result.feedback['sends-text']).toBe('Our server received exactly `Hallo Echo-Server!` (without the line break at the end — fine: input() removes it).');
  });

  it('accepts the line with its newline and says so', async () => {
    const result = await run(transport, 'with-newline');
    expect(result.score.score).toBe(100);
    expect(result.feedback['sends-text']).toContain('(with the line break at the end — fine)');
  });

  it('fails the umlaut scenario of a Latin-1 client (70/100)', async () => {
    const result = await run(transport, 'latin1');
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(result.score.score).toBe(70);
    expect(result.feedback['utf8-text']).toContain('it looks like you encoded the text as Latin-1');
    // What we typed next to what our server received: in hex, as the Latin-1 bytes are not UTF-8.
    const compare = result.grader.results().find((r) => r.testId === 'utf8-text')?.compare;
    expect(compare?.expected.text).toBeNull();
    expect(compare?.expected.hex).toMatch(/^47 72 c3 bc /); // "Grü" in UTF-8
    expect(compare?.received.hex).toMatch(/^47 72 fc /); // "Grü" in Latin-1
    expect(result.grader.results().filter((r) => r.compare).map((r) => r.testId)).toEqual(['utf8-text']);
  });

  it('fails printing the bytes object (45/100)', async () => {
    const result = await run(transport, 'prints-bytes');
    expect(result.statuses).toEqual(['passed', 'failed', 'passed', 'failed']);
    expect(result.score.score).toBe(45);
    expect(result.feedback['prints-echo']).toContain('printed the bytes object');
  });

  it('times out only the exit test of a client that prints the echo and never ends (80/100, issue #13)', async () => {
    const result = await run(transport, 'hangs');
    expect(result.statuses).toEqual(['passed', 'passed', 'timeout', 'passed']);
    expect(result.score.score).toBe(80);
    expect(result.feedback['prints-echo']).toBe('Your client printed the echo `Hallo Echo-Server!`. (Afterwards it was still running after 600 ms, so we stopped it: that costs only the exit test.)');
    expect(result.feedback['exits-cleanly']).toContain(transport === 'tcp' ? 'our echo server keeps the connection open until *you* close it' : 'UDP has no connection that could end');
    expect(result.feedback['exits-cleanly']).not.toContain(transport === 'tcp' ? 'UDP' : 'keeps the connection open');
    expect(result.feedback['exits-cleanly']).toContain('Your client was still running after 600 ms, so we stopped it.');
    expect(result.feedback['exits-cleanly']).toContain('sent `Hallo Echo-Server!`');
  });

  it('fails a client that floods our echo server and never reads, and the server stays bounded', async () => {
    const before = process.memoryUsage().rss;
    const result = await run(transport, 'floods');
    expect(result.statuses[0]).toBe('failed');
    expect(result.score.score).toBe(0);
    if (transport === 'tcp') expect(result.feedback['sends-text']).toMatch(/^Your client sent \d+\.\d MiB without reading the echo: we closed the connection once 1\.\d MiB of it was waiting for your client\./);
    else expect(result.feedback['sends-text']).toMatch(/^Your client sent \d+ datagrams \(\d+\.\d MiB\) to our echo server, and we stopped answering before our echo passed 1\.0 MiB\./);
    // Two scenario runs of a 64 MiB flood each: over TCP, without the caps the echo alone would
    // buffer them (at least 128 MiB). Over UDP nothing is buffered on our side either way (the
    // kernel drops what nobody reads), so the bound there is the stop in the feedback above; the
    // process's RSS is no measure of it (measured here: 25-47 MiB of lazily collected garbage).
    if (transport === 'tcp') expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('fails a client that cannot reach the server, quoting its traceback', async () => {
    const result = await run(transport, 'refused');
    expect(result.statuses).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(result.feedback['exits-cleanly']).toContain('Your client exited with code 1.');
    expect(result.feedback['exits-cleanly']).toContain('ConnectionRefusedError');
    expect(result.feedback['exits-cleanly']).toContain('sys.argv[1]');
  });
});
