import { mkdtemp, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOOK_SOCKET_VAR, HOOK_TOKEN_VAR, HookChannel, type HookCall } from './hook-channel.js';

let dir: string;
let channel: HookChannel;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sockgrade-hook-channel-'));
  channel = await HookChannel.open(join(dir, 'hooks.sock'), () => {});
});

afterEach(async () => {
  await channel.close();
  await rm(dir, { recursive: true, force: true });
});

/** What the hook program does: one JSON line out, JSON lines back until the end. */
function callHook(token: string, line?: string): Promise<{ out: string; exit: number | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = connect(channel.socketPath);
    let buffer = '';
    socket.on('connect', () =>
      socket.write(line ?? `${JSON.stringify({ token, hook: 'pre-receive', updates: [{ oldId: '0'.repeat(40), newId: 'a'.repeat(40), ref: 'refs/heads/main' }], quarantine: null })}\n`),
    );
    socket.on('data', (chunk) => (buffer += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const messages = buffer.split('\n').filter(Boolean).map((text) => JSON.parse(text) as { out?: string; exit?: number });
      resolve({ out: messages.map((m) => m.out ?? '').join(''), exit: messages.find((m) => m.exit !== undefined)?.exit });
    });
  });
}

describe('HookChannel', () => {
  it('hands a registered hook call to its handler and sends back what it says and its exit code', async () => {
    const calls: HookCall[] = [];
    const { env, release } = channel.register(async (call, reply) => {
      calls.push(call);
      reply.say('queued\n');
      reply.say('graded\n');
      return 0;
    });
    expect(env[HOOK_SOCKET_VAR]).toBe(channel.socketPath);
    expect((await stat(channel.socketPath)).mode & 0o777).toBe(0o600);
    expect(await callHook(env[HOOK_TOKEN_VAR]!)).toEqual({ out: 'queued\ngraded\n', exit: 0 });
    expect(calls).toEqual([{ hook: 'pre-receive', updates: [{ oldId: '0'.repeat(40), newId: 'a'.repeat(40), ref: 'refs/heads/main' }], quarantine: null }]);
    // Once released, the token opens nothing.
    release();
    expect(await callHook(env[HOOK_TOKEN_VAR]!)).toEqual({ out: 'This repository takes pushes only through sockgrade.\n', exit: 1 });
  });

  it('refuses an unknown token and a malformed call, running no handler', async () => {
    let ran = false;
    channel.register(async () => {
      ran = true;
      return 0;
    });
    expect(await callHook('guessed')).toEqual({ out: 'This repository takes pushes only through sockgrade.\n', exit: 1 });
    expect(await callHook('x', 'not json\n')).toEqual({ out: 'This repository takes pushes only through sockgrade.\n', exit: 1 });
    expect(await callHook('x', '{"hook": "pre-receive"}\n')).toEqual({ out: 'This repository takes pushes only through sockgrade.\n', exit: 1 });
    expect(ran).toBe(false);
  });
});
