import { describe, expect, it } from 'vitest';
import { encodePacket, packetText, parsePacket, showBytes } from './abp-packet.js';

const parse = (text: string) => parsePacket(Buffer.from(text, 'utf8'));

describe('abp packets', () => {
  it('parses data, end, ack and hello, the payload after the first colon', () => {
    expect(parse('D0:Uhrzeit: 12:30').packet).toEqual({ kind: 'data', bit: 0, payload: 'Uhrzeit: 12:30' });
    expect(parse('D1:').packet).toEqual({ kind: 'data', bit: 1, payload: '' });
    expect(parse('E1').packet).toEqual({ kind: 'end', bit: 1 });
    expect(parse('A0').packet).toEqual({ kind: 'ack', bit: 0 });
    expect(parse('H').packet).toEqual({ kind: 'hello' });
  });

  it('takes off a trailing line break but says so', () => {
    expect(parse('A1\n')).toEqual({ packet: { kind: 'ack', bit: 1 }, trailingNewline: true });
    expect(parse('D0:Hallo\r\n')).toEqual({ packet: { kind: 'data', bit: 0, payload: 'Hallo' }, trailingNewline: true });
  });

  it('explains what is wrong with a datagram that is no packet', () => {
    expect(parse('D0 Hallo').problem).toContain('colon');
    expect(parse('D2:x').problem).toContain('`0` or `1`');
    expect(parse('ACK0').problem).toContain('`0` or `1`');
    expect(parse('A01').problem).toContain('exactly two characters');
    expect(parse('a0').problem).toContain('capitals');
    expect(parse('').problem).toContain('empty');
    expect(parsePacket(Buffer.from([0xff, 0x30])).problem).toContain('not valid UTF-8');
  });

  it('encodes what it parses', () => {
    for (const text of ['D0:Grüße aus Köln', 'E0', 'A1', 'H']) {
      const { packet } = parse(text);
      expect(packet && packetText(packet)).toBe(text);
      expect(packet && encodePacket(packet).toString('utf8')).toBe(text);
    }
  });

  it('quotes bytes for feedback, control characters visible, long ones cut', () => {
    expect(showBytes(Buffer.from('D0:Hallo\n'))).toBe('`D0:Hallo\\n`');
    expect(showBytes(Buffer.from('D0:' + 'x'.repeat(100)), 10)).toBe('`D0:xxxxxxx…`');
  });
});
