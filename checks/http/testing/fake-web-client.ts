/**
 * An in-process stand-in for a student's HTTP client, in Node: it sends a request to our
 * mock web server and prints what it got, with knobs for every mistake the checks must
 * recognise.
 */
import net from 'node:net';
import type { StartStudentRequest, StudentRunResult } from '../../peer/protocol.js';
import type { FakeStudent } from '../../testing/fake-grader.js';

export interface FakeWebClientOptions {
  /** @defaultValue 'GET / HTTP/1.1' */
  requestLine?: string;
  /** `port`: `Host: host:port`; `none`: no Host; else the value. @defaultValue 'port' */
  host?: string;
  connectionClose?: boolean;
  /** @defaultValue '\r\n' */
  eol?: string;
  /** @defaultValue true */
  blankLine?: boolean;
  /** `frame`: Content-Length or chunks; `close`: until the server closes; `once`: one read. @defaultValue 'frame' */
  read?: 'frame' | 'close' | 'once';
  /** Print the body decoded so; `utf8-strict` crashes on ISO-8859-1. @defaultValue 'latin1' */
  decode?: 'latin1' | 'utf8-replace' | 'bytes-repr' | 'utf8-strict';
  /** Keep running after printing. */
  hang?: boolean;
}

export function startFakeWebClient(options: FakeWebClientOptions, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', port = '0'] = request.args;
  const eol = options.eol ?? '\r\n';
  let stop: () => void = () => {};
  const started = Date.now();
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    let finished = false;
    let printed: Partial<StudentRunResult> = {};
    const finish = (result: Partial<StudentRunResult>): void => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      socket.destroy();
      resolve({ durationMs: Date.now() - started, ...printed, ...result });
    };
    const killTimer = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 10_000);
    stop = () => finish({ exitCode: 137, stopped: true });
    socket.on('error', () => finish({ exitCode: 1, stderr: 'ConnectionResetError\n' }));
    let data = Buffer.alloc(0);
    let ended = false;
    let wake: (() => void) | null = null;
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      wake?.();
    });
    socket.on('end', () => {
      ended = true;
      wake?.();
    });
    const more = (): Promise<void> => new Promise((resolve) => (wake = resolve));
    const print = (body: Buffer): Partial<StudentRunResult> => {
      const decode = options.decode ?? 'latin1';
      if (decode === 'utf8-strict' && !isUtf8(body)) return { exitCode: 1, stderr: "Traceback (most recent call last):\nUnicodeDecodeError: 'utf-8' codec can't decode byte 0xfc in position 312: invalid start byte\n" };
      const text = decode === 'latin1' ? body.toString('latin1') : decode === 'bytes-repr' ? `b'${[...body].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b === 0x0a ? '\\n' : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'` : body.toString('utf8');
      return { exitCode: 0, stdout: `${text}\n` };
    };
    socket.on('connect', async () => {
      const hostValue = options.host ?? 'port';
      const lines = [options.requestLine ?? 'GET / HTTP/1.1', ...(hostValue === 'none' ? [] : [`Host: ${hostValue === 'port' ? `${host}:${port}` : hostValue}`]), ...(options.connectionClose ? ['Connection: close'] : [])];
      socket.write(lines.map((l) => `${l}${eol}`).join('') + ((options.blankLine ?? true) ? eol : ''));
      const mode = options.read ?? 'frame';
      if (mode === 'once') {
        await more();
      } else if (mode === 'close') {
        while (!ended) await more();
      } else {
        for (;;) {
          const split = data.indexOf('\r\n\r\n');
          if (split >= 0) {
            const head = data.subarray(0, split).toString('latin1');
            const body = data.subarray(split + 4);
            const length = /content-length: *(\d+)/i.exec(head);
            if (length && body.length >= Number(length[1])) break;
            if (/transfer-encoding: *chunked/i.test(head) && body.includes('\r\n0\r\n\r\n')) break;
          }
          if (ended) break;
          await more();
        }
      }
      const split = data.indexOf('\r\n\r\n');
      const head = split >= 0 ? data.subarray(0, split).toString('latin1') : '';
      let body = split >= 0 ? data.subarray(split + 4) : data;
      if (mode === 'frame' && /transfer-encoding: *chunked/i.test(head)) body = dechunk(body);
      printed = print(body);
      socket.end();
      if (!options.hang) finish({});
    });
  });
  return { exited, stop: () => stop() };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', offset);
    if (eol < 0) break;
    const size = Number.parseInt(body.subarray(offset, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    offset = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
