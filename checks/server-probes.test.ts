/**
 * Every server family's protocol probe (issue #13): with several sockets, the one that
 * speaks the protocol is graded. Each probe against a correct in-process server (yes) and
 * the decoys a student leaves open (silent, garbage, echo: no).
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bankServerSuite } from './bank/bank-server-checks.js';
import { charcountUdpServerSuite } from './counting/charcount-udp-server.js';
import { digitsumTcpServerSuite } from './counting/digitsum-tcp-server.js';
import { daytimeUdpServerSuite } from './daytime/daytime-server-checks.js';
import { echoTcpServerSuite } from './echo/echo-tcp-server.js';
import { echoUdpServerSuite } from './echo/echo-udp-server.js';
import { containsNumber, type ProtocolProbe } from './lib/socket-probes.js';
import type { ServerSuite } from './suite.js';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function tcpServer(onData: (socket: Socket, data: Buffer) => void, onConnect?: (socket: Socket) => void): Promise<number> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    onConnect?.(socket);
    socket.on('data', (data) => onData(socket, data));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => {
    server.close();
    server.unref();
  });
  return (server.address() as { port: number }).port;
}

async function udpServer(answer: (data: Buffer) => Buffer | null): Promise<number> {
  const socket: UdpSocket = createSocket('udp4');
  socket.on('message', (data, from) => {
    const reply = answer(data);
    if (reply) socket.send(reply, from.port, from.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  closers.push(() => socket.close());
  return socket.address().port;
}

function probeOf(suite: ServerSuite, params: Record<string, unknown> = {}): ProtocolProbe {
  const probe = typeof suite.probe === 'function' ? suite.probe(params) : suite.probe;
  if (!probe) throw new Error(`${suite.id} has no probe`);
  return probe;
}

const probes = (probe: ProtocolProbe, port: number) => probe.probe({ host: '127.0.0.1', port, family: 4 }, AbortSignal.timeout(5_000));
const silent = () => tcpServer(() => {});
const garbage = () => tcpServer((socket) => socket.end('garbage\n'), (socket) => socket.write('?? '));
const tcpEcho = () => tcpServer((socket, data) => socket.write(data));
const udpEcho = () => udpServer((data) => data);

describe('server protocol probes', () => {
  it('every server suite has one, but those where a probe would change the server (a login, an upload, a game)', async () => {
    const { suites } = await import('./index.js');
    const servers = Object.values(suites).filter((suite): suite is ServerSuite => suite.role === 'server');
    expect(servers.filter((suite) => !suite.probe).map((suite) => suite.id).sort()).toEqual(['chat-server', 'file-server', 'guess-server']);
  });

  it('digit sum: `123` is answered with 6, not 16; silent, garbage and echo decoys fail', async () => {
    const probe = probeOf(digitsumTcpServerSuite);
    const digitSum = await tcpServer((socket, data) => socket.end(String([...data.toString()].reduce((sum, d) => sum + Number(d), 0))));
    expect(await probes(probe, digitSum)).toBe(true);
    expect(await probes(probe, await tcpServer((socket) => socket.end('16')))).toBe(false);
    for (const decoy of [await silent(), await garbage(), await tcpEcho()]) expect(await probes(probe, decoy)).toBe(false);
  });

  it('character count: the datagram `Hallo` is answered with 5; an echo fails', async () => {
    const probe = probeOf(charcountUdpServerSuite);
    expect(await probes(probe, await udpServer((data) => Buffer.from(`${data.length}\n`)))).toBe(true);
    expect(await probes(probe, await udpEcho())).toBe(false);
  });

  it('daytime over UDP: a datagram is answered with a time; an echo fails', async () => {
    const probe = probeOf(daytimeUdpServerSuite);
    expect(await probes(probe, await udpServer(() => Buffer.from('Fri Dec  4 10:15:00 2026')))).toBe(true);
    expect(await probes(probe, await udpEcho())).toBe(false);
  });

  it('bank: `BALANCE` is answered with `OK …`, in the words the teacher configured', async () => {
    const bank = (ok: string) => tcpServer((socket, data) => socket.write(/^(BALANCE|KONTOSTAND)\r?\n$/.test(data.toString()) ? `${ok} 100\n` : 'ERROR\n'));
    expect(await probes(probeOf(bankServerSuite), await bank('OK'))).toBe(true);
    const german = probeOf(bankServerSuite, { words: { balance: 'KONTOSTAND', ok: 'JA' } });
    expect(german.passes).toBe('answered `KONTOSTAND` with `JA …`');
    expect(await probes(german, await bank('JA'))).toBe(true);
    for (const decoy of [await silent(), await garbage(), await tcpEcho()]) expect(await probes(probeOf(bankServerSuite), decoy)).toBe(false);
  });

  it('echo over TCP and UDP, as before the shared helpers', async () => {
    expect(await probes(probeOf(echoTcpServerSuite), await tcpEcho())).toBe(true);
    expect(await probes(probeOf(echoTcpServerSuite), await garbage())).toBe(false);
    expect(await probes(probeOf(echoUdpServerSuite), await udpEcho())).toBe(true);
    expect(await probes(probeOf(echoUdpServerSuite), await udpServer(() => Buffer.from('no')))).toBe(false);
  });

  it('a number counts only whole', () => {
    expect(containsNumber(Buffer.from('Quersumme: 6\n'), 6)).toBe(true);
    expect(containsNumber(Buffer.from('6'), 6)).toBe(true);
    expect(containsNumber(Buffer.from('16'), 6)).toBe(false);
  });
});
