import { describe, expect, it } from 'vitest';
import { paramDefaults } from './param-schema.js';
import { silenceAware } from './silent-server.js';
import type { StudentView } from '../suite.js';
import type { TestDefinition, TestOutcome, TranscriptEntry } from '../types.js';

const student = { lastExit: () => null, exited: new AbortController().signal, waitForExit: async () => null } satisfies StudentView;
const recv: TranscriptEntry = { t: 1, dir: 'recv', conn: 'conn 1', text: 'x', bytes: 1 };

function ctxFor(name: string, params: Record<string, unknown> = {}, view: StudentView = student) {
  const test: TestDefinition = { id: name, name, points: 1 };
  return { test, params: { replyMs: 2000, ...params }, student: view };
}

/** A check that reports the waits it was given and answers as told. */
function scripted(answers: Array<'silent' | 'answers'>) {
  const seen: Array<Record<string, unknown>> = [];
  const check = async (ctx: { params: Record<string, unknown> }): Promise<TestOutcome> => {
    seen.push(ctx.params);
    const answer = answers[seen.length - 1];
    return answer === 'answers'
      ? { status: 'failed', feedback: 'wrong', transcript: [recv] }
      : { status: 'timeout', feedback: `waited ${String(ctx.params.replyMs)} ms`, transcript: [] };
  };
  return { check, seen };
}

describe('silenceAware (issue #11)', () => {
  it('gives the short wait after a silent test, and the full one again once the server answers', async () => {
    const { check, seen } = scripted(['silent', 'silent', 'answers', 'silent']);
    const wrapped = silenceAware(check, { params: paramDefaults({ replyMs: 2000, exitReportMs: 1000 }), waitParams: ['replyMs', 'exitReportMs'] });
    const view = { ...student };
    const first = await wrapped(ctxFor('One', {}, view));
    const second = await wrapped(ctxFor('Two', {}, view));
    await wrapped(ctxFor('Three', {}, view));
    const fourth = await wrapped(ctxFor('Four', {}, view));
    expect(seen.map((p) => [p.replyMs, p.exitReportMs])).toEqual([[2000, undefined], [250, 250], [250, 250], [2000, undefined]]);
    expect(first.feedback).toBe('waited 2000 ms');
    expect(second.feedback).toBe('waited 250 ms\n\nYour server had not answered the test "One" either (we waited 2000 ms there) and has sent nothing since, so here we waited only 250 ms.');
    // After the answer in "Three", "Four" waited the full time and is the new first silence.
    expect(fourth.feedback).toBe('waited 2000 ms');
  });

  it('keeps runs apart and never lengthens a wait', async () => {
    const { check, seen } = scripted(['silent', 'silent', 'silent']);
    const wrapped = silenceAware(check, { params: paramDefaults({ replyMs: 2000 }), waitParams: ['replyMs'] });
    const runA = { ...student };
    await wrapped(ctxFor('One', {}, runA));
    await wrapped(ctxFor('One', {}, { ...student }));
    await wrapped(ctxFor('Two', { replyMs: 100, silentReplyMs: 400 }, runA));
    expect(seen.map((p) => p.replyMs)).toEqual([2000, 2000, 100]);
  });

  it('does not count a failure without reply as silence (a closed connection is an answer of sorts)', async () => {
    const seen: unknown[] = [];
    const view = { ...student };
    const wrapped = silenceAware(
      async (ctx: { params: Record<string, unknown> }): Promise<TestOutcome> => {
        seen.push(ctx.params.replyMs);
        return { status: 'failed', feedback: 'closed', transcript: [] };
      },
      { params: paramDefaults({ replyMs: 2000 }), waitParams: ['replyMs'] },
    );
    await wrapped(ctxFor('One', {}, view));
    await wrapped(ctxFor('Two', {}, view));
    expect(seen).toEqual([2000, 2000]);
  });
});
