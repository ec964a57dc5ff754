/**
 * In-process fake students for server suites: small Node servers that behave like the
 * Python submissions we grade, right or wrong.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { decodeUtf8 } from '../lib/bytes-text.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from './fake-grader.js';

export type TcpBehavior =
  | 'echo' // loops over recv until the client closes, echoes every piece
  | 'course' // the slide's server: one recv, decode UTF-8 (crash if invalid), send, close
  | 'thread-dies-on-binary' // echoes text; on bytes that are not UTF-8 its handler thread dies (connection closed), the server lives on
  | 'lowercase' // like course, but lowercases
  | 'newline' // like course, but adds "\n"
  | 'silent' // accepts and never answers
  | 'close-at-once' // accepts and closes
  | 'closes-then-crashes' // closes connections with text unanswered; crashes (course-style) on bytes that are not UTF-8
  | 'one-client-then-exit' // serves one client course-style, then exits 0
  | 'late-extra' // loops over recv, echoes every piece and 50 ms later a "\n"; closes after the client closed
  | 'keeps-open'; // loops over recv, echoes every piece, never closes a connection (not even after the client's FIN)

export type UdpBehavior = 'echo' | 'course' | 'wrong-reply' | 'silent';

export interface FakeServer extends FakeStudent {
  port: number;
  address: string;
}

const UNICODE_TRACEBACK = `Traceback (most recent call last):
  File "/work/server.py", line 18, in <module>
    datenstring = bytes2string(daten)
                  ^^^^^^^^^^^^^^^^^^^
  File "/work/server.py", line 9, in bytes2string
    return str(bytes, "utf8")
           ^^^^^^^^^^^^^^^^^^
UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte
`;

function exitLatch(): { exited: Promise<Partial<StudentRunResult>>; exit(result: Partial<StudentRunResult>): void } {
  let exit!: (result: Partial<StudentRunResult>) => void;
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => (exit = resolve));
  let done = false;
  return {
    exited,
    exit: (result) => {
      if (done) return;
      done = true;
      exit(result);
    },
  };
}

/** Ends a fake server's "program": closes its sockets and settles `exited` with `result` (the first call wins). */
export type Shutdown = (result: Partial<StudentRunResult>) => void;

/**
 * The start/stop part every in-process fake TCP server shares: listens on 127.0.0.1 port 0,
 * keeps its connections so that a crash or `stop()` drops them, and ignores their errors (a
 * reset from our side is no crash). `onConnection` plays the student's program.
 */
export async function listenFakeTcp(onConnection: (socket: net.Socket, shutdown: Shutdown) => void, options: net.ServerOpts = {}): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const latch = exitLatch();
  const server = net.createServer(options);
  const shutdown: Shutdown = (result) => {
    server.close();
    for (const socket of sockets) socket.destroy();
    latch.exit(result);
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket, shutdown);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, address: '127.0.0.1', exited: latch.exited, stop: () => shutdown({ exitCode: 137, stopped: true }) };
}

/** The same for UDP: binds 127.0.0.1 port 0; `onMessage` answers through `socket`. */
export async function bindFakeUdp(onMessage: (data: Buffer, remote: dgram.RemoteInfo, socket: dgram.Socket, shutdown: Shutdown) => void): Promise<FakeServer> {
  const latch = exitLatch();
  const socket = dgram.createSocket('udp4');
  let closed = false;
  const shutdown: Shutdown = (result) => {
    if (!closed) socket.close();
    closed = true;
    latch.exit(result);
  };
  socket.on('message', (data, remote) => onMessage(data, remote, socket, shutdown));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, address: '127.0.0.1', exited: latch.exited, stop: () => shutdown({ exitCode: 137, stopped: true }) };
}

export function startFakeTcpServer(behavior: TcpBehavior): Promise<FakeServer> {
  if (behavior === 'late-extra' || behavior === 'keeps-open') return startHalfOpenServer(behavior);
  return listenFakeTcp((socket, shutdown) => {
    if (behavior === 'silent') return;
    if (behavior === 'close-at-once') return void socket.destroy();
    if (behavior === 'closes-then-crashes') {
      return void socket.once('data', (chunk: Buffer) => (decodeUtf8(chunk) === null ? shutdown({ exitCode: 1, stderr: UNICODE_TRACEBACK }) : socket.destroy()));
    }
    if (behavior === 'echo') return void socket.on('data', (chunk) => socket.write(chunk));
    if (behavior === 'thread-dies-on-binary') return void socket.on('data', (chunk: Buffer) => (decodeUtf8(chunk) === null ? socket.destroy() : socket.write(chunk)));
    socket.once('data', (chunk: Buffer) => {
      const text = decodeUtf8(chunk);
      if (text === null) return shutdown({ exitCode: 1, stderr: UNICODE_TRACEBACK });
      const reply = behavior === 'lowercase' ? text.toLowerCase() : behavior === 'newline' ? `${text}\n` : text;
      socket.end(Buffer.from(reply, 'utf8'));
      if (behavior === 'one-client-then-exit') socket.once('close', () => shutdown({ exitCode: 0, stdout: 'Warte auf Anfragen an Port 1234.\n' }));
    });
  });
}

/** Servers that see the client's FIN and choose what to do: they need `allowHalfOpen`. */
function startHalfOpenServer(behavior: 'late-extra' | 'keeps-open'): Promise<FakeServer> {
  return listenFakeTcp(
    (socket) => {
      let pending = 0;
      let ended = false;
      const closeIfDone = (): void => {
        if (ended && pending === 0) socket.end();
      };
      socket.on('data', (chunk: Buffer) => {
        socket.write(chunk);
        if (behavior !== 'late-extra') return;
        pending += 1;
        setTimeout(() => {
          pending -= 1;
          socket.write('\n');
          closeIfDone();
        }, 50);
      });
      socket.on('end', () => {
        if (behavior === 'keeps-open') return;
        ended = true;
        closeIfDone();
      });
    },
    { allowHalfOpen: true },
  );
}

export function startFakeUdpServer(behavior: UdpBehavior): Promise<FakeServer> {
  return bindFakeUdp((data, remote, socket, shutdown) => {
    if (behavior === 'silent') return;
    if (behavior === 'echo') return void socket.send(data, remote.port, remote.address);
    const text = decodeUtf8(data);
    if (text === null) return shutdown({ exitCode: 1, stderr: UNICODE_TRACEBACK });
    const reply = behavior === 'wrong-reply' ? `Echo: ${text}` : text;
    socket.send(Buffer.from(reply, 'utf8'), remote.port, remote.address);
  });
}

/** A student that exits at once, as a syntax error or a missing file would. */
export function crashingStudent(result: Partial<StudentRunResult>, afterMs = 20): FakeStudent {
  return { exited: new Promise((resolve) => setTimeout(() => resolve(result), afterMs)), stop: () => {} };
}

/** A student that runs but never opens a socket. */
export function sleepingStudent(): FakeStudent {
  const latch = exitLatch();
  return { exited: latch.exited, stop: () => latch.exit({ exitCode: 137, stopped: true }) };
}
