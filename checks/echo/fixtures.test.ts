/**
 * The Python fixture submissions, graded on this machine: real `python3` child processes
 * behind the fake grader, the peer's whole path minus Docker. Checks that
 * `test/fixtures/submissions/expected.json` says what our suites really give.
 * Cases that only make sense in the sandbox (fork bomb, memory bomb) never run here;
 * slow ones (waiting out real timeouts) only with SOCKGRADE_SLOW_FIXTURES=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../index.js';
import { LocalStudentHost } from '../testing/local-student-host.js';
import { runFakePeer } from '../testing/run-fake-peer.js';

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const expected = JSON.parse(readFileSync(`${root}expected.json`, 'utf8')) as Record<string, { score: number; maxScore: number; statuses: Record<string, string> }>;

const SANDBOX_ONLY = new Set(['echo-tcp-server/fork-bomb', 'echo-tcp-server/memory-bomb']);
const SLOW = new Set(['echo-tcp-server/never-answers', 'echo-tcp-server/never-listens', 'echo-tcp-server/stdout-flood', 'echo-tcp-client/hangs', 'echo-udp-client/hangs']);
const slowEnabled = process.env.SOCKGRADE_SLOW_FIXTURES === '1';
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const hosts: LocalStudentHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.killAll();
});

describe.skipIf(!hasPython)('fixture submissions graded on this machine', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId = '', caseName = ''] = key.split('/');
    const skip = SANDBOX_ONLY.has(key) || (SLOW.has(key) && !slowEnabled);
    it.skipIf(skip)(`${key}: ${want.score}/${want.maxScore}`, { timeout: 60_000 }, async () => {
      const assignment = getAssignment(assignmentId);
      if (!assignment) throw new Error(`no assignment ${assignmentId}`);
      const dir = `${root}${assignmentId}/${caseName}`;
      expect(existsSync(dir)).toBe(true);
      const host = new LocalStudentHost({ dir, entry: assignment.entry, outputBytes: assignment.resources.outputBytes });
      hosts.push(host);
      const result = await runFakePeer(assignment, host.start, { discovery: { inodes: host.inodes } });
      const statuses = Object.fromEntries(result.grader.results().map((r) => [r.testId, r.status]));
      expect({ score: result.score.score, maxScore: result.score.maxScore, statuses }).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
    });
  }
});
