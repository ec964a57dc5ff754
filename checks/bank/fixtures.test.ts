/**
 * The bank fixture submissions (`test/fixtures/submissions/bank-*`), graded on this
 * machine: real `python3` child processes behind the fake grader, the peer's whole path
 * minus Docker. Checks that `expected-bank.json` says what our suites really give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

describeExpectedFixtures({ describe, it, expect, beforeAll }, { title: 'bank fixture submissions graded on this machine', expectedFile: 'expected-bank.json' });
