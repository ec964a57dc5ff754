import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from '../testing/fake-grader.js';
import { fastAssignment, runFakePeer } from '../testing/run-fake-peer.js';
import { chatClient } from './assignments.js';
import { typedNameFor } from './chat-client-scenario.js';

type Behavior =
  | 'correct' // logs in, sends each line, prints NAME:text, /logout, waits for /ok, exit 0; on /error: message, exit 1
  | 'no-terminator' // never sends the \0
  | 'no-logout' // closes at the end of input without /logout
  | 'newline-name' // sends the name with its line break
  | 'name-only' // sends the bare name instead of /login NAME
  | 'ignores-error' // sends its lines even after /error
  | 'silent-on-error' // ends without a word after /error
  | 'text-only' // prints the text without the sender's name
  | 'hangs'; // after /ok to /logout it never ends

function startFakeChatClient(behavior: Behavior, request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', portText = '0', argvName] = request.args;
  const lines = (request.stdin ?? '').split('\n').filter((line) => line !== '');
  const name = argvName ?? lines.shift() ?? '';
  const end = behavior === 'no-terminator' ? '' : '\0';
  let stdout = '';
  const print = (text: string): void => void (stdout += `${text}\n`);
  let stop: () => void = () => {};
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    const socket = net.connect({ host, port: Number(portText) });
    let finished = false;
    const finish = (result: Partial<StudentRunResult>): void => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      socket.destroy();
      resolve({ stdout, ...result });
    };
    const killTimer = setTimeout(() => finish({ exitCode: 137, timedOut: true }), request.timeoutMs ?? 10_000);
    stop = () => finish({ exitCode: 137, stopped: true });
    socket.on('error', () => finish({ exitCode: 1, stderr: 'ConnectionResetError\n' }));
    const frames: string[] = [];
    let wake: (() => void) | null = null;
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\0'); i >= 0; i = buffer.indexOf('\0')) {
        frames.push(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
      }
      wake?.();
    });
    const next = async (): Promise<string | null> => {
      while (frames.length === 0) {
        if (socket.readableEnded || socket.destroyed) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
          socket.once('end', resolve);
        });
      }
      return frames.shift() as string;
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    socket.on('connect', async () => {
      const login = behavior === 'name-only' ? name : behavior === 'newline-name' ? `/login ${name}\n` : `/login ${name}`;
      socket.write(`${login}${end}`);
      const reply = await next();
      if (!reply?.startsWith('/ok') && behavior !== 'ignores-error') {
        if (behavior !== 'silent-on-error') print(`Anmeldung abgelehnt: ${name}`);
        socket.end();
        return finish({ exitCode: 1 });
      }
      let loggedOut: () => void = () => {};
      const logoutOk = new Promise<void>((resolve) => (loggedOut = resolve));
      void (async () => {
        for (let frame = await next(); frame !== null; frame = await next()) {
          if (frame === '/ok') loggedOut();
          else if (/^[\w-]+:/.test(frame)) print(behavior === 'text-only' ? frame.slice(frame.indexOf(':') + 1) : frame);
        }
        loggedOut();
      })();
      for (const line of lines) socket.write(`${line}${end}`);
      if (behavior === 'no-logout') {
        await sleep(100);
        socket.end();
        return finish({ exitCode: 0 });
      }
      socket.write(`/logout${end}`);
      await Promise.race([logoutOk, sleep(500)]);
      if (behavior === 'hangs') return;
      socket.end();
      finish({ exitCode: 0 });
    });
  });
  return { exited, stop: () => stop() };
}

const assignment = fastAssignment(chatClient, {}, { settleMs: 60 });
const run = (behavior: Behavior, params: Record<string, unknown> = {}) =>
  runFakePeer({ ...assignment, params: { ...assignment.params, ...params } }, (request) => startFakeChatClient(behavior, request));
const allPassed = Object.fromEntries(chatClient.tests.map((t) => [t.id, 'passed']));

describe('chat-client suite', () => {
  it('gives a correct client full marks, with a name from the seed', async () => {
    const result = await run('correct');
    expect(result.grader.statuses()).toEqual(allPassed);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    const name = typedNameFor('test-seed');
    expect(result.grader.starts[0]?.stdin?.startsWith(`${name}\n`)).toBe(true);
    expect(result.feedback.login).toContain(`\`/login ${name}\\0\``);
    expect(result.feedback['prints-messages']).toContain(`Bob:Hallo ${name}, schön, dass du da bist!`);
  });

  it('passes the name in argv when the teacher says so', async () => {
    const result = await run('correct', { nameVia: 'argv' });
    expect(result.score.score).toBe(100);
    expect(result.grader.starts[0]?.args).toHaveLength(3);
  });

  it('explains a forgotten \\0', async () => {
    const result = await run('no-terminator');
    expect(result.grader.statuses()).toEqual({ ...allPassed, login: 'failed', 'sends-messages': 'failed', logout: 'failed' });
    expect(result.feedback.login).toContain('No `\\0` came after it');
    expect(result.feedback['sends-messages']).toContain('Several lines ran together into one');
  });

  it('fails only the logout test of a client that never logs out', async () => {
    const result = await run('no-logout');
    expect(result.grader.statuses()).toEqual({ ...allPassed, logout: 'failed' });
    expect(result.feedback.logout).toContain('without sending `/logout\\0`');
  });

  it('explains a name with its line break and a name without /login', async () => {
    const newline = await run('newline-name');
    expect(newline.grader.statuses().login).toBe('failed');
    expect(newline.feedback.login).toContain('The name still has its line break');
    const bare = await run('name-only');
    expect(bare.feedback.login).toContain('That is the name alone');
  });

  it('wants a refused login reported and no more messages', async () => {
    const ignores = await run('ignores-error');
    expect(ignores.grader.statuses()['name-taken']).toBe('failed');
    expect(ignores.feedback['name-taken']).toContain('Then your client still sent `Hallo, ich bin auch Bob!\\0`');
    const silent = await run('silent-on-error');
    expect(silent.grader.statuses()['name-taken']).toBe('failed');
    expect(silent.feedback['name-taken']).toContain('ended without a word');
  });

  it('wants the sender printed with the text', async () => {
    const result = await run('text-only');
    expect(result.grader.statuses()['prints-messages']).toBe('failed');
    expect(result.feedback['prints-messages']).toContain('but not who said it');
  });

  it('times out a client that does not end after its logout', async () => {
    const result = await run('hangs');
    expect(result.grader.statuses()).toMatchObject({ logout: 'passed', 'exits-cleanly': 'timeout' });
  });
});
