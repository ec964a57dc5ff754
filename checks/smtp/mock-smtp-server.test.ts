import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from '../lib/connect-tcp.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import { type MockSmtpServer, type MockSmtpServerOptions, startMockSmtpServer } from './mock-smtp-server.js';

let mock: MockSmtpServer | null = null;

afterEach(async () => {
  await mock?.server.close();
  mock = null;
});

async function start(options: Partial<MockSmtpServerOptions> = {}): Promise<{ conn: TcpConnection; reply: () => Promise<string> }> {
  mock = await startMockSmtpServer({ transcript: new TranscriptRecorder(), greetDelayMs: 10, replyDelayMs: 1, idleMs: 500, settleMs: 50, ...options });
  const conn = await connectTcp({ host: '127.0.0.1', port: mock.server.port, label: 'test', transcript: new TranscriptRecorder() });
  /** One whole reply, every line of a multi-line one. */
  const reply = async (): Promise<string> => {
    let text = '';
    for (;;) {
      const line = await conn.read({ until: { delimiter: '\r\n' }, idleTimeoutMs: 1000 });
      if (line.end !== 'complete') return `${text}<${line.end}>`;
      text += line.data.toString('utf8');
      if (line.data[3] !== 0x2d) return text;
    }
  };
  return { conn, reply };
}

describe('mock SMTP server', () => {
  it('speaks the RFC 5321 example and records the transaction, unstuffing dots', async () => {
    const { conn, reply } = await start();
    expect(await reply()).toBe('220 mail.hsg-kl.de ESMTP sockgrade test server\r\n');
    await conn.write('EHLO bar.com\r\n');
    expect(await reply()).toBe('250-mail.hsg-kl.de greets bar.com\r\n250-SIZE 65536\r\n250-8BITMIME\r\n250 HELP\r\n');
    await conn.write('MAIL FROM:<JQP@bar.com> SIZE=100\r\n');
    expect(await reply()).toBe('250 2.1.0 Ok\r\n');
    await conn.write('RCPT TO:<Jones@XYZ.COM>\r\n');
    expect(await reply()).toBe('250 2.1.5 Ok\r\n');
    await conn.write('DATA\r\n');
    expect(await reply()).toMatch(/^354 /);
    await conn.write('Subject: Hi\r\n\r\n..dot\r\nBill:\r\n.\r\n');
    expect(await reply()).toMatch(/^250 2\.0\.0 Ok: queued as /);
    await conn.write('QUIT\r\n');
    expect(await reply()).toBe('221 2.0.0 Bye\r\n');
    expect((await conn.read({ idleTimeoutMs: 1000 })).end).toBe('closed');
    await mock?.server.settled();
    const session = mock?.sessions[0];
    expect(session?.hello).toBe('EHLO');
    const transaction = session?.transactions[0];
    expect(transaction?.mail.path?.params).toEqual(['SIZE=100']);
    expect(transaction?.lines.map((l) => l.unstuffed.toString())).toEqual(['Subject: Hi', '', '.dot', 'Bill:']);
    expect(transaction?.ended).toBe('dot');
    expect(session?.commands.every((c) => c.early === null)).toBe(true);
  });

  it('answers out-of-order commands with 503, unknown ones with 500, bad paths with 501; RSET, NOOP and VRFY work', async () => {
    const { conn, reply } = await start();
    await reply();
    const say = async (line: string): Promise<string> => {
      await conn.write(`${line}\r\n`);
      return (await reply()).slice(0, 3);
    };
    expect(await say('MAIL FROM:<a@b.de>')).toBe('503');
    expect(await say('HELO')).toBe('501');
    expect(await say('HELO x')).toBe('250');
    expect(await say('RCPT TO:<a@b.de>')).toBe('503');
    expect(await say('MAIL FROM:a@')).toBe('501');
    expect(await say('MAIL FROM:<a@b.de>')).toBe('250');
    expect(await say('MAIL FROM:<a@b.de>')).toBe('503');
    expect(await say('DATA')).toBe('503');
    expect(await say('RCPT TO:<nobody>')).toBe('501');
    expect(await say('NOOP')).toBe('250');
    expect(await say('VRFY ernie')).toBe('252');
    expect(await say('STARTTLS')).toBe('502');
    expect(await say('HALLO')).toBe('500');
    expect(await say('RSET')).toBe('250');
    expect(await say('RCPT TO:<a@b.de>')).toBe('503');
  });

  it('accepts a bare LF as line end and records it', async () => {
    const { conn, reply } = await start();
    await reply();
    await conn.write('HELO x\n');
    expect(await reply()).toBe('250 mail.hsg-kl.de\r\n');
    await mock?.server.close();
    expect(mock?.sessions[0]?.lines[0]?.end).toBe('lf');
  });

  it('notices a client that talks before the greeting, and one that does not wait for a reply', async () => {
    mock = await startMockSmtpServer({ transcript: new TranscriptRecorder(), greetDelayMs: 60, replyDelayMs: 30, idleMs: 500, settleMs: 50 });
    const conn = await connectTcp({ host: '127.0.0.1', port: mock.server.port, label: 'test', transcript: new TranscriptRecorder() });
    await conn.write('HELO x\r\nNOOP\r\nQUIT\r\n');
    await conn.read({ idleTimeoutMs: 1000 });
    await mock.server.settled();
    const commands = mock.sessions[0]?.commands ?? [];
    expect(commands.map((c) => (c.early ? c.early.answering : 'waited'))).toEqual([null, 'HELO x', 'NOOP']);
  });

  it('closes an idle connection with 421, and one with too many errors', async () => {
    const idle = await start({ idleMs: 100 });
    await idle.reply();
    expect(await idle.reply()).toBe('421 4.4.2 Error: timeout exceeded\r\n');
    await mock?.server.close();
    const errors = await start({ maxErrors: 2 });
    await errors.reply();
    await errors.conn.write('X\r\nY\r\nZ\r\n');
    const replies = [await errors.reply(), await errors.reply(), await errors.reply(), await errors.reply()];
    expect(replies.map((r) => r.slice(0, 3))).toEqual(['500', '500', '500', '421']);
  });

  it('takes a line without line end after a pause', async () => {
    const { conn, reply } = await start({ settleMs: 50 });
    await reply();
    await conn.write('QUIT');
    expect(await reply()).toBe('221 2.0.0 Bye\r\n');
    await mock?.server.settled();
    expect(mock?.sessions[0]?.quit?.line.end).toBe('none');
  });
});
