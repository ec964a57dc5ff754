import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineTransport } from './transport.js';

describe('LineTransport', () => {
  it('stamps a test’s start and result with the moment they are sent, and nothing else (issue #13)', () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const transport = new LineTransport(input, output, { log: () => {} });
    const before = Date.now();
    transport.send({ type: 'test-started', testId: 'a' });
    transport.send({ type: 'test-result', testId: 'a', status: 'passed', feedback: '', transcript: [], durationMs: 1 });
    transport.send({ type: 'log', message: 'hi' });
    const after = Date.now();
    const lines = String(output.read()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.type)).toEqual(['test-started', 'test-result', 'log']);
    for (const line of lines.slice(0, 2)) {
      expect(line.at).toBeGreaterThanOrEqual(before);
      expect(line.at).toBeLessThanOrEqual(after);
    }
    expect(lines[2]).toEqual({ type: 'log', message: 'hi' });
    transport.close();
  });
});
