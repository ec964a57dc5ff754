import { sleep } from '../lib/deadline.js';
import { defaultProcFileReader } from '../lib/port-discovery/index.js';

/**
 * Whether a peer that served a run is as clean as a fresh one, so the next run (maybe
 * another student's) may use it (issue #11: a peer kept between runs). The grader asks
 * only after it removed every container of the run, so the student's processes are gone;
 * what could be left is ours or the kernel's:
 * - the peer's own handles: a socket, server or timer a check forgot to close would
 *   act during the next run (Node's active resources, counted by kind);
 * - sockets in the pod's network namespace (`/proc/net`): anything still listed, in any
 *   state. TIME_WAIT entries do not count against this: the pod's peer is created with
 *   `net.ipv4.tcp_max_tw_buckets=0`, so the namespace keeps none, and a student who binds
 *   a fixed port without SO_REUSEADDR finds it free, as in a fresh pod;
 * - memory the run left the peer holding.
 * A run that leaves anything gets the peer retired, never cleaned up by hand.
 */
export interface CleanStateOptions {
  /** Active resources by kind when the peer was idle before its first run. */
  baseline: ReadonlyMap<string, number>;
  /** @defaultValue Node's `process.getActiveResourcesInfo()` */
  activeResources?: () => string[];
  /** @defaultValue reads `/proc/net/<name>`; null when the kernel has no such table */
  readProcNet?: (name: string) => Promise<string | null>;
  /** @defaultValue `process.memoryUsage().rss` */
  rssBytes?: () => number;
  /** More than this resident after a run: retire. @defaultValue 192 MiB (the peer's limit is 384) */
  maxRssBytes?: number;
  /** Sockets being closed take a moment to leave the tables. @defaultValue 1000 */
  waitMs?: number;
  signal?: AbortSignal;
}

/** The socket tables of a network namespace; `unix` includes abstract sockets, which are per namespace. */
const PROC_NET_TABLES = ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'unix'] as const;

/** Counts resources by kind: `['PipeWrap', 'PipeWrap', 'Timeout']` → PipeWrap 2, Timeout 1. */
export function countResources(kinds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Null when clean; otherwise why not, for the grader's log. Waits up to `waitMs` for closing things to go. */
export async function findLeftovers(options: CleanStateOptions): Promise<string | null> {
  const deadline = Date.now() + (options.waitMs ?? 1000);
  for (;;) {
    const problem = await leftoversNow(options);
    if (problem === null || Date.now() >= deadline) return problem;
    await sleep(25, options.signal);
  }
}

async function leftoversNow(options: CleanStateOptions): Promise<string | null> {
  const active = countResources((options.activeResources ?? (() => process.getActiveResourcesInfo()))());
  const extra = [...active].filter(([kind, count]) => count > (options.baseline.get(kind) ?? 0)).map(([kind, count]) => `${count - (options.baseline.get(kind) ?? 0)} × ${kind}`);
  if (extra.length > 0) return `the run left active handles: ${extra.join(', ')}`;
  const read = options.readProcNet ?? ((table: string) => defaultProcFileReader(`/proc/net/${table}`));
  for (const table of PROC_NET_TABLES) {
    const rows = socketRows(await read(table));
    if (rows > 0) return `the pod's network namespace still lists ${rows} ${table} socket${rows === 1 ? '' : 's'}`;
  }
  const rss = (options.rssBytes ?? (() => process.memoryUsage().rss))();
  const maxRss = options.maxRssBytes ?? 192 * 1024 * 1024;
  if (rss > maxRss) return `the peer holds ${Math.round(rss / 1024 / 1024)} MiB after the run (more than ${Math.round(maxRss / 1024 / 1024)} MiB)`;
  return null;
}

/** Rows of a `/proc/net` table below its header line. */
function socketRows(text: string | null): number {
  if (!text) return 0;
  return text.split('\n').slice(1).filter((line) => line.trim() !== '').length;
}

