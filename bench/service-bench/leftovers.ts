import type Dockerode from 'dockerode';
import { hostname } from 'node:os';
import { LABELS, currentOwner } from '../../grader/sandbox/labels.js';

/**
 * Containers and volumes that this bench's own processes (itself, with the service's
 * worker, and each `sockgrade grade` child) created and left: others on the machine are
 * not ours to judge. The same labels `test/integration/harness.ts` checks.
 */
export async function benchLeftovers(docker: Dockerode, childPids: (number | undefined)[]): Promise<string[]> {
  const owners = new Set([currentOwner(), ...childPids.filter((pid) => pid !== undefined).map((pid) => `${hostname()}/${pid}`)]);
  const filters = { label: [`${LABELS.managed}=true`] };
  const containers = await docker.listContainers({ all: true, filters });
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  const ours = (labels: Record<string, string> | null | undefined) => owners.has(labels?.[LABELS.owner] ?? '');
  // The pod the last `sockgrade grade` kept for the next one is meant to stay (README,
  // `grader/sandbox/kept-pods.ts`): not left behind, but the bench removes it rather than
  // leave it running for minutes.
  const kept = containers.filter((c) => ours(c.Labels) && LABELS.keep in c.Labels && c.State === 'running' && c.Names.some((name) => /-kept-\d+$/.test(name)));
  await Promise.all(kept.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})));
  return [
    ...containers.filter((c) => ours(c.Labels) && !kept.includes(c)).map((c) => `container ${c.Names.join(',')}`),
    ...(volumes ?? []).filter((v) => ours(v.Labels)).map((v) => `volume ${v.Name}`),
  ];
}
