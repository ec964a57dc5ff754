/** In-process fake students for client suites: echo clients written in Node instead of Python. */
import dgram from 'node:dgram';
import net from 'node:net';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from './fake-grader.js';

export type ClientBehavior =
  | 'correct' // sends the line (without newline), prints the echo, closes, exits 0
  | 'with-newline' // sends the line with its newline
  | 'latin1' // encodes the text as Latin-1
  | 'prints-bytes' // prints b'…'
  | 'hangs' // prints the echo, then waits forever for more data
  | 'refused' // connects to a wrong port and crashes
  | 'floods'; // sends big chunks (1 MiB over TCP, 60 KiB datagrams over UDP) and never reads; stops after 64 MiB

export function startFakeClient(transport: 'tcp' | 'udp', behavior: ClientBehavior, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  const port = behavior === 'refused' ? 1 : Number(portText);
  const line = (request.stdin ?? '').replace(/\n$/, '');
  const payload =
    behavior === 'latin1' ? Buffer.from(line.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1') : Buffer.from(behavior === 'with-newline' ? `${line}\n` : line, 'utf8');
  const decode = (data: Buffer): string => (behavior === 'latin1' ? data.toString('latin1') : data.toString('utf8'));
  const print = (data: Buffer): string =>
    behavior === 'prints-bytes' ? `b'${[...data].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16)}`)).join('')}'\n` : `${decode(data)}\n`;
  let stop: () => void = () => {};
  const startedAt = Date.now();
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    let stdout = '';
    let finished = false;
    const finish = (result: Partial<StudentRunResult>): void => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      resolve({ stdout, durationMs: Date.now() - startedAt, ...result });
    };
    // The grader's kill timer: a hanging client is stopped after `timeoutMs`.
    const killTimer = setTimeout(() => {
      cleanup();
      finish({ exitCode: 137, timedOut: true });
    }, request.timeoutMs ?? 10_000);
    let cleanup: () => void = () => {};
    stop = () => {
      if (finished) return;
      cleanup();
      finish({ exitCode: 137, stopped: true });
    };
    const refused = (): void =>
      finish({ exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/client.py", line 12, in <module>\nConnectionRefusedError: [Errno 111] Connection refused\n' });
    if (transport === 'tcp') {
      const socket = net.connect({ host, port });
      cleanup = () => socket.destroy();
      if (behavior === 'floods') return void floodTcp(socket, finish);
      socket.on('error', refused);
      socket.on('connect', () => socket.write(payload));
      let got = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        got = Buffer.concat([got, chunk]);
        if (got.length < payload.length) return;
        stdout += print(got);
        if (behavior === 'hangs') return;
        socket.end();
        socket.once('close', () => finish({ exitCode: 0 }));
      });
    } else {
      const socket = dgram.createSocket('udp4');
      let open = true;
      cleanup = () => {
        if (open) socket.close();
        open = false;
      };
      if (behavior === 'floods') return void floodUdp(socket, port, host);
      socket.on('message', (data) => {
        stdout += print(data);
        if (behavior === 'hangs') return;
        cleanup();
        finish({ exitCode: 0 });
      });
      if (behavior === 'refused') return void setTimeout(() => {
        cleanup();
        refused();
      }, 10);
      socket.send(payload, port, host);
    }
  });
  return { exited, stop: () => stop() };
}

const FLOOD_LIMIT = 64 * 1024 * 1024;

/** Writes 1 MiB chunks as fast as the socket takes them, never reading, until the server cuts it off (or 64 MiB). */
function floodTcp(socket: net.Socket, finish: (result: Partial<StudentRunResult>) => void): void {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  let sent = 0;
  socket.pause();
  const pump = (): void => {
    while (sent < FLOOD_LIMIT && !socket.destroyed) {
      sent += chunk.length;
      if (!socket.write(chunk)) return void socket.once('drain', pump);
    }
  };
  socket.on('connect', pump);
  socket.on('error', (error: NodeJS.ErrnoException) => finish({ exitCode: 1, stderr: `BrokenPipeError: ${error.code ?? ''}\n` }));
}

/** Sends 60 KiB datagrams in a loop, never reading, until 64 MiB. */
function floodUdp(socket: dgram.Socket, port: number, host: string): void {
  const datagram = Buffer.alloc(60 * 1024, 0x61);
  let sent = 0;
  const next = (): void => {
    if (sent >= FLOOD_LIMIT) return;
    sent += datagram.length;
    try {
      socket.send(datagram, port, host, () => setImmediate(next));
    } catch {
      // closed by the kill timer
    }
  };
  next();
}
