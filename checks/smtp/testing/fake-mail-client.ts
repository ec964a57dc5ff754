/**
 * An in-process stand-in for a student's mail client, in Node: it reads sender,
 * recipient, subject and body from the stdin we give it and talks SMTP to our mock
 * server, with knobs for every mistake the checks must recognise.
 */
import net from 'node:net';
import type { StartStudentRequest, StudentRunResult } from '../../peer/protocol.js';
import type { FakeStudent } from '../../testing/fake-grader.js';

export interface FakeMailClientOptions {
  /** @defaultValue '\r\n' */
  eol?: string;
  /** Read the greeting before the first command. @defaultValue true */
  readGreeting?: boolean;
  /** Commands sent together before reading their replies, e.g. `[['MAIL', 'RCPT', 'DATA']]`. */
  groups?: string[][];
  /** @defaultValue 'EHLO' */
  hello?: 'EHLO' | 'HELO' | null;
  /** Send MAIL before HELO/EHLO. */
  mailFirst?: boolean;
  /** `MAIL FROM:` argument from the sender address. @defaultValue `<${from}>` */
  path?: (address: string) => string;
  /** Header lines; `null`: none. @defaultValue From, To, Subject, Date */
  headers?: (input: { from: string; to: string; subject: string }) => string[] | null;
  /** An empty line after the header. @defaultValue true */
  blankLine?: boolean;
  /** @defaultValue true */
  stuff?: boolean;
  /** `dot`: `.` on its own line; `glued`: body without final line end, then `.\r\n`; `none`: nothing. @defaultValue 'dot' */
  end?: 'dot' | 'glued' | 'none';
  /** Line end after QUIT; `''` sends it unterminated. @defaultValue eol */
  quitEol?: string;
  /** @defaultValue true */
  quit?: boolean;
  /** Keep running after QUIT (until killed). */
  hang?: boolean;
  /** Exit with this code without connecting. */
  crash?: number;
}

export function startFakeMailClient(options: FakeMailClientOptions, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', port = '0'] = request.args;
  const [from = '', to = '', subject = '', ...rest] = (request.stdin ?? '').replace(/\n$/, '').split('\n');
  const eol = options.eol ?? '\r\n';
  let stop: () => void = () => {};
  const started = Date.now();
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    if (options.crash !== undefined) return resolve({ exitCode: options.crash, stderr: 'Traceback (most recent call last):\nConnectionRefusedError: [Errno 111] Connection refused\n' });
    const socket = net.connect({ host, port: Number(port) });
    let finished = false;
    const finish = (result: Partial<StudentRunResult>): void => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      socket.destroy();
      resolve({ durationMs: Date.now() - started, ...result });
    };
    const killTimer = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 10_000);
    stop = () => finish({ exitCode: 137, stopped: true });
    socket.on('error', () => finish({ exitCode: 1, stderr: 'ConnectionResetError\n' }));
    let buffer = '';
    let wake: (() => void) | null = null;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      wake?.();
    });
    socket.on('end', () => wake?.());
    /** One reply: lines until one with a space after the code; null when the server closed. */
    const reply = async (): Promise<number | null> => {
      for (;;) {
        const match = /^(\d{3})( [^\n]*)?\r?\n/m.exec(buffer);
        if (match) {
          buffer = buffer.slice((match.index ?? 0) + match[0].length);
          return Number(match[1]);
        }
        if (socket.readableEnded || socket.destroyed) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    };
    const send = (line: string, end = eol): void => void socket.write(`${line}${end}`);
    socket.on('connect', async () => {
      const commands: Array<[string, string]> = [];
      const hello = options.hello === undefined ? 'EHLO' : options.hello;
      const path = options.path ?? ((a) => `<${a}>`);
      if (hello && !options.mailFirst) commands.push(['HELO', `${hello} sesamstrasse.de`]);
      commands.push(['MAIL', `MAIL FROM:${path(from)}`]);
      if (hello && options.mailFirst) commands.push(['HELO', `${hello} sesamstrasse.de`]);
      commands.push(['RCPT', `RCPT TO:${path(to)}`], ['DATA', 'DATA']);
      if (options.readGreeting ?? true) await reply();
      for (let i = 0; i < commands.length; ) {
        const group = options.groups?.find((g) => g[0] === (commands[i] as [string, string])[0]) ?? [(commands[i] as [string, string])[0]];
        const batch = commands.slice(i, i + group.length);
        for (const [, line] of batch) send(line);
        for (const _ of batch) await reply();
        i += batch.length;
      }
      const date = 'Sun, 29 Nov 2026 13:15:53 +0100';
      const headers = options.headers === undefined ? [`From: <${from}>`, `To: <${to}>`, `Subject: ${subject}`, `Date: ${date}`] : options.headers({ from, to, subject });
      const lines = [...(headers ?? []), ...((options.blankLine ?? true) && headers ? [''] : []), ...rest.map((l) => ((options.stuff ?? true) && l.startsWith('.') ? `.${l}` : l))];
      const end = options.end ?? 'dot';
      if (end === 'glued') socket.write(`${lines.join(eol)}.${eol}`);
      else if (end === 'dot') socket.write(`${lines.map((l) => `${l}${eol}`).join('')}.${eol}`);
      else socket.write(lines.map((l) => `${l}${eol}`).join(''));
      if ((await reply()) === null) return finish({ exitCode: 1, stdout: 'Verbindung verloren\n' });
      if (options.quit ?? true) {
        send('QUIT', options.quitEol ?? eol);
        await reply();
      }
      if (options.hang) return;
      socket.end();
      finish({ exitCode: 0, stdout: 'Mail verschickt.\n' });
    });
  });
  return { exited, stop: () => stop() };
}
