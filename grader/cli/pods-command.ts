import type { ContainerClient } from '../sandbox/container-client.js';
import { listKeptPods, removeKeptPods } from '../sandbox/kept-pods.js';
import { LABELS } from '../sandbox/labels.js';
import type { CliIo } from './cli-io.js';
import { parseCommandLine } from './command-line.js';

const USAGE = `usage: sockgrade pods [stop]

  (none)  lists the pods \`sockgrade grade\` keeps for the next run on this Docker engine
  stop    removes them (a pod a run is using is left alone); each also ends by itself
          SOCKGRADE_KEEP_POD_SECONDS after it was kept
`;

/** `sockgrade pods [stop]`: the pods kept between `sockgrade grade` runs (issue #11), listed or removed. */
export async function podsCommand(argv: string[], io: CliIo, deps: { docker: ContainerClient; now?: number }): Promise<number> {
  const parsed = parseCommandLine(argv, { help: { type: 'boolean', short: 'h' } }, USAGE, io);
  if (parsed === null) return 2;
  if (parsed === 'help') return 0;
  const [sub, ...extra] = parsed.positionals;
  if ((sub !== undefined && sub !== 'stop') || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  if (sub === 'stop') {
    const removed = await removeKeptPods(deps.docker);
    io.stdout(`removed ${removed} kept pod${removed === 1 ? '' : 's'}\n`);
    return 0;
  }
  const pods = await listKeptPods(deps.docker);
  if (pods.length === 0) {
    io.stdout('no pods kept\n');
    return 0;
  }
  const now = deps.now ?? Date.now();
  for (const { podId, endsAt, info } of pods.sort((a, b) => b.endsAt - a.endsAt)) {
    const hosts = info.Labels[LABELS.keep] ? `, hosts ${info.Labels[LABELS.keep]}` : '';
    io.stdout(`${podId}  ends in ${Math.max(0, Math.round((endsAt - now) / 1000))} s  (${info.Image}${hosts})\n`);
  }
  return 0;
}
