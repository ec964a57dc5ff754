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
  | 'refused'; // connects to a wrong port and crashes

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
