/**
 * The smtp fixture submissions (`test/fixtures/submissions/smtp-client/*`), graded on
 * this machine: real `python3` child processes behind the fake grader, the peer's whole
 * path minus Docker. Checks that `expected-smtp.json` says what our suite really gives.
 * A `hardcoded-*` case names a host like `mail.hsg-kl.de`: in the pod every name resolves to
 * the peer; here the loopback resolver wrapper stands in for that.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

describeExpectedFixtures(
  { describe, it, expect, beforeAll },
  {
    title: 'smtp fixture submissions graded on this machine',
    expectedFile: 'expected-smtp.json',
    resolvesNames: (caseName) => caseName.startsWith('hardcoded'),
  },
);
