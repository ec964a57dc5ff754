import { describe, expect, it } from 'vitest';
import { type EchoObservation, judgeEcho } from './echo-verdict.js';

const observe = (sent: string | Buffer, got: string | Buffer, end: EchoObservation['end'] = 'complete', transport: 'tcp' | 'udp' = 'tcp'): EchoObservation => ({
  transport,
  sent: Buffer.isBuffer(sent) ? sent : Buffer.from(sent),
  got: Buffer.isBuffer(got) ? got : Buffer.from(got),
  end,
  replyMs: 2000,
});

describe('judgeEcho', () => {
  it.each([
    ['Ping!\n', 'Ping!', 'closed', 'you removed the line break at the end of our message (with `strip()`?)'],
    ['Hallo', 'Hallo\r\n', 'complete', 'you replied with a trailing newline'],
    ['Hallo', 'Hallo Hallo', 'complete', 'you sent back our message plus 6 extra bytes (` Hallo`)'],
    ['Hallo', 'Echo: Hallo', 'complete', 'your reply contains our message, but with text added around it'],
    ['Hallo', 'HALLO', 'complete', 'upper and lower case changed'],
    ['x'.repeat(1024), 'x'.repeat(512), 'closed', 'It looks like you call `recv(512)` once'],
    ['x'.repeat(1024), 'x'.repeat(512), 'complete', 'It looks like you call `recvfrom(512)`'],
    ['Hallo Welt', 'Hallo', 'timeout', 'the message arrived in pieces'],
    ['Hallo', 'Hxllo', 'complete', 'the reply differs from our message from byte 1 on: we expected `allo` there, you sent `xllo`'],
  ] as const)('explains %j → %j (%s)', (sent, got, end, cause) => {
    const transport = cause.includes('recvfrom') ? 'udp' : 'tcp';
    const verdict = judgeEcho(observe(sent, got, end === 'complete' && transport === 'udp' ? 'complete' : end, transport));
    expect(verdict.status).toBe('failed');
    expect(verdict.feedback).toContain(cause);
  });

  it('names replacement characters from errors="replace"', () => {
    const verdict = judgeEcho(observe(Buffer.from('48ff', 'hex'), Buffer.from('48efbfbd', 'hex')));
    expect(verdict.feedback).toContain('replacement character');
  });

  it('passes an exact echo and distinguishes silence, close and reset', () => {
    expect(judgeEcho(observe('Hallo', 'Hallo')).status).toBe('passed');
    expect(judgeEcho(observe('Hallo', '', 'timeout'))).toEqual({
      status: 'timeout',
      feedback:
        'We sent `Hallo` (5 bytes) and waited 2000 ms, but your server sent nothing back. Does it call send() (or better sendall()) with the received bytes after recv()? Is it perhaps still busy with an earlier client?',
    });
    expect(judgeEcho(observe('Hallo', '', 'reset')).feedback).toContain('reset the connection (ECONNRESET)');
    expect(judgeEcho({ ...observe('Hallo', 'Hallo', 'complete', 'udp'), extraDatagrams: 1 }).feedback).toContain('1 more datagram(s) as well');
  });
});
