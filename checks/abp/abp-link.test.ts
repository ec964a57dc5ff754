import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { TranscriptRecorder } from '../lib/transcript.js';
import { AbpLink } from './abp-link.js';

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const thing of open.splice(0)) thing.close();
});

async function pair(): Promise<{ link: AbpLink; peer: dgram.Socket; got: string[] }> {
  const startedAt = performance.now();
  const link = await AbpLink.open({ transcript: new TranscriptRecorder(), clock: () => performance.now() - startedAt });
  const peer = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', resolve));
  const got: string[] = [];
  peer.on('message', (data) => got.push(data.toString()));
  open.push(link, peer);
  return { link, peer, got };
}

describe('the peer end of the lossy channel', () => {
  it('keeps the order: a delayed datagram holds back the ones after it', async () => {
    const { link, peer, got } = await pair();
    const to = { address: '127.0.0.1', port: peer.address().port };
    link.send(Buffer.from('A0'), to, 80);
    link.send(Buffer.from('A1'), to);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(got).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got).toEqual(['A0', 'A1']);
    expect(link.sent.map((s) => s.data.toString())).toEqual(['A0', 'A1']);
    expect(link.sent[0]?.t).toBeGreaterThanOrEqual(75);
  });

  it('queues what arrives for next(), or hands it to a handler', async () => {
    const { link, peer } = await pair();
    peer.send('D0:eins', link.port, '127.0.0.1');
    const first = await link.next(1000);
    expect(first?.data.toString()).toBe('D0:eins');
    expect(await link.next(30)).toBeNull();
    const seen: string[] = [];
    link.onDatagram((d) => seen.push(d.data.toString()));
    peer.send('D1:zwei', link.port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['D1:zwei']);
  });

  it('rejects a wait when its signal aborts, and sends nothing after close', async () => {
    const { link, peer, got } = await pair();
    const controller = new AbortController();
    const waiting = link.next(5000, controller.signal);
    controller.abort(new Error('run over'));
    await expect(waiting).rejects.toThrow('run over');
    link.send(Buffer.from('A0'), { address: '127.0.0.1', port: peer.address().port }, 20);
    link.close();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(got).toEqual([]);
  });
});
