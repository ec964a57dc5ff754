import type Dockerode from 'dockerode';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAssignment } from '../../checks/index.js';
import { runtimeForFiles } from '../../checks/runtimes.js';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { GradingReport } from '../../grader/report.js';
import { gradeSubmission } from '../../grader/run-submission.js';
import { connectDocker } from '../../grader/sandbox/docker-connection.js';
import { LABELS, currentOwner } from '../../grader/sandbox/labels.js';
import { requireRunImages } from '../../grader/sandbox/run-images.js';
import { readSubmissionDir } from '../../grader/submission-files.js';
import { PrivateRedis } from '../../web/redis/private-redis.js';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = resolve(repoDir, 'dist');
export const fixturesDir = resolve(repoDir, 'test/fixtures/submissions');

/** The engine and the images, as `npm test`'s pretest left them. */
export async function dockerForTests(): Promise<Dockerode> {
  return connectDocker({ timeoutMs: 10_000 });
}

export async function gradeFixture(docker: Dockerode, assignmentId: string, caseName: string): Promise<GradingReport> {
  const assignment = getAssignment(assignmentId);
  if (!assignment) throw new Error(`unknown assignment ${assignmentId}`);
  return gradeDir(docker, assignment, resolve(fixturesDir, assignmentId, caseName));
}

/** Grades a submission folder as the worker does: the language chosen by the entry file handed in (issue #14). */
export async function gradeDir(docker: Dockerode, assignment: AssignmentDefinition, dir: string): Promise<GradingReport> {
  const files = await readSubmissionDir(dir);
  const chosen = 'problem' in files ? assignment : runtimeForFiles(assignment, files.keys());
  const images = await requireRunImages(docker, distDir, chosen.runtime.image);
  return gradeSubmission({ docker, assignment: chosen, files, images });
}

/**
 * The containers and volumes a sockgrade process made and left: by default this test
 * process's own (other sockgrade processes on a developer's machine are not ours to judge).
 */
export async function sockgradeLeftovers(docker: Dockerode, owner: string = currentOwner()): Promise<string[]> {
  const filters = { label: [`${LABELS.managed}=true`, `${LABELS.owner}=${owner}`] };
  const containers = await docker.listContainers({ all: true, filters });
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  return [...containers.map((c) => `container ${c.Names.join(',')}`), ...(volumes ?? []).map((v) => `volume ${v.Name}`)];
}

/** A Redis for a test file: the one `.ci/run` started (`SOCKGRADE_TEST_REDIS_URL`), else a private `redis-server` of its own. */
export async function testRedis(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const shared = process.env.SOCKGRADE_TEST_REDIS_URL;
  // Every test uses its own queue name, so files sharing one Redis never see each other's jobs.
  if (shared) return { url: shared, stop: async () => {} };
  const redis = await PrivateRedis.start({ dir });
  return { url: redis.url, stop: () => redis.stop() };
}
