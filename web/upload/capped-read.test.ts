import { createInflateRaw, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipCapped, readCapped } from './capped-read.js';

const MiB = 1024 * 1024;
const stop = (limit: number) => (total: number) => {
  if (total > limit) throw new Error(`over ${limit}`);
};

describe('readCapped', () => {
  it('reads a stream to its end when the check lets it', async () => {
    const inflate = createInflateRaw();
    inflate.end(deflateRawSync(Buffer.from('print(1)\n')));
    expect((await readCapped(inflate, stop(100))).toString()).toBe('print(1)\n');
  });

  it('stops a bomb at the limit and destroys the inflater, long before its end', async () => {
    const packed = deflateRawSync(Buffer.alloc(100 * MiB));
    const inflate = createInflateRaw();
    inflate.end(packed);
    await expect(readCapped(inflate, stop(MiB))).rejects.toThrow(`over ${MiB}`);
    expect(inflate.destroyed).toBe(true);
    // Input consumed: a small part of the ~100 KiB packed, since 1 MiB of zeros packs into ~1 KiB.
    expect(inflate.bytesWritten).toBeLessThan(packed.length / 4);
  });
});

describe('gunzipCapped', () => {
  it('gunzips, and stops at the limit', async () => {
    expect((await gunzipCapped(gzipSync('abc'), stop(3))).toString()).toBe('abc');
    await expect(gunzipCapped(gzipSync('abcd'), stop(3))).rejects.toThrow('over 3');
  });
});
