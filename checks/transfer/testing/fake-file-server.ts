/**
 * An in-process file server for unit tests: the `PUT`/`GET` protocol in Node, right or
 * wrong. Shaped like `checks/testing`'s FakeServer (structurally: non-test code may not
 * import test helpers, and this folder counts as non-test code for the boundary check).
 */
import net from 'node:net';
import type { StudentRunResult } from '../../peer/protocol.js';
import { encodeLengthPrefixed } from '../../lib/framing.js';
import type { Framing } from '../params.js';

export type FakeFileServerBehavior =
  | 'correct'
  | 'silent' // accepts, never reads, never answers
  | 'no-status' // GET: the file without the `OK` line
  | 'keeps-open' // GET: `OK` and the file, but never closes
  | 'head-lost' // PUT: drops what came with the request line in the first chunk
  | 'crash-on-missing'; // GET of a missing file: crashes with FileNotFoundError

export interface FakeFileServer {
  port: number;
  address: string;
  exited: Promise<Partial<StudentRunResult>>;
  stop(): void;
}

const TRACEBACK = `Traceback (most recent call last):
  File "/work/server.py", line 30, in <module>
    datei = open(name, "rb")
            ^^^^^^^^^^^^^^^^
FileNotFoundError: [Errno 2] No such file or directory: 'gibt-es-nicht.txt'
`;

export async function startFakeFileServer(behavior: FakeFileServerBehavior, framing: Framing = 'close'): Promise<FakeFileServer> {
  const files = new Map<string, Buffer>([['server.py', Buffer.from('import socket\n# a file server\n')]]);
  const sockets = new Set<net.Socket>();
  let exit!: (result: Partial<StudentRunResult>) => void;
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => (exit = resolve));
  const server = net.createServer({ allowHalfOpen: true });
  const shutdown = (result: Partial<StudentRunResult>): void => {
    server.close();
    for (const socket of sockets) socket.destroy();
    exit(result);
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (behavior === 'silent') return void socket.pause();
    let buffer = Buffer.alloc(0);
    let request: { verb: string; name: string } | null = null;
    let firstChunk = true;
    const finishPut = (content: Buffer): void => {
      if (!request) return;
      files.set(request.name, content);
      socket.end('OK\n');
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!request) {
        const newline = buffer.indexOf(0x0a);
        if (newline < 0) return;
        const [verb = '', ...rest] = buffer.subarray(0, newline).toString('utf8').trim().split(' ');
        request = { verb, name: rest.join(' ') };
        buffer = behavior === 'head-lost' && firstChunk ? Buffer.alloc(0) : buffer.subarray(newline + 1);
        if (verb === 'GET') return answerGet(request.name);
      }
      firstChunk = false;
      if (request.verb === 'PUT' && framing === 'length-prefix' && buffer.length >= 8) {
        const length = Number(buffer.readBigUInt64BE(0));
        if (buffer.length >= 8 + length) finishPut(buffer.subarray(8, 8 + length));
      }
    });
    socket.on('end', () => {
      if (request?.verb === 'PUT' && framing === 'close') finishPut(buffer);
    });
    const answerGet = (name: string): void => {
      const content = files.get(name);
      if (!content || name.includes('/')) {
        if (behavior === 'crash-on-missing' && !name.includes('/')) return shutdown({ exitCode: 1, stderr: TRACEBACK });
        return void socket.end('ERROR no such file\n');
      }
      const body = framing === 'length-prefix' ? encodeLengthPrefixed(content, 8) : content;
      if (behavior === 'no-status') return void socket.end(body);
      if (behavior === 'keeps-open') return void socket.write(Buffer.concat([Buffer.from('OK\n'), body]));
      socket.end(Buffer.concat([Buffer.from('OK\n'), body]));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, address: '127.0.0.1', exited, stop: () => shutdown({ exitCode: 137, stopped: true }) };
}
