/**
 * The Python fixture submissions, graded on this machine: real `python3` child processes
 * behind the fake grader, the peer's whole path minus Docker. Checks that
 * `test/fixtures/submissions/expected.json` says what our suites really give.
 * Cases that only make sense in the sandbox (fork bomb, memory bomb) never run here;
 * slow ones (waiting out real timeouts) only with SOCKGRADE_SLOW_FIXTURES=1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

describeExpectedFixtures({ describe, it, expect, beforeAll }, {
  title: 'fixture submissions graded on this machine',
  expectedFile: 'expected.json',
  sandboxOnly: ['echo-tcp-server/fork-bomb', 'echo-tcp-server/memory-bomb', 'echo-tcp-server/thread-limit', 'echo-tcp-server/wrong-case'],
  slow: ['echo-tcp-server/never-answers', 'echo-tcp-server/never-listens', 'echo-tcp-server/stdout-flood', 'echo-tcp-client/hangs', 'echo-udp-client/hangs'],
});

// Issue #13's output fixtures: scores and the peer's own feedback; what the grader adds
// (output per test, the "printed while we waited" note) is checked in real Docker only.
describeExpectedFixtures({ describe, it, expect, beforeAll }, {
  title: 'output fixture submissions graded on this machine',
  expectedFile: 'expected-output.json',
});
