import { createGunzip } from 'node:zlib';

/** A stream we read to the end and may stop early. */
export interface DestroyableSource extends AsyncIterable<unknown> {
  destroy(error?: Error): unknown;
}

/**
 * Reads `source` into one buffer, calling `check(total)` after every chunk; `check`
 * throws to stop, and the source is destroyed then. So an inflating stream stops at
 * the limit rather than at its end: we count bytes that arrived, never what a header
 * claims.
 */
export async function readCapped(source: DestroyableSource, check: (total: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      // Node streams yield Buffers, streamx (tar-stream) Uint8Arrays.
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += bytes.length;
      check(total);
      chunks.push(bytes);
    }
  } finally {
    // Also after an error thrown by `check`: the inflater must not keep running.
    source.destroy();
  }
  return Buffer.concat(chunks, total);
}

/** Gunzips `bytes` with `check` on the growing output (see {@link readCapped}). */
export function gunzipCapped(bytes: Buffer, check: (total: number) => void): Promise<Buffer> {
  const gunzip = createGunzip();
  gunzip.end(bytes);
  return readCapped(gunzip, check);
}
