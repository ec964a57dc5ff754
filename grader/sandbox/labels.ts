import { hostname } from 'node:os';

/**
 * Every container and volume of a grading run carries these labels, so the reaper can
 * find what a crashed process left behind and a re-delivered job can sweep its own run.
 */
export const LABELS = {
  managed: 'sockgrade.managed',
  run: 'sockgrade.run',
  role: 'sockgrade.role',
  owner: 'sockgrade.owner',
  /**
   * On a peer that may be kept between `sockgrade grade` runs (`kept-pods.ts`): the
   * names its hosts file maps to the loopback, sorted and comma-separated ('' for none).
   * Such a peer retires itself; the reaper leaves it alone while it runs.
   */
  keep: 'sockgrade.keep',
} as const;

/**
 * `holder` only on pods of sockgrade before issue #11 (the reaper still sweeps them);
 * `build` runs a compiler (issue #14); `loader` carries a run's files into its volume.
 */
export type PodRole = 'holder' | 'peer' | 'student' | 'build' | 'loader';

/** `<hostname>/<pid>`: which process on which Docker client host created the object. */
export function currentOwner(): string {
  return `${hostname()}/${process.pid}`;
}

export function podLabels(runId: string, role: PodRole | 'volume'): Record<string, string> {
  return {
    [LABELS.managed]: 'true',
    [LABELS.run]: runId,
    [LABELS.role]: role,
    [LABELS.owner]: currentOwner(),
  };
}
