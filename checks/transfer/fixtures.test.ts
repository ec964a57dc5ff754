/**
 * The transfer fixture submissions, graded on this machine: real `python3` child
 * processes behind the fake grader, the peer's whole path minus Docker. Checks that
 * `test/fixtures/submissions/expected-transfer.json` says what our suites really give,
 * feedback substrings included.
 *
 * Each case runs in a fresh copy of its folder, as in the sandbox: a file server stores
 * uploads in its working directory, and those must not land in the repository.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

describeExpectedFixtures({ describe, it, expect, beforeAll }, { title: 'transfer fixture submissions graded on this machine', expectedFile: 'expected-transfer.json', timeoutMs: 120_000, freshCopy: true });
