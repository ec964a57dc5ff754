/** Synthetic `/proc/net/*` files for port-discovery tests. */
import type { ProcFileReader } from '../lib/port-discovery/index.js';

export interface FakeProcSocket {
  address: string;
  port: number;
  /** 0x0A listen, 0x07 unconnected UDP, 0x01 established. */
  state: number;
  inode?: number;
}

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

/** Encodes an IPv4 address the way a little-endian kernel prints it: 127.0.0.1 → 0100007F. */
export function procHexV4(address: string): string {
  return address
    .split('.')
    .map((part) => Number(part).toString(16).padStart(2, '0').toUpperCase())
    .reverse()
    .join('');
}

export function procLine(index: number, socket: FakeProcSocket): string {
  const local = `${procHexV4(socket.address)}:${socket.port.toString(16).toUpperCase().padStart(4, '0')}`;
  const state = socket.state.toString(16).toUpperCase().padStart(2, '0');
  return `  ${index}: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000  1000        0 ${socket.inode ?? 40000 + index} 1 0000000000000000 100 0 0 10 0`;
}

/** A reader whose files list what `list()` returns at the time of the read, plus Docker's DNS as noise. */
export function fakeProcReader(list: () => { tcp?: FakeProcSocket[]; udp?: FakeProcSocket[] }): ProcFileReader {
  return async (path) => {
    const protocol = path.endsWith('/tcp') ? 'tcp' : path.endsWith('/udp') ? 'udp' : null;
    if (!protocol) return null;
    const noise: FakeProcSocket[] = [{ address: '127.0.0.11', port: 39999, state: protocol === 'tcp' ? 0x0a : 0x07 }];
    const sockets = [...noise, ...(list()[protocol] ?? [])];
    return HEADER + sockets.map((s, i) => procLine(i, s)).join('\n') + '\n';
  };
}
