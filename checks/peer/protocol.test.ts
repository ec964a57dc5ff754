import { describe, expect, it } from 'vitest';
import { comparison } from '../lib/comparison.js';
import { parsePeerMessage } from './protocol.js';

const result = { type: 'test-result', testId: 'short-ascii', status: 'failed', feedback: 'no', transcript: [], durationMs: 3 };

describe('parsePeerMessage: a test result’s expected vs received', () => {
  it('keeps a result without one exactly as it came', () => {
    expect(parsePeerMessage(JSON.stringify(result))).toEqual(result);
  });

  it('keeps a well-formed one', () => {
    const compare = comparison('Hallo', 'hallo', 'conn 1');
    expect(parsePeerMessage(JSON.stringify({ ...result, compare }))).toEqual({ ...result, compare });
  });

  it('drops a malformed one, keeping the result itself (status and feedback unchanged)', () => {
    for (const compare of [null, 'x', { expected: { text: '<b>', bytes: 'many' }, received: { text: 'x', bytes: 1 } }, { expected: { text: 'x', bytes: 1 } }]) {
      const parsed = parsePeerMessage(JSON.stringify({ ...result, compare }));
      expect(parsed).toEqual(result);
      expect(parsed).not.toHaveProperty('compare');
    }
  });

  it('rebuilds it from its known fields only', () => {
    const compare = comparison('a', 'b');
    const parsed = parsePeerMessage(JSON.stringify({ ...result, compare: { ...compare, html: '<script>', received: { ...compare.received, style: 'x' } } }));
    expect(parsed).toEqual({ ...result, compare });
  });
});

describe('parsePeerMessage: when a test started and ended (issue #13)', () => {
  it('keeps a finite stamp on a start and a result', () => {
    expect(parsePeerMessage(JSON.stringify({ type: 'test-started', testId: 'a', at: 1_796_377_751_477 }))).toEqual({ type: 'test-started', testId: 'a', at: 1_796_377_751_477 });
    expect(parsePeerMessage(JSON.stringify({ ...result, at: 5 }))).toEqual({ ...result, at: 5 });
  });

  it('drops a malformed stamp, keeping the message', () => {
    for (const at of ['now', null, { t: 1 }, 1e400]) {
      expect(parsePeerMessage(JSON.stringify({ type: 'test-started', testId: 'a', at }))).toEqual({ type: 'test-started', testId: 'a' });
      expect(parsePeerMessage(JSON.stringify({ ...result, at }))).toEqual(result);
    }
  });
});
