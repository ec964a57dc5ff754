import { describe, expect, it } from 'vitest';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { objectTransfer } from './assignments.js';
import { type FakeObjectClientBehavior, startFakeObjectClient } from './testing/fake-transfer-clients.js';
import type { Framing } from './params.js';

const run = (behavior: FakeObjectClientBehavior, framing: Framing = 'length-prefix') =>
  runFakePeer(fastAssignment(objectTransfer, { clientRunMs: 1500 }, { framing, replyMs: 200 }), (request) => startFakeObjectClient(behavior, request, framing));

describe('object-transfer suite', () => {
  it.each(['length-prefix', 'close'] as const)('gives a correct client full marks (framing %s)', async (framing) => {
    const result = await run('correct', framing);
    expect(result.statuses).toEqual(Array(5).fill('passed'));
    expect(result.feedback['sends-list']).toBe("We typed `[1, 2, 3, 'vier', 5.0]`. Our server received a pickle (pickle protocol 4, 39 bytes) of `[1, 2, 3, 'vier', 5.0]`: exactly the object we typed.");
    expect(result.feedback['prints-reply']).toBe('Your client printed our answer `OK list 5` and ended with exit code 0.');
  });

  it('explains a missing shutdown(SHUT_WR) with framing close, but still answers', async () => {
    const result = await run('no-shutdown', 'close');
    expect(result.statuses).toEqual(['failed', 'passed', 'failed', 'failed', 'failed']);
    expect(result.feedback['sends-list']).toContain('client_socket.shutdown(socket.SHUT_WR)');
  });

  it('recognises a 4-byte length in front', async () => {
    const result = await run('four-byte-prefix');
    expect(result.statuses[0]).toBe('failed');
    expect(result.feedback['sends-list']).toContain('The first 4 bytes are the right length (39) — but only 4 bytes wide (like `htonl`).');
  });

  it('shows where the object differs: a tuple instead of a list', async () => {
    const result = await run('list-as-tuple');
    expect(result.feedback['sends-list']).toContain("The object itself we expected `[1, 2, 3, 'vier', 5.0]` (list), your object has `(1, 2, 3, 'vier', 5.0)` (tuple). Lists and tuples are different types");
  });

  it('notices the line pickled as a string', async () => {
    const result = await run('pickles-line');
    expect(result.feedback['nested-dict']).toContain('Your pickle holds the line we typed as one string');
    expect(result.feedback['nested-dict']).toContain('ast.literal_eval(zeile)');
  });
});
