import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from '../lib/connect-tcp.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import { pageFor } from './http-page.js';
import { type MockHttpServer, type MockHttpServerOptions, startMockHttpServer } from './mock-http-server.js';

let mock: MockHttpServer | null = null;
const page = pageFor('unit-seed');

afterEach(async () => {
  await mock?.server.close();
  mock = null;
});

/** Sends `request` and reads until the server closes (or `idleMs` of silence). */
async function exchange(request: string, options: Partial<MockHttpServerOptions> = {}, idleMs = 1000): Promise<{ text: string; end: string; pieces: number }> {
  mock = await startMockHttpServer({ transcript: new TranscriptRecorder(), page, keepAliveMs: 150, settleMs: 80, segmentPauseMs: 20, ...options });
  const conn = await connectTcp({ host: '127.0.0.1', port: mock.server.port, label: 'test', transcript: new TranscriptRecorder() });
  await conn.write(request);
  const read = await conn.read({ idleTimeoutMs: idleMs });
  await mock.server.settled();
  return { text: read.data.toString('latin1'), end: read.end, pieces: mock.connections[0]?.exchanges[0]?.response?.pieces ?? 0 };
}

describe('mock HTTP server', () => {
  it('serves the ISO-8859-1 page with Content-Length in several pieces and closes', async () => {
    const { text, end, pieces } = await exchange('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain('Content-Type: text/html; charset=iso-8859-1');
    expect(head).toContain(`Content-Length: ${page.body.length}`);
    expect(head).toContain('Connection: close');
    expect(Buffer.from(body, 'latin1').equals(page.body)).toBe(true);
    expect(body).toContain(page.umlauts);
    expect(end).toBe('closed');
    expect(pieces).toBe(4);
  });

  it('keeps an HTTP/1.1 connection open and closes it after keepAliveMs of silence', async () => {
    const started = Date.now();
    const { end } = await exchange('GET / HTTP/1.1\r\nHost: x\r\n\r\n', { connection: 'keep-alive' });
    expect(end).toBe('closed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(mock?.connections[0]?.end).toBe('idle-closed');
  });

  it('sends chunks that reassemble to the page, but never to an HTTP/1.0 client', async () => {
    const chunked = await exchange('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { encoding: 'chunked' });
    expect(chunked.text).toContain('Transfer-Encoding: chunked');
    const body = chunked.text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
    expect(body.startsWith('258\r\n')).toBe(true);
    expect(body.endsWith('\r\n0\r\n\r\n')).toBe(true);
    const data: string[] = [];
    for (let rest = body; ; ) {
      const eol = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      data.push(rest.slice(eol + 2, eol + 2 + size));
      rest = rest.slice(eol + 2 + size + 2);
    }
    expect(Buffer.from(data.join(''), 'latin1').equals(page.body)).toBe(true);
    await mock?.server.close();
    const old = await exchange('GET / HTTP/1.0\r\n\r\n', { encoding: 'chunked', connection: 'keep-alive' });
    expect(old.text).toContain(`Content-Length: ${page.body.length}`);
    expect(old.text).toContain('Connection: close');
  });

  it('accepts bare LF, takes a head without empty line after a pause, and records both', async () => {
    const { text } = await exchange('GET / HTTP/1.1\nHost: x\n');
    expect(text).toMatch(/^HTTP\/1\.1 200 OK/);
    const head = mock?.connections[0]?.exchanges[0]?.head;
    expect(head?.ended).toBe('settled');
    expect(head?.lines.map((l) => l.end)).toEqual(['lf', 'lf']);
  });

  it('answers 404, 501, 505, 400 as a real server does', async () => {
    const status = async (request: string, options: Partial<MockHttpServerOptions> = {}): Promise<string> => {
      const { text } = await exchange(request, options);
      await mock?.server.close();
      return text.split('\r\n')[0] ?? '';
    };
    expect(await status('GET /nix HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 404 Not Found');
    expect(await status('POST / HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 501 Not Implemented');
    expect(await status('GET / HTTP/2.0\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 505 HTTP Version Not Supported');
    expect(await status('GET /\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await status('GET / HTTP/1.1\r\n\r\n', { strictHost: true })).toBe('HTTP/1.1 400 Bad Request');
    expect(await status('GET http://www.hsg-kl.de/ HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 200 OK');
    expect(await status('HEAD / HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 200 OK');
  });
});
