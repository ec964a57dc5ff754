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
  return [
    ...containers.filter((c) => ours(c.Labels)).map((c) => `container ${c.Names.join(',')}`),
    ...(volumes ?? []).filter((v) => ours(v.Labels)).map((v) => `volume ${v.Name}`),
  ];
}
