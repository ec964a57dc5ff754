/**
 * A small pickler for tests: writes a {@link PyValue} the way CPython's protocol 4 does
 * (without memo and frames), so in-process fake clients can send real pickles.
 */
import type { PyValue } from '../pickle/py-value.js';

export function pickle(value: PyValue): Buffer {
  const out: Buffer[] = [Buffer.from([0x80, 4])];
  write(value, out);
  out.push(Buffer.from('.'));
  return Buffer.concat(out);
}

function write(value: PyValue, out: Buffer[]): void {
  const op = (...bytes: number[]): void => void out.push(Buffer.from(bytes));
  switch (value.kind) {
    case 'none':
      return op(0x4e);
    case 'bool':
      return op(value.value ? 0x88 : 0x89);
    case 'int': {
      if (value.value >= -(2n ** 31n) && value.value < 2n ** 31n) {
        const b = Buffer.alloc(5);
        b[0] = 0x4a;
        b.writeInt32LE(Number(value.value), 1);
        return void out.push(b);
      }
      const bytes: number[] = [];
      let v = value.value;
      for (;;) {
        bytes.push(Number(v & 0xffn));
        v >>= 8n;
        if ((v === 0n && ((bytes[bytes.length - 1] as number) & 0x80) === 0) || (v === -1n && ((bytes[bytes.length - 1] as number) & 0x80) !== 0)) break;
      }
      return op(0x8a, bytes.length, ...bytes);
    }
    case 'float': {
      const b = Buffer.alloc(9);
      b[0] = 0x47;
      b.writeDoubleBE(value.value, 1);
      return void out.push(b);
    }
    case 'str': {
      const body = Buffer.from(value.value, 'utf8');
      const head = Buffer.alloc(5);
      head[0] = 0x58;
      head.writeUInt32LE(body.length, 1);
      return void out.push(head, body);
    }
    case 'bytes':
    case 'bytearray': {
      const head = Buffer.alloc(5);
      head[0] = 0x42;
      head.writeUInt32LE(value.value.length, 1);
      return void out.push(head, value.value);
    }
    case 'list':
      op(0x5d, 0x28);
      for (const item of value.items) write(item, out);
      return op(0x65);
    case 'tuple':
      op(0x28);
      for (const item of value.items) write(item, out);
      return op(0x74);
    case 'dict':
      op(0x7d, 0x28);
      for (const [key, item] of value.entries) {
        write(key, out);
        write(item, out);
      }
      return op(0x75);
    case 'set':
    case 'frozenset':
      op(value.kind === 'set' ? 0x8f : 0x28);
      if (value.kind === 'set') op(0x28);
      for (const item of value.items) write(item, out);
      return op(value.kind === 'set' ? 0x90 : 0x91);
  }
}
