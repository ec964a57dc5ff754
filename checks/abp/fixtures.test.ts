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
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

const extraSeeds = Number(process.env.SOCKGRADE_ABP_SEEDS ?? '0') || 0;

describeExpectedFixtures(
  { describe, it, expect, beforeAll },
  {
    title: 'abp fixture submissions graded on this machine',
    expectedFile: 'expected-abp.json',
    timeoutMs: 60_000 + extraSeeds * 30_000,
    seeds: () => ['fixture-seed', ...Array.from({ length: extraSeeds }, () => randomBytes(8).toString('hex'))],
    concurrent: true,
  },
);
