import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectFailedError, PhaseTimeoutError } from './errors.js';
import { readLengthPrefixed, readLine, encodeLengthPrefixed, splitFrames, stripDelimiter } from './framing.js';
import { connectTcp } from './connect-tcp.js';
import { TranscriptRecorder } from './transcript.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

const connect = (port: number, transcript = new TranscriptRecorder()) => connectTcp({ host: '127.0.0.1', port, label: 'conn 1', transcript, timeoutMs: 1000 });

describe('TcpConnection', () => {
  it('reads until N bytes, leaving the rest for the next read', async () => {
    const port = await serve((s) => s.write('HalloWelt'));
    const conn = await connect(port);
    try {
      const first = await conn.read({ until: { bytes: 5 }, idleTimeoutMs: 1000 });
      expect([first.data.toString(), first.end]).toEqual(['Hallo', 'complete']);
      const rest = await conn.read({ until: 'close', idleTimeoutMs: 50 });
      expect([rest.data.toString(), rest.end]).toEqual(['Welt', 'idle-timeout']);
    } finally {
      conn.destroy();
    }
  });

  it('reports a close before the bytes arrived, with what did arrive', async () => {
    const port = await serve((s) => s.end('Hal'));
    const conn = await connect(port);
    const result = await conn.read({ until: { bytes: 5 }, idleTimeoutMs: 1000 });
    expect([result.data.toString(), result.end]).toEqual(['Hal', 'closed']);
    conn.destroy();
  });

  it('stops at maxBytes and at the total deadline', async () => {
    const port = await serve((s) => {
      const timer = setInterval(() => s.write('x'), 5);
      s.on('close', () => clearInterval(timer));
    });
    const conn = await connect(port);
    try {
      const capped = await conn.read({ until: 'close', maxBytes: 3, idleTimeoutMs: 500 });
      expect([capped.data.length, capped.end]).toEqual([3, 'max-bytes']);
      const total = await conn.read({ until: 'close', totalTimeoutMs: 60, idleTimeoutMs: 500 });
      expect(total.end).toBe('total-timeout');
    } finally {
      conn.destroy();
    }
  });

  it('reads lines and length-prefixed frames', async () => {
    const port = await serve((s) => s.write(Buffer.concat([Buffer.from('eins\r\nzwei\n'), encodeLengthPrefixed('drei', 2)])));
    const conn = await connect(port);
    try {
      expect((await readLine(conn, { idleTimeoutMs: 500 })).data.toString()).toBe('eins\r\n');
      expect(stripDelimiter((await readLine(conn, { idleTimeoutMs: 500 })).data).toString()).toBe('zwei');
      const frame = await readLengthPrefixed(conn, { prefixBytes: 2, idleTimeoutMs: 500 });
      expect([frame.payload.toString(), frame.length, frame.end]).toEqual(['drei', 4, 'complete']);
    } finally {
      conn.destroy();
    }
  });

  it('refuses a length prefix larger than maxBytes without waiting for the body', async () => {
    const port = await serve((s) => s.write(Buffer.from([0xff, 0xff, 0xff, 0xff])));
    const conn = await connect(port);
    const frame = await readLengthPrefixed(conn, { maxBytes: 1024, idleTimeoutMs: 500 });
    expect([frame.end, frame.length]).toEqual(['too-long', 0xffffffff]);
    conn.destroy();
  });

  it('writes byte by byte and coalesced, recording every piece', async () => {
    const received: Buffer[] = [];
    const port = await serve((s) => s.on('data', (chunk: Buffer) => received.push(chunk)));
    const transcript = new TranscriptRecorder();
    const conn = await connect(port, transcript);
    await conn.write('abc', { mode: 'bytewise', delayMs: 2 });
    await conn.write(['x\n', 'y\n'], { mode: 'coalesced' });
    await conn.close();
    const sends = transcript.entries().filter((e) => e.dir === 'send').map((e) => e.text);
    expect(sends).toEqual(['a', 'b', 'c', 'x\\ny\\n']);
    expect(Buffer.concat(received).toString()).toBe('abcx\ny\n');
  });

  it('rejects a refused connection with a typed error and records it', async () => {
    const port = await serve(() => {});
    await new Promise<void>((resolve) => (servers.pop() as net.Server).close(() => resolve()));
    const transcript = new TranscriptRecorder();
    const error = await connect(port, transcript).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectFailedError);
    expect((error as ConnectFailedError).errno).toBe('ECONNREFUSED');
    expect(transcript.entries().map((e) => e.note)).toEqual(['connection refused']);
  });

  it('handles an already-aborted signal at once and aborts a pending read', async () => {
    const aborted = new AbortController();
    aborted.abort(new PhaseTimeoutError('test', 5, 'too slow'));
    await expect(connectTcp({ host: '127.0.0.1', port: 1, label: 'c', transcript: new TranscriptRecorder(), signal: aborted.signal })).rejects.toThrow('too slow');
    const port = await serve(() => {});
    const conn = await connect(port);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    await expect(conn.read({ until: 'close', signal: controller.signal })).rejects.toThrow('deadline');
    conn.destroy();
  });

  it('splits frames off a buffer', () => {
    const { frames, rest } = splitFrames(Buffer.from('a\0bb\0c'), '\0');
    expect(frames.map(String)).toEqual(['a\0', 'bb\0']);
    expect(rest.toString()).toBe('c');
  });
});

/** A student server that answers with an endless stream (stops at 256 MiB, so a missing cap cannot hurt the host). */
function floodingServer(): Promise<number> {
  return serve((socket) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x62);
    let sent = 0;
    const pump = (): void => {
      while (sent < 256 * 1024 * 1024 && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

describe('TcpConnection against a server that floods', () => {
  it('stops reading once 4 MiB are unread: what it holds never passes that plus one chunk', async () => {
    const conn = await connect(await floodingServer());
    try {
      // Wait until the flood stalls: we paused, so only the kernel's buffers fill.
      for (let last = -1; conn.receivedTotal !== last; ) {
        last = conn.receivedTotal;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(conn.receivedTotal).toBeGreaterThan(4 * 1024 * 1024);
      expect(conn.receivedTotal).toBeLessThanOrEqual(4 * 1024 * 1024 + 64 * 1024);
      const read = await conn.read({ until: { delimiter: '\n' }, idleTimeoutMs: 1000 });
      expect([read.data.length, read.end]).toEqual([1024 * 1024, 'max-bytes']);
    } finally {
      conn.destroy();
    }
  });

  it('closes the connection past the received cap, and reads end with max-bytes', async () => {
    const transcript = new TranscriptRecorder();
    const port = await floodingServer();
    const { TcpConnection } = await import('./tcp-connection.js');
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const conn = new TcpConnection(socket, 'conn 1', transcript, undefined, 8 * 1024 * 1024);
    try {
      let read;
      do read = await conn.read({ until: 'close', idleTimeoutMs: 2000 });
      while (read.end === 'max-bytes' && !conn.flood);
      expect(conn.flood?.kind).toBe('too-much-data');
      expect(conn.receivedTotal).toBeLessThanOrEqual(8 * 1024 * 1024 + 64 * 1024);
      expect(socket.destroyed).toBe(true);
      expect(transcript.entries().some((e) => /sent more than/.test(e.note ?? ''))).toBe(true);
    } finally {
      conn.destroy();
    }
  });
});
