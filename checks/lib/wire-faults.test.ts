import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from './connect-tcp.js';
import { TranscriptRecorder } from './transcript.js';
import { describeWireFaults, NO_WIRE_FAULTS, wireFaultsParam } from './wire-faults.js';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that records each chunk it receives and, on connect, writes `reply` in one write. */
async function listen(reply?: Buffer): Promise<{ port: number; chunks: Buffer[] }> {
  const chunks: Buffer[] = [];
  const server = net.createServer((socket) => {
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    if (reply) socket.end(reply);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, chunks };
}

describe('wireFaultsParam', () => {
  it('reads known modes and a bounded delay, and ignores everything else', () => {
    expect(wireFaultsParam({})).toEqual(NO_WIRE_FAULTS);
    expect(wireFaultsParam({ writeMode: 'bytewise', readDelayMs: 30 })).toEqual({ writeMode: 'bytewise', readDelayMs: 30 });
    expect(wireFaultsParam({ writeMode: 'sideways', readDelayMs: -5 })).toEqual(NO_WIRE_FAULTS);
    expect(wireFaultsParam({ readDelayMs: 60_000 }).readDelayMs).toBe(1000);
  });

  it('has no feedback sentence without faults', () => {
    expect(describeWireFaults(NO_WIRE_FAULTS)).toBeNull();
    expect(describeWireFaults({ writeMode: 'coalesced', readDelayMs: 0 })).toContain('several messages in one write');
  });
});

describe('a connection with wire faults', () => {
  it('writes byte by byte when the connection says so, without each write naming a mode', async () => {
    const { port, chunks } = await listen();
    const conn = await connectTcp({ host: '127.0.0.1', port, label: 'conn 1', transcript: new TranscriptRecorder(), wire: { writeMode: 'bytewise', readDelayMs: 0 } });
    await conn.write('BALANCE\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    conn.close();
    expect(Buffer.concat(chunks).toString()).toBe('BALANCE\n');
    expect(chunks.length).toBe(8);
  });

  it('reads slowly but completely: a 256 KiB answer arrives intact, no faster than the pauses allow', async () => {
    const reply = Buffer.alloc(256 * 1024, 'x');
    const { port } = await listen(reply);
    const conn = await connectTcp({ host: '127.0.0.1', port, label: 'conn 1', transcript: new TranscriptRecorder(), wire: { writeMode: 'whole', readDelayMs: 25 } });
    const started = Date.now();
    const result = await conn.read({ until: 'close', totalTimeoutMs: 10_000 });
    conn.close();
    expect(result.end).toBe('closed');
    expect(result.data.equals(reply)).toBe(true);
    // At least one pause happened (the first piece cannot hold 256 KiB on loopback).
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
