/**
 * An in-process file server for unit tests: the `PUT`/`GET` protocol in Node, right or
 * wrong.
 */
import { encodeLengthPrefixed } from '../../lib/framing.js';
import { type FakeServer, listenFakeTcp } from '../../testing/fake-servers.js';
import type { Framing } from '../params.js';

export type FakeFileServerBehavior =
  | 'correct'
  | 'silent' // accepts, never reads, never answers
  | 'no-status' // GET: the file without the `OK` line
  | 'keeps-open' // GET: `OK` and the file, but never closes
  | 'head-lost' // PUT: drops what came with the request line in the first chunk
  | 'crash-on-missing'; // GET of a missing file: crashes with FileNotFoundError

const TRACEBACK = `Traceback (most recent call last):
  File "/work/server.py", line 30, in <module>
    datei = open(name, "rb")
            ^^^^^^^^^^^^^^^^
FileNotFoundError: [Errno 2] No such file or directory: 'gibt-es-nicht.txt'
`;

export function startFakeFileServer(behavior: FakeFileServerBehavior, framing: Framing = 'close'): Promise<FakeServer> {
  const files = new Map<string, Buffer>([['server.py', Buffer.from('import socket\n# a file server\n')]]);
  return listenFakeTcp((socket, shutdown) => {
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
  }, { allowHalfOpen: true });
}
