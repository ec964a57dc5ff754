import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { answerQuery, DnsResponder } from './dns-responder.js';

const run = promisify(execFile);
let responder: DnsResponder | undefined;
afterEach(async () => {
  await responder?.close();
  responder = undefined;
});

/** A query as a stub resolver sends it: id, RD set, one question. */
function query(name: string, type: number, id = 0x1234): Buffer {
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  const header = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0, type >> 8, type & 0xff, 0, 1])]);
}

describe('answerQuery', () => {
  it('answers an A question with 127.0.0.1, echoing id and question', () => {
    const answer = answerQuery(query('mail.hsg-kl.de', 1))!;
    expect(answer.name).toBe('mail.hsg-kl.de');
    expect(answer.reply.readUInt16BE(0)).toBe(0x1234);
    expect(answer.reply.readUInt16BE(2) & 0x8000).toBe(0x8000);
    expect(answer.reply.readUInt16BE(6)).toBe(1);
    expect([...answer.reply.subarray(-4)]).toEqual([127, 0, 0, 1]);
  });

  it('answers AAAA with no records, so clients fall back to IPv4', () => {
    const answer = answerQuery(query('www.hsg-kl.de', 28))!;
    expect(answer.reply.readUInt16BE(6)).toBe(0);
    expect(answer.reply.readUInt16BE(2) & 0x000f).toBe(0);
  });

  it('ignores responses, truncated and garbage packets', () => {
    const response = query('a.b', 1);
    response[2] = 0x81;
    expect(answerQuery(response)).toBeNull();
    expect(answerQuery(query('a.b', 1).subarray(0, 15))).toBeNull();
    expect(answerQuery(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toBeNull();
    expect(answerQuery(Buffer.alloc(3))).toBeNull();
  });
});

describe('DnsResponder on a real socket', () => {
  it('resolves any name for node:dns and records what was asked', async () => {
    responder = await DnsResponder.start({ port: 0 });
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${responder.port}`]);
    expect(await resolver.resolve4('time.fu-berlin.de')).toEqual(['127.0.0.1']);
    expect(await resolver.resolve4('mail.hsg-kl.de')).toEqual(['127.0.0.1']);
    expect(responder.queries).toEqual(['time.fu-berlin.de', 'mail.hsg-kl.de']);
  });

  it('keeps answering after garbage', async () => {
    responder = await DnsResponder.start({ port: 0 });
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.send(Buffer.from([1, 2, 3]), responder!.port, '127.0.0.1', () => resolve()));
    socket.close();
    const { stdout } = await run('python3', [
      '-c',
      // Python's own resolver code path is glibc's; here the query is built by dnspython-free code: a raw socket.
      `import socket,struct\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.settimeout(2)\nq=struct.pack('>HHHHHH',7,256,1,0,0,0)+b'\\x04time\\x03org\\x00'+struct.pack('>HH',1,1)\ns.sendto(q,('127.0.0.1',${responder.port}))\nr=s.recv(512)\nprint(struct.unpack('>H',r[:2])[0], list(r[-4:]))`,
    ]);
    expect(stdout.trim()).toBe('7 [127, 0, 0, 1]');
  });
});
