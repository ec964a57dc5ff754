import { isIP, isIPv6 } from 'node:net';
import type { Request } from 'express';

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) → `192.0.2.1`; a zone (`%eth0`) dropped. */
function plainAddress(address: string): string {
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare.toLowerCase();
}

/**
 * The client's address as the login throttle counts it: Express's `req.ip`, which is
 * the TCP peer's address unless the app trusts proxies (`SOCKGRADE_TRUST_PROXY` sets
 * Express's `trust proxy` to those addresses only): then the right-most
 * `X-Forwarded-For` entry not added by a trusted proxy. Without the setting the header
 * is ignored, since any client can send it.
 */
export function clientAddress(req: Request): string {
  return plainAddress(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** The eight 16-bit groups of an IPv6 address, as numbers. */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const parse = (part: string | undefined) =>
    (part ? part.split(':') : []).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split('.').map(Number);
      return [(a! << 8) | b!, (c! << 8) | d!];
    });
  const first = parse(head);
  const last = parse(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/**
 * The key an address is throttled under: an IPv4 address as it is, an IPv6 address by
 * its /64 network. One IPv6 host usually owns a whole /64 (SLAAC, privacy addresses),
 * so counting single addresses would give it 2^64 fresh budgets.
 */
export function throttleKeyOf(address: string): string {
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An entry of `SOCKGRADE_TRUST_PROXY` as Express's `trust proxy` reads it: an address, a CIDR range, or `loopback`/`linklocal`/`uniquelocal`. */
export function isTrustedProxyEntry(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || isIP(address ?? '') === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (isIP(address!) === 4 ? 32 : 128);
}
