import net from 'node:net';
import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { RecordingTcpServer } from './recording-tcp-server.js';
import { RecordingUdpServer } from './recording-udp-server.js';
import { TranscriptRecorder } from './transcript.js';

/** A client that writes 1 MiB chunks as fast as the kernel takes them and never reads; resolves when cut off. */
function floodTcp(port: number, limit = 256 * 1024 * 1024): Promise<{ sent: number; error: string | null }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    socket.pause();
    const pump = (): void => {
      while (sent < limit && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      socket.end();
    };
    socket.on('connect', pump);
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ sent, error: error.code ?? 'ERROR' }));
    socket.on('close', () => resolve({ sent, error: null }));
  });
}

describe('RecordingTcpServer against a client that floods', () => {
  it('closes the connection once the unread echo passes the cap, keeping at most the cap plus one chunk', async () => {
    const transcript = new TranscriptRecorder();
    const server = await RecordingTcpServer.start({ transcript, maxUnreadBytes: 256 * 1024 });
    const client = await floodTcp(server.port);
    await server.close();
    const [conn] = server.connections;
    expect(client.error).not.toBeNull();
    expect(client.sent).toBeLessThan(64 * 1024 * 1024);
    expect(conn?.flood?.kind).toBe('unread-replies');
    // Node hands 'data' at most 64 KiB at a time: the backlog never grows past cap + one chunk.
    expect(conn?.flood?.unreadBytes).toBeGreaterThan(256 * 1024);
    expect(conn?.flood?.unreadBytes).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(conn?.received.length).toBeLessThanOrEqual(1024 * 1024);
    expect(transcript.entries().some((e) => /without reading our echo/.test(e.note ?? ''))).toBe(true);
  });

  it('closes a connection that sends more than maxReceivedBytes even when nothing is echoed', async () => {
    const transcript = new TranscriptRecorder();
    const server = await RecordingTcpServer.start({ transcript, echo: false, maxReceivedBytes: 4 * 1024 * 1024 });
    const client = await floodTcp(server.port);
    await server.close();
    const [conn] = server.connections;
    expect(client.error).not.toBeNull();
    expect(conn?.flood?.kind).toBe('too-much-data');
    expect(conn?.receivedTotal).toBeGreaterThan(4 * 1024 * 1024);
    expect(conn?.receivedTotal).toBeLessThanOrEqual(4 * 1024 * 1024 + 64 * 1024);
  });

  it('leaves a normal echo alone', async () => {
    const transcript = new TranscriptRecorder();
    const server = await RecordingTcpServer.start({ transcript });
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    socket.write('hallo');
    const echo = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.end();
    await new Promise((resolve) => socket.once('close', resolve));
    await server.close();
    expect(echo.toString()).toBe('hallo');
    expect(server.connections[0]?.flood).toBeNull();
  });
});

describe('RecordingUdpServer against a client that floods', () => {
  it('stops answering once its answers reach maxAnsweredBytes', async () => {
    const transcript = new TranscriptRecorder();
    const server = await RecordingUdpServer.start({ transcript, maxAnsweredBytes: 100 * 1024 });
    const socket = dgram.createSocket('udp4');
    const datagram = Buffer.alloc(30 * 1024, 0x61);
    for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => socket.send(datagram, server.port, '127.0.0.1', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.close();
    await server.close();
    expect(server.stoppedAnswering).toBe(true);
    expect(server.answeredBytes).toBe(90 * 1024);
    expect(server.datagrams.length).toBeLessThanOrEqual(64);
  });
});
