import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ApiError, BadRequestError } from '../errors.js';
import type { ArchiveCollector, EntryKind } from './archive-collector.js';
import { readCapped } from './capped-read.js';

/** APPNOTE 4.4.5: the methods yauzl unpacks (stored, deflate). */
const READABLE_METHODS = new Set([0, 8]);

/** Unix file types in the upper 16 bits of the external attributes (as Info-ZIP writes them). */
const S_IFMT = 0o170000;
const UNIX_KINDS: Record<number, EntryKind> = {
  0o100000: 'file',
  0o040000: 'directory',
  0o120000: 'symlink',
  0o020000: 'character-device',
  0o060000: 'block-device',
  0o010000: 'fifo',
  0o140000: 'socket',
};

/**
 * Reads every entry of the zip in `bytes` into `collector`, one at a time (lazy
 * entries), inflating only what the collector admits, and stopping at its caps.
 */
export async function readZipEntries(bytes: Buffer, collector: ArchiveCollector): Promise<void> {
  const zip = await openZip(bytes);
  try {
    // The central directory says how many entries follow: refuse before reading any.
    collector.countEntries(zip.entryCount);
    for await (const entry of zip.eachEntry()) await readEntry(zip, entry, collector);
  } catch (error) {
    throw asZipError(error);
  } finally {
    zip.close();
  }
}

async function openZip(bytes: Buffer): Promise<ZipFile> {
  try {
    // decodeStrings off: yauzl would refuse `../x` with its own words; we decode the
    // name ourselves and refuse it in ours, naming the entry.
    return await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false });
  } catch (error) {
    throw asZipError(error);
  }
}

async function readEntry(zip: ZipFile, entry: Entry, collector: ArchiveCollector): Promise<void> {
  const rawName = entryName(entry);
  const name = collector.admit(rawName, entryKind(entry, rawName));
  if (name === null) return;
  refuseUnreadable(entry, name);
  const guard = collector.guard(name, entry.compressedSize);
  guard(entry.uncompressedSize); // what the header claims; the bytes are counted again as they come
  collector.add(name, await readCapped(await zip.openReadStreamPromise(entry), guard));
}

/**
 * The entry's name, UTF-8 or CP437 as its flags say. Backslashes become `/`: APPNOTE
 * 4.4.17 requires `/`, but Windows tools (PowerShell's Compress-Archive) write `\`, and
 * a student should not be refused for their tool; the name checks run after this.
 */
function entryName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
}

function entryKind(entry: Entry, rawName: string): EntryKind {
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  const kind = UNIX_KINDS[type];
  if (kind !== undefined && kind !== 'file') return kind;
  if (type !== 0 && kind === undefined) return 'unknown';
  // Zips from Windows carry no Unix type: a trailing `/` marks a folder (APPNOTE 4.3.8).
  return rawName.endsWith('/') ? 'directory' : 'file';
}

function refuseUnreadable(entry: Entry, name: string): void {
  if (entry.isEncrypted()) {
    throw new BadRequestError(`${JSON.stringify(name)} in your zip is encrypted (password-protected); pack your files again without a password.`, 'SUBMISSION_INVALID');
  }
  if (!READABLE_METHODS.has(entry.compressionMethod)) {
    throw new BadRequestError(
      `${JSON.stringify(name)} in your zip is compressed with a method we cannot unpack (method ${entry.compressionMethod}, such as Deflate64, bzip2 or LZMA); pack it again with the standard method (Deflate).`,
      'SUBMISSION_INVALID',
    );
  }
}

/** yauzl's and zlib's errors in words for the student; ours pass through. */
function asZipError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/strong encryption/.test(message)) {
    return new BadRequestError('Your zip is encrypted (password-protected); pack your files again without a password.', 'SUBMISSION_INVALID');
  }
  if (/too many bytes|not enough bytes|size mismatch/.test(message)) {
    return new BadRequestError(`Your zip is damaged: an entry holds a different number of bytes than its header says (${message}). Pack your files again.`, 'SUBMISSION_INVALID');
  }
  return new BadRequestError(`Your zip could not be read (${message}). Pack your files again with your system's zip tool.`, 'SUBMISSION_INVALID');
}
