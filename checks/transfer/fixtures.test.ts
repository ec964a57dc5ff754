/**
 * The transfer fixture submissions, graded on this machine: real `python3` child
 * processes behind the fake grader, the peer's whole path minus Docker. Checks that
 * `test/fixtures/submissions/expected-transfer.json` says what our suites really give,
 * feedback substrings included.
 *
 * Each case runs in a fresh copy of its folder, as in the sandbox (the launcher copies
 * the submission into a tmpfs): a file server stores uploads in its working directory,
 * and those must not land in the repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
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
const expected = JSON.parse(readFileSync(`${root}expected-transfer.json`, 'utf8')) as Record<string, Expected>;

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const hosts: LocalStudentHost[] = [];
const workDirs: string[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.killAll();
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasPython)('transfer fixture submissions graded on this machine', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId = '', caseName = ''] = key.split('/');
    it(`${key}: ${want.score}/${want.maxScore}`, { timeout: 120_000 }, async () => {
      const assignment = getAssignment(assignmentId);
      if (!assignment) throw new Error(`no assignment ${assignmentId}`);
      const source = `${root}${assignmentId}/${caseName}`;
      expect(existsSync(source)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), `sockgrade-${assignmentId}-`));
      workDirs.push(dir);
      cpSync(source, dir, { recursive: true });
      const host = new LocalStudentHost({ dir, entry: assignment.entry, outputBytes: assignment.resources.outputBytes });
      hosts.push(host);
      const result = await runFakePeer(assignment, host.start, { discovery: { inodes: host.inodes } });
      const reports = result.grader.results();
      if (process.env.SOCKGRADE_SHOW_FEEDBACK === '1') {
        for (const r of reports) console.log(`--- ${key} ${r.testId}: ${r.status} (${r.durationMs} ms)\n${r.feedback}\n`);
      }
      const statuses = Object.fromEntries(reports.map((r) => [r.testId, r.status]));
      expect({ score: result.score.score, maxScore: result.score.maxScore, statuses }).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
      for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
        const feedback = reports.find((r) => r.testId === testId)?.feedback ?? '';
        for (const needle of needles) expect(feedback).toContain(needle);
      }
    });
  }
});
