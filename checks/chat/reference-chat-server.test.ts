import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from '../lib/connect-tcp.js';
import { readDelimited } from '../lib/framing.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import { botFor } from './chat-client-scenario.js';
import { chatProtocol } from './chat-protocol.js';
import { type ReferenceChatServer, startReferenceChatServer } from './reference-chat-server.js';

const protocol = chatProtocol({});
let reference: ReferenceChatServer | null = null;

afterEach(async () => {
  await reference?.server.close();
  reference = null;
});

async function start(options: { maxUnknown?: number } = {}): Promise<{ conn: TcpConnection; read: () => Promise<string> }> {
  const transcript = new TranscriptRecorder();
  reference = await startReferenceChatServer({ transcript, protocol, bot: botFor('Bob'), settleMs: 50, greetDelayMs: 20, logoutGraceMs: 100, ...options });
  const conn = await connectTcp({ host: '127.0.0.1', port: reference.server.port, label: 'test', transcript: new TranscriptRecorder() });
  const read = async (): Promise<string> => {
    const frame = await readDelimited(conn, '\0', { idleTimeoutMs: 1000 });
    return frame.end === 'complete' ? frame.data.toString('utf8') : `<${frame.end}>`;
  };
  return { conn, read };
}

describe('reference chat server', () => {
  it('speaks the protocol, with Bob greeting and answering once, and closes after the logout', async () => {
    const { conn, read } = await start();
    await conn.write('/users\0');
    expect(await read()).toBe('/users Bob\0');
    await conn.write('Hallo?\0');
    expect(await read()).toBe('/error\0');
    await conn.write(' /login Mia_7\0');
    expect(await read()).toBe('/ok Bob\nMia_7\0');
    expect(await read()).toBe('Bob:Hallo Mia_7, schön, dass du da bist!\0');
    await conn.write(['Eins\0', 'Zwei\0'], { mode: 'coalesced' });
    expect(await read()).toBe('Bob:Grüße zurück! Übrigens: um 12:30 gibt es Mittagessen.\0');
    await conn.write('/login Noch_einer\0/logout\0');
    expect(await read()).toBe('/error\0');
    expect(await read()).toBe('/ok\0');
    expect(await read()).toBe('<closed>');
    const session = reference?.sessions[0];
    expect(session?.messages.map((m) => [m.kind, m.text, m.terminated])).toEqual([
      ['users', '/users', true],
      ['text', 'Hallo?', true],
      ['login', '/login Mia_7', true],
      ['text', 'Eins', true],
      ['text', 'Zwei', true],
      ['login', '/login Noch_einer', true],
      ['logout', '/logout', true],
    ]);
    expect(session).toMatchObject({ loginName: 'Mia_7', refusedLogins: 1, loggedOut: true, botSaid: [expect.stringContaining('Hallo Mia_7'), expect.stringContaining('Grüße zurück')] });
  });

  it('refuses taken and invalid names, and takes a pause as the end of a message without \\0', async () => {
    const { conn, read } = await start();
    await conn.write('/login Bob\0');
    expect(await read()).toBe('/error\0');
    await conn.write('/login Mia_7\n\0');
    expect(await read()).toBe('/error\0');
    await conn.write('/login Mia_7');
    expect(await read()).toBe('/ok Bob\nMia_7\0');
    expect(reference?.sessions[0]?.messages.map((m) => m.terminated)).toEqual([true, true, false]);
  });

  it('closes the connection after too many unknown commands', async () => {
    const { conn, read } = await start({ maxUnknown: 2 });
    await conn.write('/a\0/b\0/c\0');
    expect([await read(), await read(), await read(), await read()]).toEqual(['/error\0', '/error\0', '/error\0', '<closed>']);
  });
});
