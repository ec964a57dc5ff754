import { describe, expect, it } from 'vitest';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { fileClient } from './assignments.js';
import { type FakeFileClientBehavior, startFakeFileClient } from './testing/fake-transfer-clients.js';
import type { Framing } from './params.js';

const assignment = (framing: Framing) => {
  const fast = fastAssignment(fileClient, { clientRunMs: 1500 }, { framing, replyMs: 200 });
  fast.tests = fast.tests.map((t) => (t.id === 'large-file' ? { ...t, params: { ...t.params, bytes: 200 * 1024 } } : t));
  return fast;
};
const run = (behavior: FakeFileClientBehavior, framing: Framing = 'close') => runFakePeer(assignment(framing), (request) => startFakeFileClient(behavior, request, framing));

describe('file-client suite', () => {
  it.each(['close', 'length-prefix'] as const)('gives a correct client full marks from five runs (framing %s)', async (framing) => {
    const result = await run('correct', framing);
    expect(result.statuses).toEqual(Array(6).fill('passed'));
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.grader.starts.map((s) => s.stdin)).toEqual(['gruesse.txt\n', 'bild.bin\n', 'leer.txt\n', 'gross.bin\n', 'gibt-es-nicht.txt\n']);
    expect(result.feedback['sends-request']).toBe('Our server received exactly `GET gruesse.txt\\n`.');
    expect(result.feedback['unknown-file']).toContain('it answered `ERROR no such file: gibt-es-nicht.txt\\n`. Your client reported the error');
  });

  it('fails a client that sends only the name, and says what the line must look like', async () => {
    const result = await run('name-only');
    expect(result.statuses[0]).toBe('failed');
    expect(result.feedback['sends-request']).toContain('but your client sent only the name: `gruesse.txt\\n`. The line starts with the command `GET` and a space.');
    expect(result.feedback['text-file']).toContain('did not print a SHA-256 checksum');
  });

  it('fails a client that crashes on an ERROR answer, with its traceback', async () => {
    const result = await run('crashes-on-error');
    expect(result.statuses[5]).toBe('failed');
    expect(result.feedback['unknown-file']).toContain('Your client did not handle it.');
    expect(result.feedback['unknown-file']).toContain('ValueError: not OK');
  });
});
