import { describe, expect, it } from 'vitest';
import { fakeProcReader } from '../../testing/fake-proc-net.js';
import { connectHostFor, decodeProcAddress, describeSocket, discoverPort, discoverPorts, orderSockets, parseProcNet, PortNotFoundError } from './index.js';
import type { ProcSocket } from './proc-net.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0B00007F:A3E1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21001 1 0000000000000000 100 0 0 10 0
   1: 0100007F:C2B4 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65534        0 21002 1 0000000000000000 100 0 0 10 0
   2: 0100007F:C2B4 0100007F:D431 01 00000000:00000000 00:00000000 00000000 65534        0 21003 1 0000000000000000 20 4 30 10 -1
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31001 1 0000000000000000 100 0 0 10 0
   1: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31002 1 0000000000000000 100 0 0 10 0
   2: 00000000000000000000000000000000:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31003 1 0000000000000000 100 0 0 10 0
   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31004 1 0000000000000000 100 0 0 10 0
`;

const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  371: 00000000:D6F3 00000000:0000 07 00000000:00000000 00:00000000 00000000 65534        0 41001 2 0000000000000000 0
  372: 0100007F:8AE2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 65534        0 41002 2 0000000000000000 0
`;

describe('parsing /proc/net', () => {
  it('decodes IPv4 listeners and skips the header', () => {
    const sockets = parseProcNet(TCP, 'tcp', 4);
    expect(sockets.map((s) => [s.address, s.port, s.state, s.inode])).toEqual([
      ['127.0.0.11', 0xa3e1, 0x0a, 21001],
      ['127.0.0.1', 0xc2b4, 0x0a, 21002],
      ['127.0.0.1', 0xc2b4, 0x01, 21003],
    ]);
    expect(sockets[1]?.uid).toBe(65534);
  });

  it('decodes IPv6: ::1, v4-mapped, any, and a global address', () => {
    expect(parseProcNet(TCP6, 'tcp', 6).map((s) => `${s.address}:${s.port}`)).toEqual(['::1:8080', '::ffff:127.0.0.1:8081', ':::8082', '2001:db8::1:80']);
  });

  it('decodes UDP sockets with their state', () => {
    expect(parseProcNet(UDP, 'udp', 4).map((s) => [s.address, s.port, s.state])).toEqual([
      ['0.0.0.0', 0xd6f3, 0x07],
      ['127.0.0.1', 0x8ae2, 0x01],
    ]);
  });

  it('never throws on garbage', () => {
    expect(parseProcNet('garbage\n 0: zz:yy 00 0A\n\n', 'tcp', 4)).toEqual([]);
    expect(decodeProcAddress('0100007F', false)).toBe('1.0.0.127');
    expect(decodeProcAddress('123')).toBeNull();
  });

  it('knows where to connect', () => {
    expect(connectHostFor('0.0.0.0')).toBe('127.0.0.1');
    expect(connectHostFor('127.0.1.1')).toBe('127.0.1.1');
    expect(connectHostFor('::')).toBe('127.0.0.1');
    expect(connectHostFor('::1')).toBe('::1');
    expect(connectHostFor('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(connectHostFor('172.17.0.2')).toBe('172.17.0.2');
  });
});

describe('discoverPort', () => {
  const files: Record<string, string> = { '/proc/net/tcp': TCP, '/proc/net/tcp6': TCP6, '/proc/net/udp': UDP };
  const readFile = async (path: string) => files[path] ?? null;

  it("finds the student's listener, ignoring Docker's DNS and established connections", async () => {
    const found = await discoverPorts({ transport: 'tcp', timeoutMs: 100, readFile, settleMs: 0 });
    // In the documented order: unprivileged first, then ascending port.
    expect(found.map((f) => `${f.address} ${f.port}`)).toEqual(['::1 8080', '::ffff:127.0.0.1 8081', ':: 8082', '127.0.0.1 49844', '2001:db8::1 80']);
    expect(found[0]).toEqual({ port: 8080, address: '::1', host: '::1', family: 6 });
  });

  it('stops waiting for a set of sockets that never settles after four times settleMs', async () => {
    let port = 40000;
    const started = Date.now();
    const found = await discoverPorts({ transport: 'tcp', timeoutMs: 5000, pollMs: 10, settleMs: 100, readFile: fakeProcReader(() => ({ tcp: [{ address: '0.0.0.0', port: (port += 1), state: 0x0a }] })) });
    expect(found).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits until the set of sockets settles, so a second listener opened just after the first counts', async () => {
    let sockets: { address: string; port: number; state: number }[] = [{ address: '0.0.0.0', port: 40000, state: 0x0a }];
    setTimeout(() => (sockets = [...sockets, { address: '127.0.0.1', port: 30000, state: 0x0a }]), 100);
    const found = await discoverPorts({ transport: 'tcp', timeoutMs: 2000, pollMs: 10, settleMs: 250, singleSettleMs: 250, readFile: fakeProcReader(() => ({ tcp: sockets })) });
    expect(found.map((f) => f.port)).toEqual([30000, 40000]);
  });

  it('takes a lone socket after the short wait, and waits the long one once a program shows two', async () => {
    const lone = [{ address: '0.0.0.0', port: 40000, state: 0x0a }];
    let started = Date.now();
    const single = await discoverPorts({ transport: 'tcp', timeoutMs: 2000, pollMs: 10, settleMs: 400, singleSettleMs: 60, readFile: fakeProcReader(() => ({ tcp: lone })) });
    expect(single.map((f) => f.port)).toEqual([40000]);
    expect(Date.now() - started).toBeLessThan(300);
    // Two at once, a third 150 ms later: past the short wait, within the long one, so it counts.
    let sockets = [...lone, { address: '0.0.0.0', port: 40001, state: 0x0a }];
    setTimeout(() => (sockets = [...sockets, { address: '127.0.0.1', port: 30000, state: 0x0a }]), 150);
    started = Date.now();
    const several = await discoverPorts({ transport: 'tcp', timeoutMs: 3000, pollMs: 10, settleMs: 400, singleSettleMs: 60, readFile: fakeProcReader(() => ({ tcp: sockets })) });
    expect(several.map((f) => f.port)).toEqual([30000, 40000, 40001]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(540);
  });

  it('honours exclude and a pinned port', async () => {
    const found = await discoverPort({ transport: 'tcp', timeoutMs: 100, readFile, exclude: new Set([0xc2b4]), port: 8081 });
    expect(found).toEqual({ port: 8081, address: '::ffff:127.0.0.1', host: '127.0.0.1', family: 6 });
  });

  it('finds an unconnected UDP socket on 0.0.0.0', async () => {
    const found = await discoverPort({ transport: 'udp', timeoutMs: 100, readFile });
    expect(found).toEqual({ port: 0xd6f3, address: '0.0.0.0', host: '127.0.0.1', family: 4 });
  });

  it('polls until the socket appears', async () => {
    let sockets: { address: string; port: number; state: number }[] = [];
    setTimeout(() => (sockets = [{ address: '127.0.0.1', port: 5000, state: 0x0a }]), 60);
    const started = Date.now();
    const found = await discoverPort({ transport: 'tcp', timeoutMs: 2000, pollMs: 10, readFile: fakeProcReader(() => ({ tcp: sockets })) });
    expect(found.port).toBe(5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('gives up after the timeout with a typed error naming what and how long', async () => {
    const error = await discoverPort({ transport: 'tcp', timeoutMs: 80, pollMs: 10, readFile: fakeProcReader(() => ({})) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortNotFoundError);
    expect((error as PortNotFoundError).code).toBe('PORT_NOT_FOUND');
    expect((error as PortNotFoundError).message).toBe('no listening TCP socket after 80 ms');
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('student exited'));
    await expect(discoverPort({ transport: 'udp', timeoutMs: 1000, readFile, signal: controller.signal })).rejects.toThrow('student exited');
  });
});

describe('the order in which we try sockets (issue #13)', () => {
  const socket = (address: string, port: number, family: 4 | 6 = 4): ProcSocket => ({ protocol: 'tcp', address, port, family, state: 0x0a, inode: port, uid: 1000 });
  const order = (list: ProcSocket[]) => orderSockets(list).map((s) => `${s.address}:${s.port}`);

  it('puts unprivileged ports first, then ascending port, whatever order the kernel lists them in', () => {
    const list = [socket('127.0.0.1', 53), socket('0.0.0.0', 40001), socket('172.18.0.5', 4711), socket('0.0.0.0', 80)];
    expect(order(list)).toEqual(['172.18.0.5:4711', '0.0.0.0:40001', '127.0.0.1:53', '0.0.0.0:80']);
    expect(order([...list].reverse())).toEqual(order(list));
  });

  it('lists one port once, preferring 127.0.0.1/0.0.0.0/:: over other addresses', () => {
    expect(order([socket('::', 5000, 6), socket('172.18.0.5', 5000), socket('0.0.0.0', 5000)])).toEqual(['0.0.0.0:5000', '172.18.0.5:5000']);
  });

  it('describes a socket as a student reads it', () => {
    expect(describeSocket({ address: '0.0.0.0', port: 4711 })).toBe('0.0.0.0 port 4711');
    expect(describeSocket({ address: '::1', port: 8080 })).toBe('[::1] port 8080');
    expect(describeSocket({ address: '::ffff:127.0.0.1', port: 8081 })).toBe('127.0.0.1 port 8081');
  });
});
