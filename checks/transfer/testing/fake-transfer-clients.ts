/**
 * In-process fake students for the transfer client suites: download and object clients
 * in Node.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { StartStudentRequest, StudentRunResult } from '../../peer/protocol.js';
import type { FakeStudent } from '../../testing/fake-grader.js';
import { parsePyLiteral } from '../pickle/py-literal.js';
import type { PyValue } from '../pickle/py-value.js';
import { pickle } from './mini-pickler.js';

/** Runs `body` as a client program: it gets host, port and stdin, and ends with an exit result. */
function fakeProgram(
  request: StartStudentRequest,
  body: (io: { host: string; port: number; stdin: string; print(text: string): void; finish(result: Partial<StudentRunResult>): void; socket(s: net.Socket): net.Socket }) => void,
): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  let stop: () => void = () => {};
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    let stdout = '';
    let done = false;
    const sockets: net.Socket[] = [];
    const finish = (result: Partial<StudentRunResult>): void => {
      if (done) return;
      done = true;
      clearTimeout(killTimer);
      for (const s of sockets) s.destroy();
      resolve({ stdout, ...result });
    };
    const killTimer = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 10_000);
    stop = () => finish({ exitCode: 137, stopped: true });
    body({
      host,
      port: Number(portText),
      stdin: request.stdin ?? '',
      print: (text) => void (stdout += `${text}\n`),
      finish,
      socket: (s) => {
        sockets.push(s);
        s.on('error', () => finish({ exitCode: 1, stderr: 'Traceback (most recent call last):\nConnectionResetError: [Errno 104] Connection reset by peer\n' }));
        return s;
      },
    });
  });
  return { exited, stop: () => stop() };
}

export type FakeFileClientBehavior =
  | 'correct' // GET name, reads to the end (close) or the announced length, prints size and SHA-256
  | 'name-only' // sends just the name, no GET
  | 'crashes-on-error'; // treats an ERROR answer as a file and crashes

export function startFakeFileClient(behavior: FakeFileClientBehavior, request: StartStudentRequest, framing: 'close' | 'length-prefix' = 'close'): FakeStudent {
  return fakeProgram(request, ({ host, port, stdin, print, finish, socket }) => {
    const name = stdin.trim();
    const conn = socket(net.connect({ host, port }));
    conn.on('connect', () => conn.write(behavior === 'name-only' ? `${name}\n` : `GET ${name}\n`));
    const chunks: Buffer[] = [];
    const done = (): void => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      const status = all.subarray(0, newline).toString('utf8');
      if (status !== 'OK') {
        if (behavior === 'crashes-on-error') return finish({ exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/client.py", line 20\nValueError: not OK\n' });
        print(status);
        return finish({ exitCode: 0 });
      }
      const content = framing === 'length-prefix' ? all.subarray(newline + 9) : all.subarray(newline + 1);
      print(`${name}: ${content.length} Bytes, SHA-256 ${createHash('sha256').update(content).digest('hex')}`);
      finish({ exitCode: 0 });
    };
    conn.on('data', (chunk: Buffer) => chunks.push(chunk));
    conn.on('end', done);
  });
}

export type FakeObjectClientBehavior =
  | 'correct' // pickles the literal, frames it as the assignment says, prints the answer
  | 'no-shutdown' // framing close: sends the pickle but never ends its sending side
  | 'four-byte-prefix' // framing length-prefix: a 4-byte length (htonl style)
  | 'list-as-tuple' // sends a tuple where the literal has a list
  | 'pickles-line'; // pickles the line of text itself

export function startFakeObjectClient(behavior: FakeObjectClientBehavior, request: StartStudentRequest, framing: 'close' | 'length-prefix'): FakeStudent {
  return fakeProgram(request, ({ host, port, stdin, print, finish, socket }) => {
    const line = stdin.replace(/\n$/, '');
    let value: PyValue = behavior === 'pickles-line' ? { kind: 'str', value: line } : parsePyLiteral(line);
    if (behavior === 'list-as-tuple' && value.kind === 'list') value = { kind: 'tuple', items: value.items };
    const data = pickle(value);
    const conn = socket(net.connect({ host, port, allowHalfOpen: true }));
    conn.on('connect', () => {
      if (framing === 'close') {
        conn.write(data);
        if (behavior !== 'no-shutdown') conn.end();
        return;
      }
      const prefix = Buffer.alloc(behavior === 'four-byte-prefix' ? 4 : 8);
      if (behavior === 'four-byte-prefix') prefix.writeUInt32BE(data.length);
      else prefix.writeBigUInt64BE(BigInt(data.length));
      conn.write(Buffer.concat([prefix, data]));
    });
    let answer = '';
    conn.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    conn.on('end', () => {
      print(answer.trim());
      conn.end();
      finish({ exitCode: 0 });
    });
  });
}
