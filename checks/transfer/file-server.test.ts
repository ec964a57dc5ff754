import { describe, expect, it } from 'vitest';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { fileServer } from './assignments.js';
import { type FakeFileServerBehavior, startFakeFileServer } from './testing/fake-file-server.js';
import type { Framing } from './params.js';

// Small files keep these fast; the large-file test's logic is the same at 3 MiB (see fixtures.test.ts).
const assignment = (framing: Framing = 'close') => {
  const fast = fastAssignment(fileServer, {}, { framing, replyMs: 200, msPerKiB: 0 });
  fast.tests = fast.tests.map((t) => (t.id === 'large-file' ? { ...t, params: { ...t.params, bytes: 300 * 1024 } } : t));
  return fast;
};
const run = (behavior: FakeFileServerBehavior, framing: Framing = 'close') => runFakeServerPeer(assignment(framing), () => startFakeFileServer(behavior, framing));

describe('file-server suite', () => {
  it.each(['close', 'length-prefix'] as const)('gives a correct server full marks (framing %s)', async (framing) => {
    const result = await run('correct', framing);
    expect(result.statuses).toEqual(Array(7).fill('passed'));
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback['binary-file']).toMatch(/^We uploaded `bild.bin` \(65536 bytes, SHA-256 `[0-9a-f]{16}…`\); your server answered `OK\\n`. Then we downloaded it: the same 65536 bytes came back/);
  });

  it('sends the request line and the start of the file in one write, and half-closes after the file', async () => {
    const result = await run('correct');
    const transcript = result.grader.results().find((r) => r.testId === 'text-file')?.transcript ?? [];
    const upload = transcript.filter((e) => e.conn === 'upload');
    expect(upload[1]?.text?.startsWith('PUT gruesse.txt\\nÜbertragung einer Datei')).toBe(true);
    expect(upload.map((e) => e.note).filter(Boolean)).toContain("we finished sending (half-close: your recv() now returns b'')");
  });

  it('times out a server that never reads or answers', async () => {
    const few = assignment();
    few.tests = few.tests.filter((t) => ['get-existing', 'text-file', 'unknown-file'].includes(t.id));
    const result = await runFakeServerPeer(few, () => startFakeFileServer('silent'));
    expect(result.statuses).toEqual(Array(3).fill('timeout'));
    expect(result.feedback['text-file']).toContain('and then waited for your server\'s answer, but none came.');
    expect(result.feedback['get-existing']).toContain('but your server sent nothing back for 200 ms');
  });

  it('explains a missing status line and a connection that is never closed', async () => {
    const noStatus = await run('no-status');
    expect(noStatus.feedback['get-existing']).toContain('but no status line first (did it send the file without the line `OK\\n` in front?)');
    const keepsOpen = await run('keeps-open');
    expect(keepsOpen.statuses[0]).toBe('failed');
    expect(keepsOpen.feedback['text-file']).toContain('kept the connection open for 200 ms');
  });

  it('names the lost start of a file: the first recv() held the line and the file', async () => {
    const result = await run('head-lost');
    expect(result.statuses).toEqual(['passed', 'failed', 'failed', 'passed', 'failed', 'passed', 'passed']);
    expect(result.feedback['text-file']).toContain("your server's copy is empty. Our request line `PUT gruesse.txt\\n` and the file arrived together");
    expect(result.feedback['large-file']).toMatch(/the first \d+ bytes of the file are missing in your server's copy, the rest is right/);
    expect(result.feedback['large-file']).toContain('Split the first piece at the first `\\n`');
  });

  it('reports a crash on a missing file with its traceback, and the later tests as not running', async () => {
    const result = await run('crash-on-missing');
    expect(result.statuses.slice(5)).toEqual(['failed', 'failed']);
    expect(result.feedback['unknown-file']).toContain('your server closed the connection without answering');
    expect(result.feedback['unknown-file']).toContain('FileNotFoundError');
    expect(result.feedback['unknown-file']).toContain('os.path.isfile(name)');
    expect(result.feedback['path-escape']).toContain('Your server is no longer running');
  });
});
