/**
 * The error-handling fixture submissions, graded on this machine: real `python3` child
 * processes behind the fake grader, the peer's whole path minus Docker. Checks that
 * `test/fixtures/submissions/expected-errors.json` says what the suite really gives.
 * The cases run concurrently: two of them sit out the 5 s kill timeout.
 *
 * Also two UDP clients (written to a temporary folder: no UDP assignment ships yet), to
 * see the real kernel's behaviour when nobody listens: a connected UDP socket hears of it
 * (`ConnectionRefusedError`), an unconnected one does not and needs its timeout.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPeer } from '../peer/run-peer.js';
import { scoreResults } from '../score.js';
import { FakeGrader } from '../testing/fake-grader.js';
import { LocalStudentHost } from '../testing/local-student-host.js';
import type { AssignmentDefinition } from '../types.js';
import { echoTcpClientErrors } from './assignments.js';
import { errorHandlingTcpClientSuite, errorHandlingUdpClientSuite } from './error-handling-checks.js';

const root = fileURLToPath(new URL('../../test/fixtures/submissions/', import.meta.url));
const expected = JSON.parse(readFileSync(`${root}expected-errors.json`, 'utf8')) as Record<string, { score: number; maxScore: number; statuses: Record<string, string>; feedback?: Record<string, string[]> }>;
const suites = { [errorHandlingTcpClientSuite.id]: errorHandlingTcpClientSuite, [errorHandlingUdpClientSuite.id]: errorHandlingUdpClientSuite };
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const hosts: LocalStudentHost[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const host of hosts.splice(0)) host.killAll();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function grade(assignment: AssignmentDefinition, dir: string) {
  const host = new LocalStudentHost({ dir, entry: assignment.entry, outputBytes: assignment.resources.outputBytes });
  hosts.push(host);
  const grader = new FakeGrader(host.start);
  try {
    await runPeer({ assignment: structuredClone(assignment), seed: 'fixture-seed', podHostname: 'sandbox' }, { transport: grader, suites });
  } finally {
    grader.stopAll();
  }
  const results = grader.results();
  return {
    score: scoreResults(assignment, results),
    statuses: Object.fromEntries(results.map((r) => [r.testId, r.status])),
    feedback: Object.fromEntries(results.map((r) => [r.testId, r.feedback])),
  };
}

describe.skipIf(!hasPython).concurrent('error-handling fixture submissions graded on this machine', () => {
  for (const [key, want] of Object.entries(expected)) {
    const caseName = key.split('/')[1] ?? '';
    it(`${key}: ${want.score}/${want.maxScore}`, { timeout: 60_000 }, async () => {
      const result = await grade(echoTcpClientErrors, `${root}echo-tcp-client-errors/${caseName}`);
      expect({ score: result.score.score, maxScore: result.score.maxScore, statuses: result.statuses }).toEqual({ score: want.score, maxScore: want.maxScore, statuses: want.statuses });
      for (const [testId, needles] of Object.entries(want.feedback ?? {})) {
        for (const needle of needles) expect(result.feedback[testId] ?? '').toContain(needle);
      }
    });
  }

  const udpAssignment: AssignmentDefinition = {
    ...structuredClone(echoTcpClientErrors),
    id: 'echo-udp-client-errors',
    transport: 'udp',
    suite: 'error-handling-udp-client',
    tests: echoTcpClientErrors.tests.filter((t) => t.id !== 'closing-server'),
  };
  const UDP_CLIENT = (connected: boolean) => `import socket, sys
addr = (sys.argv[1], int(sys.argv[2]))
text = input()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1)
try:
    ${connected ? 's.connect(addr)\n    s.send(text.encode("utf-8"))\n    daten = s.recv(1024)' : 's.sendto(text.encode("utf-8"), addr)\n    daten, _ = s.recvfrom(1024)'}
except socket.timeout:
    print("Fehler: keine Antwort vom Server (Zeitüberschreitung)")
    sys.exit(1)
except socket.error as err:
    print("Fehlernummer: %s, Fehlerbeschreibung: %s" % (err.errno, err.strerror))
    sys.exit(1)
print(daten.decode("utf-8"))
`;
  it.each([
    ['connected', true, 'Connection refused'],
    ['unconnected', false, 'Zeitüberschreitung'],
  ])('a %s UDP client with a timeout passes the UDP suite', { timeout: 30_000 }, async (_name, connected, noServerWords) => {
    const dir = mkdtempSync(join(tmpdir(), 'sockgrade-errors-udp-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'client.py'), UDP_CLIENT(connected));
    const result = await grade(udpAssignment, dir);
    expect(result.statuses).toEqual({ 'works-normally': 'passed', 'no-server': 'passed', 'silent-server': 'passed' });
    expect(result.feedback['no-server']).toContain(noServerWords);
  });
});
