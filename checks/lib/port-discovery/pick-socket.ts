import type { ProcSocket } from './proc-net.js';

/** Where the peer should connect to reach a socket bound to `address`. */
export function connectHostFor(address: string): string {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (v4 === '0.0.0.0' || v4 === '::') return '127.0.0.1';
  // Any 127.x address is on the loopback; a socket bound to 127.0.1.1 (Debian's hostname
  // entry) is not reachable through 127.0.0.1, so we use its own address.
  return v4;
}

/**
 * Lower is better. A student's server may open several sockets (a debug UDP socket, a
 * second listener); the one on the usual addresses is the one the exercise asked for.
 */
export function addressRank(address: string): number {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (v4 === '127.0.0.1' || v4 === '0.0.0.0' || v4 === '::') return 0;
  if (v4.startsWith('127.') || v4 === '::1') return 1;
  return 2;
}

/** The best candidate: lowest rank, then the order the kernel listed them in. */
export function pickSocket(candidates: readonly ProcSocket[]): ProcSocket | null {
  let best: ProcSocket | null = null;
  for (const socket of candidates) {
    if (!best || addressRank(socket.address) < addressRank(best.address)) best = socket;
  }
  return best;
}
