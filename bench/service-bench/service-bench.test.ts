import { describe, expect, it } from 'vitest';
import type { SubmissionView } from './api-client.js';
import { parseBenchOptions } from './bench-options.js';
import type { Submitted } from './burst.js';
import { pollUntilFinished } from './poll-results.js';
import { collectServiceResults } from './service-results.js';
import { oneByOneLatencies, percentile, perMinute, spread } from './stats.js';
import { apportion, mixedSequence, type SubmissionCase } from './submission-mix.js';

const cases: SubmissionCase[] = (['correct', 'wrong', 'hanging'] as const).map((kind) => ({
  kind,
  fixture: kind,
  dir: `/fixtures/${kind}`,
  files: {},
  expectedScore: kind === 'correct' ? 100 : 0,
  maxScore: 100,
}));

describe('the submission mix', () => {
  it('splits 70/20/10 exactly where it can and by largest remainder where not', () => {
    expect(apportion(200)).toEqual([140, 40, 20]);
    expect(apportion(20)).toEqual([14, 4, 2]);
    expect(apportion(5)).toEqual([4, 1, 0]);
    expect(apportion(5, { everyKind: true })).toEqual([3, 1, 1]);
    expect(apportion(1, { everyKind: true })).toEqual([1, 0, 0]);
  });

  it('shuffles the same way for the same seed, keeping the counts', () => {
    const a = mixedSequence(cases, 40, 7).map((c) => c.kind);
    expect(mixedSequence(cases, 40, 7).map((c) => c.kind)).toEqual(a);
    expect(mixedSequence(cases, 40, 8).map((c) => c.kind)).not.toEqual(a);
    expect(a.filter((kind) => kind === 'hanging')).toHaveLength(4);
    expect(a.filter((kind) => kind === 'wrong')).toHaveLength(8);
  });
});

describe('the figures', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(spread(values)).toEqual({ p50: 10, p95: 19, max: 20 });
    expect(percentile([5], 95)).toBe(5);
    expect(perMinute(30, 15_000)).toBe(120);
  });

  it('grades the burst one by one from the per-kind means: each waits for all before it', () => {
    const sequence = [cases[0]!, cases[2]!, cases[1]!, cases[0]!];
    const means = new Map([
      ['correct', 2_000],
      ['wrong', 1_000],
      ['hanging', 16_000],
    ] as const);
    expect(oneByOneLatencies(sequence, new Map(means))).toEqual([2_000, 18_000, 19_000, 21_000]);
  });
});

describe('the options', () => {
  it('defaults to a class of 200 with a sample of 20, flags over environment', () => {
    expect(parseBenchOptions([], {})).toMatchObject({ count: 200, baselineSample: 20, concurrency: 8 });
    expect(parseBenchOptions(['--count', '40'], { BENCH_COUNT: '10', BENCH_CONCURRENCY: '6' })).toMatchObject({ count: 40, concurrency: 6 });
    expect(parseBenchOptions(['--count', '40', '--baseline-all'], {}).baselineSample).toBe(40);
    expect(() => parseBenchOptions(['--count', 'many'], {})).toThrow(/--count must be a whole number/);
    expect(parseBenchOptions(['--sweep', '4, 8,12'], {}).sweep).toEqual([4, 8, 12]);
    expect(parseBenchOptions([], {}).sweep).toEqual([]);
    expect(() => parseBenchOptions(['--sweep', '4,0'], {})).toThrow(/--sweep must be a whole number ≥ 1/);
    expect(() => parseBenchOptions(['--fast'], {})).toThrow(/usage:/);
  });
});

const view = (id: string, over: Partial<SubmissionView> = {}): SubmissionView => ({
  id,
  status: 'done',
  attempts: 1,
  startedAt: new Date(1_000).toISOString(),
  finishedAt: new Date(5_000).toISOString(),
  score: 100,
  maxScore: 100,
  error: null,
  ...over,
});

/** The API's answers from a table; the list shows at most `listCap` like the real one (100). */
function fakeApi(views: Map<string, SubmissionView>, listCap = 100) {
  const calls: string[] = [];
  return {
    calls,
    call: async <T>(_method: string, path: string): Promise<T> => {
      calls.push(path);
      if (path.startsWith('/api/submissions?')) return { submissions: [...views.values()].slice(0, listCap) } as T;
      return views.get(path.split('/').pop()!) as T;
    },
  };
}

describe('checking what the service made of the burst', () => {
  const burst = (ids: (string | null)[]): Submitted[] =>
    ids.map((id, index) => ({ index, case: cases[index % 2]!, submittedAt: 0, id, rejected: id ? null : 'answered 429' }));

  it('counts each submission graded once with its exact score, and latency from upload to finishedAt', async () => {
    const views = new Map([view('a'), view('b', { score: 0 })].map((v) => [v.id, v]));
    const figures = await collectServiceResults(fakeApi(views), 'token', burst(['a', 'b']), 300, 2);
    expect(figures).toMatchObject({ graded: 2, scoredAsExpected: 2, lost: [], duplicated: [], wrongScores: [], latenciesMs: [5_000, 5_000], spanMs: 5_000, acceptMs: 300 });
    expect(figures.runMsByKind.get('correct')).toBe(4_000);
  });

  it('names the lost, the graded twice and the wrongly scored', async () => {
    const views = new Map(
      [view('a', { attempts: 2 }), view('b', { score: 100 }), view('c', { status: 'error', finishedAt: null, error: 'Docker is down' })].map((v) => [v.id, v]),
    );
    const figures = await collectServiceResults(fakeApi(views), 'token', burst(['a', 'b', 'c', null]), 0, 4);
    expect(figures.graded).toBe(2);
    expect(figures.lost).toEqual(['#3 (wrong) not accepted: answered 429', 'c (correct, #2) ended error: Docker is down']);
    expect(figures.duplicated).toEqual(['a (correct, #0) graded 2 times', 'the database holds 4 submissions for 3 accepted']);
    expect(figures.wrongScores).toEqual(['b (wrong, #1) scored 100/100, expected 0/100']);
  });
});

describe('polling', () => {
  it('reads the list and looks up by id what the list leaves out', async () => {
    const views = new Map(Array.from({ length: 5 }, (_, i) => view(`s${i}`)).map((v) => [v.id, v]));
    const api = fakeApi(views, 3);
    const latest = await pollUntilFinished(api, [...views.keys()], { teacherToken: 't', intervalMs: 1, deadline: Date.now() + 5_000, signal: new AbortController().signal, report: () => {} });
    expect([...latest.keys()].sort()).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(api.calls).toEqual(['/api/submissions?assignment=echo-tcp-server', '/api/submissions/s3', '/api/submissions/s4']);
  });
});
