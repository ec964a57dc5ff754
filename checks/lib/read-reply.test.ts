import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from './connect-tcp.js';
import { readReply } from './read-reply.js';
import { TranscriptRecorder } from './transcript.js';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that does `script(socket)` with every connection; returns a connection to it. */
async function connectTo(script: (socket: net.Socket) => void) {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    script(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return connectTcp({ host: '127.0.0.1', port, label: 'conn 1', transcript: new TranscriptRecorder() });
}

describe('readReply', () => {
  it('collects a reply sent in pieces until the server closes', async () => {
    const conn = await connectTo((socket) => {
      socket.write('Wed Jan  3 ');
      setTimeout(() => socket.end('09:05:07 2024\r\n'), 30);
    });
    const reply = await readReply(conn, { firstByteMs: 500, settleMs: 200 });
    expect(reply.data.toString()).toBe('Wed Jan  3 09:05:07 2024\r\n');
    expect(reply.end).toBe('closed');
    expect(reply.firstByteMs).toBeLessThan(100);
    conn.destroy();
  });

  it('settles after silence when the server keeps the connection open', async () => {
    const conn = await connectTo((socket) => socket.write('13'));
    const reply = await readReply(conn, { firstByteMs: 500, settleMs: 50 });
    expect(reply).toMatchObject({ end: 'settled' });
    expect(reply.data.toString()).toBe('13');
    conn.destroy();
  });

  it('tells silence from a close without data', async () => {
    const silent = await connectTo(() => {});
    expect(await readReply(silent, { firstByteMs: 50, settleMs: 50 })).toMatchObject({ end: 'silent', firstByteMs: null });
    silent.destroy();
    const closing = await connectTo((socket) => socket.end());
    expect(await readReply(closing, { firstByteMs: 500, settleMs: 50 })).toMatchObject({ end: 'closed', firstByteMs: null });
    closing.destroy();
  });

  it('stops at maxBytes', async () => {
    const conn = await connectTo((socket) => socket.write('x'.repeat(10_000)));
    const reply = await readReply(conn, { firstByteMs: 500, settleMs: 200, maxBytes: 100 });
    expect(reply).toMatchObject({ end: 'max-bytes' });
    expect(reply.data.length).toBe(100);
    conn.destroy();
  });
});
