/**
 * The abp fixture submissions, graded on this machine: real `python3` child processes
 * behind the fake grader, the peer's whole path minus Docker. Checks that
 * `test/fixtures/submissions/expected-abp.json` says what our suites really give.
 *
 * The channel's schedule comes from the run's seed, and the Docker integration test uses
 * a random one; the expected scores must not depend on it. Each case runs with a fixed
 * seed here; `SOCKGRADE_ABP_SEEDS=5` adds five random seeds per case, to show that.
 * The cases run concurrently: each is a few seconds of real timeouts.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPeer } from '../peer/run-peer.js';
import { scoreResults } from '../score.js';
import { FakeGrader } from '../testing/fake-grader.js';
import { LocalStudentHost } from '../testing/local-student-host.js';
import { abpReceiver, abpSender } from './assignments.js';
import { abpReceiverSuite } from './receiver-checks.js';
import { abpSenderSuite } from './sender-checks.js';

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const expected = JSON.parse(readFileSync(`${root}expected-abp.json`, 'utf8')) as Record<string, { score: number; maxScore: number; statuses: Record<string, string>; feedback?: Record<string, string[]> }>;
const assignments = { 'abp-sender': abpSender, 'abp-receiver': abpReceiver } as const;
const suites = { 'abp-sender': abpSenderSuite, 'abp-receiver': abpReceiverSuite };
const extraSeeds = Number(process.env.SOCKGRADE_ABP_SEEDS ?? '0') || 0;
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const hosts: LocalStudentHost[] = [];
afterAll(() => {
  for (const host of hosts.splice(0)) host.killAll();
});

async function grade(assignmentId: keyof typeof assignments, caseName: string, seed: string) {
  const assignment = structuredClone(assignments[assignmentId]);
  const host = new LocalStudentHost({ dir: `${root}${assignmentId}/${caseName}`, entry: assignment.entry, outputBytes: assignment.resources.outputBytes });
  hosts.push(host);
  const grader = new FakeGrader(host.start);
  try {
    await runPeer({ assignment, seed, podHostname: 'sandbox' }, { transport: grader, suites });
  } finally {
    grader.stopAll();
  }
  const results = grader.results();
  return {
    score: scoreResults(assignment, results),
    statuses: Object.fromEntries(results.map((r) => [r.testId, r.status])),
    feedback: Object.fromEntries(results.map((r) => [r.testId, r.feedback])),
  };
}

describe.skipIf(!hasPython).concurrent('abp fixture submissions graded on this machine', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId = '', caseName = ''] = key.split('/');
    const seeds = ['fixture-seed', ...Array.from({ length: extraSeeds }, () => randomBytes(8).toString('hex'))];
    it(`${key}: ${want.score}/${want.maxScore}`, { timeout: 60_000 + extraSeeds * 30_000 }, async () => {
      expect(existsSync(`${root}${key}`)).toBe(true);
      for (const seed of seeds) {
        const result = await grade(assignmentId as keyof typeof assignments, caseName, seed);
        expect({ seed, score: result.score.score, maxScore: result.score.maxScore, statuses: result.statuses }).toEqual({ seed, score: want.score, maxScore: want.maxScore, statuses: want.statuses });
        for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
          for (const needle of needles) expect(result.feedback[testId] ?? '').toContain(needle);
        }
      }
    });
  }
});
