/**
 * The three situations a client has to survive: nobody listens, a server that never
 * answers, a server that closes without answering. Each gives a port and, afterwards,
 * what our side saw of the client.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { quoteBytes } from '../lib/bytes-text.js';
import { RecordingTcpServer } from '../lib/recording-tcp-server.js';
import { RecordingUdpServer } from '../lib/recording-udp-server.js';
import type { TranscriptRecorder } from '../lib/transcript.js';
import { ClosingTcpServer } from './closing-tcp-server.js';

export type Situation = 'no-server' | 'silent-server' | 'closing-server';

export interface SituationHandle {
  port: number;
  /** What our side saw, for feedback: "Nobody listened on …", "Our server accepted …". */
  describe(): string;
  /** Did the client reach our server (a connection or a datagram)? Null where nobody listens. */
  contacted(): boolean | null;
  close(): Promise<void>;
}

export interface SituationOptions {
  transcript: TranscriptRecorder;
  host: string;
  /** Closing server: close this long after accepting when nothing comes. @defaultValue 300 */
  closeAfterMs?: number;
}

export async function startSituation(situation: Situation, transport: 'tcp' | 'udp', options: SituationOptions): Promise<SituationHandle> {
  const { transcript, host } = options;
  if (situation === 'no-server') {
    const port = await freePort(transport, host);
    transcript.event('setup', `nobody listens on ${host} port ${port} (${transport.toUpperCase()})`);
    return { port, describe: () => `Nobody listened on ${host} port ${port} (${transport.toUpperCase()}).`, contacted: () => null, close: async () => {} };
  }
  if (situation === 'silent-server' && transport === 'udp') {
    const server = await RecordingUdpServer.start({ transcript, host, echo: false });
    return {
      port: server.port,
      describe: () =>
        server.receivedTotal === 0
          ? 'Our server waited for a datagram from your client, but none came.'
          : `Our server got your datagram ${quoteBytes(server.datagrams[0]?.data ?? Buffer.alloc(0), 40)} and never answered.`,
      contacted: () => server.receivedTotal > 0,
      close: () => server.close(),
    };
  }
  if (situation === 'silent-server') {
    const server = await RecordingTcpServer.start({ transcript, host, echo: false });
    return {
      port: server.port,
      describe: () => {
        if (server.connections.length === 0) return 'Our server waited for your client to connect, but it never did.';
        const got = server.receivedBytes();
        return `Our server accepted your connection${got.length > 0 ? `, received ${quoteBytes(got, 40)}` : ''} and never answered (nor closed the connection).`;
      },
      contacted: () => server.connections.length > 0,
      close: () => server.close(0),
    };
  }
  if (transport === 'udp') throw new Error('a UDP server cannot close a connection: there is none');
  const server = await ClosingTcpServer.start({ transcript, host, ...(options.closeAfterMs !== undefined ? { closeAfterMs: options.closeAfterMs } : {}) });
  return {
    port: server.port,
    describe: () => {
      const first = server.connections[0];
      if (!first) return 'Our server waited for your client to connect, but it never did.';
      return `Our server accepted your connection${first.received.length > 0 ? `, read ${quoteBytes(first.received, 40)}` : ''} and closed it without answering.`;
    },
    contacted: () => server.connections.length > 0,
    close: () => server.close(),
  };
}

/** A port nobody listens on: bound by the kernel's choice, then released at once. */
async function freePort(transport: 'tcp' | 'udp', host: string): Promise<number> {
  if (transport === 'tcp') {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
