import { readFile } from 'node:fs/promises';
import { sleep } from '../deadline.js';
import { formatDuration } from '../deadline.js';
import { CodedError } from '../errors.js';
import { type ProcProtocol, type ProcSocket, parseProcNet, TCP_LISTEN, UDP_UNCONNECTED } from './proc-net.js';
import { connectHostFor, orderSockets } from './pick-socket.js';

/** Reads one `/proc/net` file; null when it does not exist (no IPv6 in the namespace). */
export type ProcFileReader = (path: string) => Promise<string | null>;

export interface DiscoverOptions {
  transport: ProcProtocol;
  /** The port the assignment pins; only a socket on it counts. */
  port?: number;
  /** Ports that are not the student's (the peer's own sockets). */
  exclude?: ReadonlySet<number>;
  /**
   * Addresses that are never the student's. @defaultValue ['127.0.0.11'] — Docker's
   * embedded DNS listens there inside every container on a user-defined network.
   */
  excludeAddresses?: readonly string[];
  /** How long to wait for the socket. */
  timeoutMs: number;
  /** @defaultValue 10 (a read of two small files: the socket is seen soon after it appears) */
  pollMs?: number;
  /**
   * How long a set of two or more sockets must stay the same before we take it: a program
   * that opens several listeners one after the other is seen with all of them, so the
   * order, not a race, decides which one we grade. @defaultValue 300
   */
  settleMs?: number;
  /**
   * The same for a single socket: most programs open exactly one, and a second one opened
   * right after the first (a decoy thread, a debug listener, the next line of the same
   * start-up) shows up within a few milliseconds, seen by the 5 reads of this wait. Every
   * grading of a server waits this long, so it is kept short (issue #11: 50 ms is a fifth
   * of a bare container run); once a second socket shows up, the longer `settleMs`
   * applies. @defaultValue 50, at most `settleMs`
   */
  singleSettleMs?: number;
  signal?: AbortSignal;
  /** @defaultValue reads the real files */
  readFile?: ProcFileReader;
  /** @defaultValue '/proc/net' */
  procNetDir?: string;
  /**
   * Socket inodes of the student's process, when we can see them (a local run on the
   * host, where other programs listen too). Null means "any socket in the namespace".
   */
  inodes?: () => Promise<ReadonlySet<number> | null>;
}

export interface DiscoveredPort {
  port: number;
  /** The address the student bound, as the kernel reports it. */
  address: string;
  /** The address the peer connects or sends to. */
  host: string;
  family: 4 | 6;
}

/** Nothing of the student's listened (TCP) or was bound (UDP) before the deadline. */
export class PortNotFoundError extends CodedError {
  readonly code = 'PORT_NOT_FOUND';

  constructor(
    readonly transport: ProcProtocol,
    readonly timeoutMs: number,
    /** Student sockets seen that did not count, e.g. one on the wrong port. */
    readonly others: readonly ProcSocket[],
  ) {
    super(`no ${transport === 'tcp' ? 'listening TCP' : 'bound UDP'} socket after ${formatDuration(timeoutMs)}`);
  }
}

export const defaultProcFileReader: ProcFileReader = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** Reads the sockets of one transport, IPv4 and IPv6. */
export async function readProcSockets(transport: ProcProtocol, readFile: ProcFileReader = defaultProcFileReader, dir = '/proc/net'): Promise<ProcSocket[]> {
  const [v4, v6] = await Promise.all([readFile(`${dir}/${transport}`), readFile(`${dir}/${transport}6`)]);
  return [...parseProcNet(v4 ?? '', transport, 4), ...parseProcNet(v6 ?? '', transport, 6)];
}

/** The first socket of {@link discoverPorts}. */
export async function discoverPort(options: DiscoverOptions): Promise<DiscoveredPort> {
  return (await discoverPorts(options))[0] as DiscoveredPort;
}

/**
 * Polls `/proc/net` until the student's sockets appear and stop changing (see `settleMs`);
 * resolves with all of them, in the order of `orderSockets` (never empty).
 */
export async function discoverPorts(options: DiscoverOptions): Promise<DiscoveredPort[]> {
  const pollMs = options.pollMs ?? 10;
  const settleMs = options.settleMs ?? 300;
  const singleSettleMs = Math.min(options.singleSettleMs ?? 50, settleMs);
  // Once two sockets were seen at the same time, the program opens several: the long wait from then on.
  let several = false;
  let found = null as { key: string; since: number } | null;
  // A program that keeps opening and closing sockets never settles: after this long we
  // take the sockets of the moment.
  let firstSeen: number | null = null;
  const wanted = options.transport === 'tcp' ? TCP_LISTEN : UDP_UNCONNECTED;
  const excludedAddresses = new Set(options.excludeAddresses ?? ['127.0.0.11']);
  const deadline = Date.now() + options.timeoutMs;
  let others: ProcSocket[] = [];
  for (;;) {
    options.signal?.throwIfAborted();
    const inodes = options.inodes ? await options.inodes() : null;
    const sockets = (await readProcSockets(options.transport, options.readFile, options.procNetDir)).filter(
      (s) =>
        s.state === wanted &&
        !options.exclude?.has(s.port) &&
        !excludedAddresses.has(s.address) &&
        (!inodes || inodes.has(s.inode)),
    );
    const matching = orderSockets(options.port === undefined ? sockets : sockets.filter((s) => s.port === options.port));
    const now = Date.now();
    if (matching.length > 0) {
      const key = matching.map((s) => `${s.address}:${s.port}`).join(' ');
      if (found?.key !== key) found = { key, since: now };
      firstSeen ??= now;
      if (matching.length > 1) several = true;
      const wait = several ? settleMs : singleSettleMs;
      // Settled, or out of time: take what we have (the deadline never turns a find into a failure).
      if (now - found.since >= wait || now - firstSeen >= 4 * settleMs || now >= deadline) return matching.map(toDiscovered);
    } else {
      found = null;
      firstSeen = null;
      others = sockets;
      if (now >= deadline) throw new PortNotFoundError(options.transport, options.timeoutMs, others);
    }
    await sleep(Math.max(1, Math.min(pollMs, found ? settleMs : deadline - now)), options.signal);
  }
}

function toDiscovered(socket: ProcSocket): DiscoveredPort {
  return { port: socket.port, address: socket.address, host: connectHostFor(socket.address), family: socket.family };
}

/** `0.0.0.0 port 4711`, `[::1] port 8080`: a socket as a student reads it. */
export function describeSocket(socket: Pick<DiscoveredPort, 'address' | 'port'>): string {
  const address = socket.address.startsWith('::ffff:') ? socket.address.slice('::ffff:'.length) : socket.address;
  return `${address.includes(':') ? `[${address}]` : address} port ${socket.port}`;
}
