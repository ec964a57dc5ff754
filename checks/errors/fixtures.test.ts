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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';
import { hasPython } from '../testing/has-python.js';
import { LocalStudentHost } from '../testing/local-student-host.js';
import { runFakePeer } from '../testing/run-fake-peer.js';
import type { AssignmentDefinition } from '../types.js';
import { echoTcpClientErrors } from './assignments.js';

describeExpectedFixtures(
  { describe, it, expect, beforeAll },
  { title: 'error-handling fixture submissions graded on this machine', expectedFile: 'expected-errors.json', seeds: () => ['fixture-seed'], concurrent: true },
);

describe.skipIf(!hasPython()).concurrent('error-handling UDP clients graded on this machine', () => {
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
  // it.for, not it.each: a concurrent test must clean up through its own context.
  it.for([
    ['connected', true, 'Connection refused'],
    ['unconnected', false, 'Zeitüberschreitung'],
  ] as const)('a %s UDP client with a timeout passes the UDP suite', { timeout: 30_000 }, async ([, connected, noServerWords], { onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'sockgrade-errors-udp-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'client.py'), UDP_CLIENT(connected));
    const host = new LocalStudentHost({ dir, entry: udpAssignment.entry, outputBytes: udpAssignment.resources.outputBytes });
    onTestFinished(() => host.killAll());
    const result = await runFakePeer(udpAssignment, host.start, { seed: 'fixture-seed' });
    const statuses = Object.fromEntries(result.grader.results().map((r) => [r.testId, r.status]));
    expect(statuses).toEqual({ 'works-normally': 'passed', 'no-server': 'passed', 'silent-server': 'passed' });
    expect(result.feedback['no-server']).toContain(noServerWords);
  });
});
