/**
 * The packet format of our alternating-bit protocol (defined on the exercise sheet): one
 * UTF-8 datagram per packet.
 *
 * | packet | bytes | meaning |
 * | --- | --- | --- |
 * | data | `D0:Hallo` / `D1:Hallo` | payload after the first colon (it may contain colons) |
 * | end | `E0` / `E1` | end of transmission; numbered and acknowledged like data |
 * | ack | `A0` / `A1` | "I received the packet with this bit" |
 * | hello | `H` | receiver → sender, once at the start, so the sender learns its address |
 */
import { bytesToVisibleText, decodeUtf8 } from '../lib/bytes-text.js';

export type Bit = 0 | 1;

export type AbpPacket =
  | { kind: 'data'; bit: Bit; payload: string }
  | { kind: 'end'; bit: Bit }
  | { kind: 'ack'; bit: Bit }
  | { kind: 'hello' };

export interface ParsedDatagram {
  /** Null when the bytes are no packet of ours; `problem` says why. */
  packet: AbpPacket | null;
  /** The datagram ended with `\n` or `\r\n`, which we removed before parsing. */
  trailingNewline: boolean;
  problem?: string;
}

const DATA = /^D([01]):([\s\S]*)$/;
const END = /^E([01])$/;
const ACK = /^A([01])$/;

export function parsePacket(bytes: Uint8Array): ParsedDatagram {
  const decoded = decodeUtf8(bytes);
  if (decoded === null) return { packet: null, trailingNewline: false, problem: 'these bytes are not valid UTF-8 text' };
  const trailingNewline = /\r?\n$/.test(decoded);
  const text = trailingNewline ? decoded.replace(/\r?\n$/, '') : decoded;
  const data = DATA.exec(text);
  if (data) return { packet: { kind: 'data', bit: toBit(data[1]), payload: data[2] ?? '' }, trailingNewline };
  const end = END.exec(text);
  if (end) return { packet: { kind: 'end', bit: toBit(end[1]) }, trailingNewline };
  const ack = ACK.exec(text);
  if (ack) return { packet: { kind: 'ack', bit: toBit(ack[1]) }, trailingNewline };
  if (text === 'H') return { packet: { kind: 'hello' }, trailingNewline };
  return { packet: null, trailingNewline, problem: explainMalformed(text) };
}

export function encodePacket(packet: AbpPacket): Buffer {
  return Buffer.from(packetText(packet), 'utf8');
}

/** The packet as it goes over the wire, e.g. `D0:Hallo`. */
export function packetText(packet: AbpPacket): string {
  switch (packet.kind) {
    case 'data':
      return `D${packet.bit}:${packet.payload}`;
    case 'end':
      return `E${packet.bit}`;
    case 'ack':
      return `A${packet.bit}`;
    default:
      return 'H';
  }
}

/** Bytes quoted for feedback: `` `D0:Hallo` ``, control characters and invalid bytes made visible. */
export function showBytes(bytes: Uint8Array, maxChars = 60): string {
  const text = bytesToVisibleText(bytes);
  return `\`${text.length > maxChars ? `${text.slice(0, maxChars)}…` : text}\``;
}

export function flip(bit: Bit): Bit {
  return bit === 0 ? 1 : 0;
}

function toBit(text: string | undefined): Bit {
  return text === '1' ? 1 : 0;
}

/** What is wrong with a datagram that is not a packet, in the words of the exercise sheet. */
function explainMalformed(text: string): string {
  if (text === '') return 'an empty datagram is no packet of our protocol';
  const first = text[0];
  if (first === 'D') {
    if (!/^D[01]/.test(text)) return 'after `D` the sequence bit must follow: `0` or `1`';
    return 'a data packet needs a colon right after the bit: `D0:text`';
  }
  if (first === 'E' || first === 'A') {
    if (!/^[EA][01]/.test(text)) return `after \`${first}\` the sequence bit must follow: \`0\` or \`1\``;
    return `\`${first}0\` and \`${first}1\` are exactly two characters; nothing may follow the bit`;
  }
  if (/^[dea][01]/.test(text)) return 'the letters are capitals: `D`, `E`, `A`';
  return 'a packet starts with `D` (data), `E` (end) or `A` (acknowledgement), followed by the bit `0` or `1`';
}
