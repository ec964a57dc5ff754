/**
 * Issue #13 item 3: which socket we grade when a server listens on several. The same
 * submission graded five times in a row in real Docker gets the same score every time,
 * and the feedback names the socket graded and lists the others.
 */
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerForTests, gradeFixture, sockgradeLeftovers } from './harness.js';

let docker: Dockerode;
beforeAll(async () => {
  docker = await dockerForTests();
});
afterAll(async () => {
  expect(await sockgradeLeftovers(docker)).toEqual([]);
});

const CASES: Array<{ assignment: string; caseName: string; sockets: RegExp; graded: RegExp }> = [
  {
    assignment: 'echo-tcp-server',
    caseName: 'decoy-listeners',
    sockets: /Your server has 3 listening TCP sockets: 0\.0\.0\.0 port 2000, 0\.0\.0\.0 port 2001, 0\.0\.0\.0 port \d+\./,
    graded: /We graded 0\.0\.0\.0 port (\d+): the first in our order .* that sent our probe back unchanged\./,
  },
  {
    assignment: 'echo-tcp-server',
    caseName: 'binds-port-53',
    sockets: /Your server has 2 listening TCP sockets: [\d.]+ port \d+, 127\.0\.0\.1 port 53\./,
    graded: /We graded [\d.]+ port (\d+): the first in our order .* that sent our probe back unchanged\./,
  },
  {
    // Another family's probe: a silent and an echoing decoy before the digit-sum server.
    assignment: 'digitsum-tcp-server',
    caseName: 'decoy-listeners',
    sockets: /Your server has 3 listening TCP sockets: 0\.0\.0\.0 port 2000, 0\.0\.0\.0 port 2001, 0\.0\.0\.0 port \d+\./,
    graded: /We graded 0\.0\.0\.0 port (\d+): the first in our order .* that answered `123` with its digit sum 6\./,
  },
];

describe('a server with several listening sockets, graded five times in real Docker', () => {
  for (const { assignment, caseName, sockets, graded } of CASES) {
    it(`${assignment}/${caseName} scores 100 five times in a row`, { timeout: 600_000 }, async () => {
      const scores: number[] = [];
      for (let round = 0; round < 5; round += 1) {
        const report = await gradeFixture(docker, assignment, caseName);
        scores.push(report.score);
        for (const test of report.tests) {
          expect(test.feedback).toMatch(sockets);
          const port = graded.exec(test.feedback)?.[1];
          expect(Number(port)).toBeGreaterThanOrEqual(1024);
          expect([2000, 2001]).not.toContain(Number(port));
        }
      }
      expect(scores).toEqual([100, 100, 100, 100, 100]);
      expect(await sockgradeLeftovers(docker)).toEqual([]);
    });
  }
});
