import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from './connect-tcp.js';
import { decodeLengthPrefix, encodeLengthPrefixed, readLengthPrefixed, readLine } from './framing.js';
import { type ConnectionHandler, HandlerTcpServer } from './handler-tcp-server.js';
import { TranscriptRecorder } from './transcript.js';

const servers: HandlerTcpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(handler: ConnectionHandler): Promise<{ server: HandlerTcpServer; transcript: TranscriptRecorder }> {
  const transcript = new TranscriptRecorder();
  const server = await HandlerTcpServer.start({ transcript, handler });
  servers.push(server);
  return { server, transcript };
}

describe('HandlerTcpServer with a half-closing client', () => {
  it('answers after the client ended its sending side, and records both directions', async () => {
    // An upload server: read until the client's FIN, then answer with the byte count.
    const { server, transcript } = await start(async (conn, signal) => {
      const all = await conn.read({ until: 'close', idleTimeoutMs: 1000, signal });
      await conn.write(`got ${all.data.length}\n`, { signal });
    });
    const clientTranscript = new TranscriptRecorder();
    const conn = await connectTcp({ host: '127.0.0.1', port: server.port, label: 'upload', transcript: clientTranscript, allowHalfOpen: true });
    await conn.write('x'.repeat(5000));
    conn.shutdownWrite();
    conn.shutdownWrite();
    const reply = await readLine(conn, { idleTimeoutMs: 1000 });
    await conn.close();
    await server.settled();
    expect(reply.data.toString()).toBe('got 5000\n');
    expect(server.connectionCount).toBe(1);
    expect(clientTranscript.entries().map((e) => e.note).filter(Boolean)).toContain("we finished sending (half-close: your recv() now returns b'')");
    expect(transcript.entries()[0]?.note).toMatch(/^your program connected \(from port \d+\)$/);
  });

  it('aborts a handler that still waits when the server closes', async () => {
    let aborted = false;
    const { server } = await start(async (conn, signal) => {
      try {
        await conn.read({ until: 'close', signal });
      } catch {
        aborted = signal.aborted;
      }
    });
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.close(50);
    await server.close();
    socket.destroy();
    expect(aborted).toBe(true);
  });
});

describe('8-byte length prefix', () => {
  it('round-trips a payload and bounds an absurd length', async () => {
    const { server } = await start(async (conn, signal) => {
      const frame = await readLengthPrefixed(conn, { prefixBytes: 8, maxBytes: 100, idleTimeoutMs: 500, signal });
      await conn.write(`${frame.end} ${frame.length} ${frame.payload.toString()}\n`, { signal });
    });
    const ask = async (bytes: Buffer): Promise<string> => {
      const conn = await connectTcp({ host: '127.0.0.1', port: server.port, label: 'c', transcript: new TranscriptRecorder(), allowHalfOpen: true });
      await conn.write(bytes);
      const line = await readLine(conn, { idleTimeoutMs: 1000 });
      await conn.close();
      return line.data.toString();
    };
    expect(await ask(encodeLengthPrefixed('Hallo', 8))).toBe('complete 5 Hallo\n');
    expect(await ask(Buffer.from('80049500000000000000', 'hex'))).toBe(`too-long ${0x8004950000000000 > Number.MAX_SAFE_INTEGER ? 'Infinity' : ''} \n`);
    expect(decodeLengthPrefix(encodeLengthPrefixed('', 8).subarray(0, 8), 8)).toBe(0);
  });
});
