/**
 * Parsing `/proc/net/{tcp,tcp6,udp,udp6}`. The student's program and the reference peer
 * share the pod's network namespace, so these files list the student's sockets too.
 * Format: Documentation/networking/proc_net_tcp.rst in the Linux sources.
 */
import os from 'node:os';

export type ProcProtocol = 'tcp' | 'udp';

export interface ProcSocket {
  protocol: ProcProtocol;
  family: 4 | 6;
  /** Local address as text: `127.0.0.1`, `::`, `::ffff:127.0.0.1`. */
  address: string;
  port: number;
  /** Kernel state; 0x0A is TCP LISTEN, 0x07 an unconnected (bound) UDP socket. */
  state: number;
  uid: number;
  inode: number;
}

export const TCP_LISTEN = 0x0a;
export const UDP_UNCONNECTED = 0x07;

/**
 * The kernel prints each 32-bit word of an address in host byte order, so on the
 * little-endian machines we run on `0100007F` is 127.0.0.1.
 */
const HOST_IS_LITTLE_ENDIAN = os.endianness() === 'LE';

/** Parses one file's text; lines that do not look like sockets are skipped, never thrown on. */
export function parseProcNet(text: string, protocol: ProcProtocol, family: 4 | 6): ProcSocket[] {
  const sockets: ProcSocket[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !/^\d+:$/.test(fields[0] ?? '')) continue;
    const local = (fields[1] ?? '').split(':');
    const address = decodeProcAddress(local[0] ?? '');
    const port = Number.parseInt(local[1] ?? '', 16);
    const state = Number.parseInt(fields[3] ?? '', 16);
    if (address === null || !Number.isInteger(port) || !Number.isInteger(state)) continue;
    sockets.push({
      protocol,
      family,
      address,
      port,
      state,
      uid: Number.parseInt(fields[7] ?? '', 10),
      inode: Number.parseInt(fields[9] ?? '', 10),
    });
  }
  return sockets;
}

/** Decodes an 8- (IPv4) or 32-hex-digit (IPv6) address; null when it is neither. */
export function decodeProcAddress(hex: string, littleEndian = HOST_IS_LITTLE_ENDIAN): string | null {
  if (!/^[0-9a-fA-F]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) return null;
  const bytes = Buffer.from(hex, 'hex');
  if (littleEndian) {
    for (let word = 0; word < bytes.length; word += 4) bytes.subarray(word, word + 4).reverse();
  }
  return bytes.length === 4 ? bytes.join('.') : formatIpv6(bytes);
}

/** RFC 5952 text form: lowercase, longest zero run as `::`, v4-mapped as `::ffff:a.b.c.d`. */
export function formatIpv6(bytes: Uint8Array): string {
  const isV4Mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isV4Mapped) return `::ffff:${bytes.subarray(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength && j - i >= 2) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
