/**
 * In-process fake students for the abp suites' unit tests: senders and receivers written
 * in Node, right and wrong, with short timeouts so a whole suite runs in about a second.
 * (Test support only; the real Python fixtures are graded in `fixtures.test.ts`.)
 */
import dgram from 'node:dgram';
import type { StartStudentRequest, StudentRunResult } from '../../peer/protocol.js';
import type { FakeStudent } from '../../testing/fake-grader.js';

export type FakeSenderBehavior = 'correct' | 'no-retransmission' | 'no-alternation' | 'ignores-ack-bit' | 'silent';
export type FakeReceiverBehavior = 'correct' | 'prints-repeats' | 'no-reack' | 'no-hello';

interface Harness {
  socket: dgram.Socket;
  /** The next datagram, or null after `ms`. */
  next(ms: number): Promise<Buffer | null>;
  finish(result: Partial<StudentRunResult>): void;
  out: string[];
  err: string[];
}

function harness(request: StartStudentRequest, body: (h: Harness) => Promise<number>): FakeStudent {
  const socket = dgram.createSocket('udp4');
  const queue: Buffer[] = [];
  let wake: (() => void) | null = null;
  socket.on('message', (data) => {
    queue.push(data);
    wake?.();
  });
  socket.on('error', () => {});
  const startedAt = Date.now();
  let settle!: (result: Partial<StudentRunResult>) => void;
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => (settle = resolve));
  let done = false;
  const out: string[] = [];
  const err: string[] = [];
  const finish = (result: Partial<StudentRunResult>): void => {
    if (done) return;
    done = true;
    clearTimeout(killTimer);
    wake?.();
    try {
      socket.close();
    } catch {
      // already closed
    }
    settle({ stdout: out.join(''), stderr: err.join(''), durationMs: Date.now() - startedAt, ...result });
  };
  const killTimer = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 10_000);
  const next = (ms: number): Promise<Buffer | null> =>
    new Promise((resolve) => {
      const take = (): void => {
        clearTimeout(timer);
        wake = null;
        resolve(queue.shift() ?? null);
      };
      if (queue.length > 0 || done) return take();
      const timer = setTimeout(take, ms);
      wake = take;
    });
  socket.bind(0, '127.0.0.1', () => {
    body({ socket, next, finish, out, err }).then(
      (exitCode) => finish({ exitCode }),
      (error: unknown) => finish({ exitCode: 1, stderr: `Traceback (most recent call last):\n${String(error)}\n` }),
    );
  });
  return { exited, stop: () => finish({ exitCode: 137, stopped: true }) };
}

export function startFakeSender(behavior: FakeSenderBehavior, request: StartStudentRequest, timeoutMs = 40, retries = 3): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  const port = Number(portText);
  const lines = (request.stdin ?? '').split('\n').filter((line) => line !== '');
  return harness(request, async ({ socket, next, err }) => {
    if (behavior === 'silent') return 0;
    let seq = 0;
    const packets = [...lines.map((line) => `D%:${line}`), 'E%'];
    for (const template of packets) {
      const packet = template.replace('%', String(seq));
      let acked = false;
      for (let attempt = 0; attempt <= retries && !acked; attempt += 1) {
        socket.send(packet, port, host);
        const deadline = Date.now() + timeoutMs;
        while (!acked) {
          const left = deadline - Date.now();
          const data = left > 0 ? await next(left) : null;
          if (!data) break;
          const text = data.toString();
          acked = behavior === 'ignores-ack-bit' ? text.startsWith('A') : text === `A${seq}`;
        }
        if (!acked && behavior === 'no-retransmission') break;
      }
      if (!acked && behavior !== 'no-retransmission') {
        err.push('Abbruch: keine Quittung\n');
        return 1;
      }
      if (behavior !== 'no-alternation') seq = 1 - seq;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    return 0;
  });
}

export function startFakeReceiver(behavior: FakeReceiverBehavior, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', portText = '0'] = request.args;
  const port = Number(portText);
  return harness(request, async ({ socket, next, out }) => {
    if (behavior === 'no-hello') {
      await next(60_000);
      return 0;
    }
    socket.send('H', port, host);
    let expected = 0;
    for (;;) {
      const data = await next(5000);
      if (!data) return 1;
      const text = data.toString();
      const bit = Number(text[1]);
      const repeat = bit !== expected;
      if (!(repeat && behavior === 'no-reack')) socket.send(`A${bit}`, port, host);
      if (repeat && behavior !== 'prints-repeats') continue;
      // Node's send() is asynchronous: let the last acknowledgement leave before the socket closes.
      if (text[0] === 'E') return new Promise<number>((resolve) => setTimeout(() => resolve(0), 10));
      if (!repeat) expected = 1 - expected;
      out.push(`${text.slice(text.indexOf(':') + 1)}\n`);
    }
  });
}
