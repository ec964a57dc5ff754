import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a test zip; every field can lie, so hostile archives are easy to write. */
export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** @defaultValue 'deflate' */
  method?: 'store' | 'deflate' | number;
  /** Unix mode with file type, stored in the external attributes' upper 16 bits. @defaultValue 0o100644 */
  mode?: number;
  /** Sets general purpose bit 0 (traditional encryption); the data stays plain. */
  encrypted?: boolean;
  /** The uncompressed size written in both headers, instead of the real one. */
  declaredSize?: number;
}

/**
 * A zip archive (APPNOTE 4.3): local headers with data, a central directory, and the
 * end record. Written by hand so tests need no `zip` binary and can write what no zip
 * tool would (`../x`, symlinks, bombs, lying sizes).
 */
export function writeZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const entry = encodeEntry(spec);
    const local = Buffer.concat([localHeader(entry), entry.name, entry.packed]);
    centrals.push(Buffer.concat([centralHeader(entry, offset), entry.name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  return Buffer.concat([...locals, directory, endRecord(entries.length, directory.length, offset)]);
}

interface EncodedEntry {
  name: Buffer;
  packed: Buffer;
  method: number;
  crc: number;
  size: number;
  flags: number;
  mode: number;
}

function encodeEntry(spec: ZipEntrySpec): EncodedEntry {
  const data = Buffer.from(spec.data ?? '');
  const method = spec.method === 'store' ? 0 : spec.method === undefined || spec.method === 'deflate' ? 8 : spec.method;
  const isDir = spec.name.endsWith('/');
  return {
    name: Buffer.from(spec.name, 'utf8'),
    packed: method === 8 ? deflateRawSync(data) : data,
    method,
    crc: crc32(data),
    size: spec.declaredSize ?? data.length,
    // Bit 11: the name is UTF-8.
    flags: 0x800 | (spec.encrypted ? 1 : 0),
    mode: spec.mode ?? (isDir ? 0o040755 : 0o100644),
  };
}

function localHeader(entry: EncodedEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(0x21, 12); // 1980-01-01
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.packed.length, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return header;
}

function centralHeader(entry: EncodedEntry, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode counts
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(0, 12);
  header.writeUInt16LE(0x21, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.packed.length, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(0, 30);
  header.writeUInt16LE(0, 32);
  header.writeUInt16LE(0, 34);
  header.writeUInt16LE(0, 36);
  header.writeUInt32LE((entry.mode << 16) >>> 0, 38);
  header.writeUInt32LE(offset, 42);
  return header;
}

function endRecord(count: number, directoryBytes: number, directoryOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(directoryBytes, 12);
  record.writeUInt32LE(directoryOffset, 16);
  return record;
}
