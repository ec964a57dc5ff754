import type Dockerode from 'dockerode';
import { hostname } from 'node:os';
import { isDockerGone } from '../errors.js';
import { LABELS } from './labels.js';

/** True when the process `pid` still runs on this host. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the containers and volumes that a dead grader process on this host left
 * behind (killed with SIGKILL, machine crash). Objects of live processes, and of other
 * hosts sharing the engine, are left alone: their owners clean up after themselves. So
 * are running keepable peers (`kept-pods.ts`): whoever made one, a later process may be
 * using it now, and each ends by itself (Docker then removes it).
 */
export async function reapOrphans(
  docker: Dockerode,
  opts: { log?: (line: string) => void; isAlive?: (pid: number) => boolean; signal?: AbortSignal } = {},
): Promise<number> {
  const isAlive = opts.isAlive ?? isProcessAlive;
  const orphaned = (labels: Record<string, string> | undefined): boolean => {
    const [host, pid] = (labels?.[LABELS.owner] ?? '').split('/');
    return host === hostname() && Number(pid) !== process.pid && !isAlive(Number(pid));
  };
  const containers = await docker.listContainers({ all: true, filters: { label: [`${LABELS.managed}=true`] } });
  const doomed = containers.filter((info) => orphaned(info.Labels) && !(LABELS.keep in (info.Labels ?? {}) && info.State === 'running'));
  await Promise.all(
    doomed.map(async (info) => {
      opts.log?.(`reaping ${info.Id.slice(0, 12)} left by ${info.Labels[LABELS.owner]}`);
      try {
        await docker.getContainer(info.Id).remove({ force: true, v: true });
      } catch (error) {
        if (!isDockerGone(error)) throw error;
      }
    }),
  );
  const { Volumes: volumes } = await docker.listVolumes({ filters: { label: [`${LABELS.managed}=true`] } });
  const doomedVolumes = (volumes ?? []).filter((volume) => orphaned(volume.Labels));
  await Promise.all(doomedVolumes.map((volume) => docker.getVolume(volume.Name).remove().catch(() => {})));
  return doomed.length + doomedVolumes.length;
}
