/**
 * The http fixture submissions (`test/fixtures/submissions/http-client/*`), graded on
 * this machine: real `python3` child processes behind the fake grader, the peer's whole
 * path minus Docker. Checks that `expected-http.json` says what our suite really gives.
 * A `hardcoded-*` case names a host like `www.hsg-kl.de`: in the pod every name
 * resolves to the peer; here a small wrapper makes Python resolve every name to
 * 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAssignment } from '../index.js';
import { LocalStudentHost } from '../testing/local-student-host.js';
import { runFakePeer } from '../testing/run-fake-peer.js';

interface Expected {
  score: number;
  maxScore: number;
  statuses: Record<string, string>;
  feedback?: Record<string, string[]>;
}

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const loopbackNames = fileURLToPath(new URL('../testing/resolve-to-loopback.py', import.meta.url));
const expected = JSON.parse(readFileSync(`${root}expected-http.json`, 'utf8')) as Record<string, Expected>;
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPython)('http fixture submissions graded on this machine', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId = '', caseName = ''] = key.split('/');
    it.concurrent(`${key}: ${want.score}/${want.maxScore}`, { timeout: 60_000 }, async () => {
      const assignment = getAssignment(assignmentId);
      if (!assignment) throw new Error(`no assignment ${assignmentId}`);
      const dir = `${root}${assignmentId}/${caseName}`;
      expect(existsSync(dir)).toBe(true);
      const command = caseName.startsWith('hardcoded') ? ['python3', loopbackNames, '{entry}'] : ['python3', '{entry}'];
      const host = new LocalStudentHost({ dir, entry: assignment.entry, command, outputBytes: assignment.resources.outputBytes });
      // Concurrent cases: each kills only its own children.
      const result = await runFakePeer(assignment, host.start, { discovery: { inodes: host.inodes } }).finally(() => host.killAll());
      const statuses = Object.fromEntries(result.grader.results().map((r) => [r.testId, r.status]));
      if (process.env.DUMP) console.log(key, JSON.stringify({ score: result.score, statuses }), '\n', Object.entries(result.feedback).map(([k, v]) => `### ${k}\n${v}`).join('\n\n'));
      expect({ score: result.score.score, maxScore: result.score.maxScore, statuses }).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
      for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
        for (const needle of needles) expect(result.feedback[testId] ?? '').toContain(needle);
      }
    });
  }
});
