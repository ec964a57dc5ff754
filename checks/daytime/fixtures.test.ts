/**
 * The daytime fixture submissions, graded on this machine: real `python3` child processes
 * behind the fake grader, the peer's whole path minus Docker (as `checks/echo/fixtures.test.ts`
 * does for echo). Checks that `expected-daytime.json` says what our suites really give.
 *
 * The `course` servers bind port 13 like the slides. Here that needs root, a free port 13
 * (also no connection of a run in the last minute left in TIME_WAIT: the server closes
 * first, and Python binds without SO_REUSEADDR) and a UTC clock (they print `time.ctime()`
 * without a zone), so they run only then and are skipped otherwise; in the sandbox pod all
 * of this always holds, and the Docker integration test grades them there.
 * Slow cases (sitting out real reply timeouts) run only with SOCKGRADE_SLOW_FIXTURES=1.
 */
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAssignment } from '../index.js';
import { LocalStudentHost } from '../testing/local-student-host.js';
import { runFakePeer } from '../testing/run-fake-peer.js';

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const expected = JSON.parse(readFileSync(`${root}expected-daytime.json`, 'utf8')) as Record<string, { score: number; maxScore: number; statuses: Record<string, string>; feedback?: Record<string, string[]> }>;

const PORT_13 = new Set(['daytime-udp-server/course', 'daytime-tcp-server/course']);
const SLOW = new Set(['daytime-udp-server/skips-empty', 'daytime-tcp-server/waits-for-input', 'daytime-udp-client/hardcoded-port']);
const slowEnabled = process.env.SOCKGRADE_SLOW_FIXTURES === '1';
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** Can we bind TCP and UDP port 13 right now, and is the local clock UTC? */
async function port13Usable(): Promise<boolean> {
  if (new Date().getTimezoneOffset() !== 0) return false;
  const tcp = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(13, '0.0.0.0', () => server.close(() => resolve(true)));
  });
  const udp = await new Promise<boolean>((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(13, '0.0.0.0', () => socket.close(() => resolve(true)));
  });
  return tcp && udp;
}

let port13 = false;
beforeAll(async () => {
  port13 = await port13Usable();
});

const hosts: LocalStudentHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.killAll();
});

describe.skipIf(!hasPython)('daytime fixture submissions graded on this machine', () => {
  for (const [key, want] of Object.entries(expected)) {
    const [assignmentId = '', caseName = ''] = key.split('/');
    it.skipIf(SLOW.has(key) && !slowEnabled)(`${key}: ${want.score}/${want.maxScore}`, { timeout: 90_000 }, async (test) => {
      if (PORT_13.has(key) && !port13) return test.skip();
      const assignment = getAssignment(assignmentId);
      if (!assignment) throw new Error(`no assignment ${assignmentId}`);
      const dir = `${root}${assignmentId}/${caseName}`;
      expect(existsSync(dir)).toBe(true);
      const host = new LocalStudentHost({ dir, entry: assignment.entry, outputBytes: assignment.resources.outputBytes });
      hosts.push(host);
      const result = await runFakePeer(assignment, host.start, { discovery: { inodes: host.inodes } });
      const statuses = Object.fromEntries(result.grader.results().map((r) => [r.testId, r.status]));
      expect({ score: result.score.score, maxScore: result.score.maxScore, statuses }).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
      for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
        for (const needle of needles) expect(result.feedback[testId] ?? '').toContain(needle);
      }
    });
  }
});
