/**
 * Issue #14's proof that the script language is complete enough: three built-ins written
 * as scripts (`web/assignments/examples/as-scripts/`) give exactly the built-ins' results
 * (score, every test's status) on all their fixtures, graded on this machine like
 * the families' fixtures.test.ts (real python3, the peer's whole path minus Docker). The
 * sandbox-only and slow cases run in real Docker in test/integration/scripted-builtins.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../../../checks/testing/expected-fixtures.js';
import type { AssignmentDefinition } from '../../../checks/types.js';
import { loadAssignmentFiles } from '../load-assignment-files.js';

const dir = fileURLToPath(new URL('../examples/as-scripts/', import.meta.url));
let loaded: Promise<Map<string, AssignmentDefinition>> | null = null;

/** `echo-tcp-server` → the definition of `scripted-echo-tcp-server`. */
function scriptedVersionOf(assignmentId: string): Promise<AssignmentDefinition | undefined> {
  loaded ??= loadAssignmentFiles(dir).then((files) => new Map(files.map((file) => [file.definition.id, file.definition])));
  return loaded.then((byId) => byId.get(`scripted-${assignmentId}`));
}

const vitest = { describe, it, expect, beforeAll };
const sandboxOnly = ['echo-tcp-server/fork-bomb', 'echo-tcp-server/memory-bomb', 'echo-tcp-server/thread-limit', 'echo-tcp-server/wrong-case'];
const slow = ['echo-tcp-server/never-answers', 'echo-tcp-server/never-listens', 'echo-tcp-server/stdout-flood', 'echo-tcp-server/floods', 'digitsum-tcp-server/floods'];

describeExpectedFixtures(vitest, {
  title: 'echo servers as scripts: the built-ins\' results on their fixtures',
  expectedFile: 'expected.json',
  assignments: ['echo-tcp-server', 'echo-udp-server'],
  assignment: scriptedVersionOf,
  sandboxOnly,
  slow,
  // Feedback differs in words (a generic script, not the echo check); scores and statuses may not.
  ignoreFeedback: true,
  concurrent: true,
});

describeExpectedFixtures(vitest, {
  title: 'digit sum as a script: the built-in\'s results on its fixtures',
  expectedFile: 'expected-counting.json',
  assignments: ['digitsum-tcp-server'],
  assignment: scriptedVersionOf,
  slow,
  ignoreFeedback: true,
});
