/**
 * The UDP mock server of scripted client tests (issue #14), against an in-process client
 * on 127.0.0.1: replies from the table go to the sender, captures fill the answer, and a
 * step still waiting when the client has ended fails, saying so.
 */
import dgram from 'node:dgram';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { ClientCheckContext } from '../suite.js';
import { scriptTiming } from './run-script.js';
import type { CompiledClientScript } from './script.js';
import { startUdpScriptServer } from './udp-script-server.js';

const script: CompiledClientScript = {
  framing: { kind: 'raw' },
  args: [],
  server: [
    { do: 'reply', table: [{ pattern: '^LOOKUP (?<word>\\S+)$', flags: '', send: { text: 'FOUND ${word}=blue' } }] },
    { do: 'expect', expect: { kind: 'line', text: 'BYE' }, feedback: 'Say BYE at the end.' },
  ],
};

function contextOf(transcript: TranscriptRecorder): ClientCheckContext {
  // Only what the mock server reads.
  return { transcript, assignment: {}, signal: new AbortController().signal, limits: { clientRunMs: 2000 } } as unknown as ClientCheckContext;
}

async function client(): Promise<{ socket: dgram.Socket; ask: (text: string, port: number) => Promise<string> }> {
  const socket = dgram.createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const ask = async (text: string, port: number) => {
    socket.send(text, port, '127.0.0.1');
    const [message] = (await once(socket, 'message')) as [Buffer];
    return message.toString('utf8');
  };
  return { socket, ask };
}

describe('the UDP mock server of scripted clients', () => {
  it('answers from the table to the sender, then takes the closing datagram', async () => {
    const server = await startUdpScriptServer(contextOf(new TranscriptRecorder()), script, scriptTiming({}));
    const { socket, ask } = await client();
    try {
      expect(await ask('LOOKUP color', server.port)).toBe('FOUND color=blue');
      socket.send('BYE\n', server.port, '127.0.0.1');
      await server.close(1000);
      expect(server.contacted()).toBe(true);
      expect(server.findings).toEqual([{ label: 'Our UDP server', failure: null, timedOut: false }]);
    } finally {
      socket.close();
    }
  });

  it('fails a step still waiting when the client has ended, with the teacher\'s feedback', async () => {
    const server = await startUdpScriptServer(contextOf(new TranscriptRecorder()), script, scriptTiming({}));
    const { socket, ask } = await client();
    try {
      await ask('LOOKUP size', server.port);
      await server.close(50);
      expect(server.findings).toEqual([
        {
          label: 'Our UDP server',
          failure: "At step 2 of our server's script, after we sent `FOUND size=blue`, we expected a datagram from your client, but your client ended without sending it.\n\nSay BYE at the end.",
          timedOut: false,
        },
      ]);
    } finally {
      socket.close();
    }
  });

  it('says nothing came when the client never sent a datagram', async () => {
    const server = await startUdpScriptServer(contextOf(new TranscriptRecorder()), script, scriptTiming({}));
    await server.close(50);
    expect(server.contacted()).toBe(false);
    expect(server.findings[0]?.failure).toContain('your client ended without sending it');
  });

  it('names a datagram that matches no rule of the table', async () => {
    const server = await startUdpScriptServer(contextOf(new TranscriptRecorder()), script, scriptTiming({}));
    const { socket } = await client();
    try {
      socket.send('HELLO', server.port, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.close(50);
      expect(server.findings[0]?.failure).toBe("At step 1 of our server's script, your client sent `HELLO`, which is none of the requests this server knows.");
    } finally {
      socket.close();
    }
  });
});
