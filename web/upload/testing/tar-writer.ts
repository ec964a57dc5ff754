import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

/** One entry of a test tar: a file with `data`, or another type (symlink, device, …) without. */
export interface TarEntrySpec {
  name: string;
  type?: Header['type'];
  linkname?: string;
  data?: Buffer | string;
}

/** A tar archive written with tar-stream, so tests need no `tar` binary. */
export async function writeTar(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk) => chunks.push(Buffer.from(chunk as Uint8Array)));
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  for (const { data, ...header } of entries) {
    await new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null) => (error ? reject(error) : resolve());
      if (data === undefined) archive.entry(header, callback);
      else archive.entry(header, Buffer.from(data), callback);
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** The same, gzipped: a .tar.gz. */
export async function writeTarGz(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  return gzipSync(await writeTar(entries));
}
