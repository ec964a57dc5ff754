import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAssignment } from '../../checks/index.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { readSubmissionDir } from '../../grader/submission-files.js';
import { distDir, dockerForTests, repoDir, sockgradeLeftovers } from './harness.js';

const docker = await dockerForTests();
const images = await requireRunImages(docker, distDir, 'python');

async function gradeHardcodedClient(answerAllDnsNames: boolean) {
  const assignment = { ...getAssignment('echo-tcp-client')!, answerAllDnsNames };
  const files = await readSubmissionDir(resolve(repoDir, 'test/fixtures/dns/hardcoded-host-client'));
  return gradeSubmission({ docker, assignment, files, images });
}

describe('names inside the pod', () => {
  it('a client with a hard-coded host name reaches the reference server when the pod answers every name', async () => {
    const report = await gradeHardcodedClient(true);
    expect({ score: report.score, statuses: report.tests.map((t) => t.status) }).toEqual({
      score: 100,
      statuses: ['passed', 'passed', 'passed', 'passed'],
    });
  });

  it('without the responder the same lookup fails at once and the client scores nothing', async () => {
    const started = Date.now();
    const report = await gradeHardcodedClient(false);
    expect(report.score).toBe(0);
    expect(report.logs.stderr).toContain('socket.gaierror');
    // A lookup with nothing on 127.0.0.1:53 is refused, not left to time out.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await sockgradeLeftovers(docker)).toEqual([]);
  });
});
