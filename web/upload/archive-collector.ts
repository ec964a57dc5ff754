import { formatBytes } from '../../grader/submission-files.js';
import { submissionNameProblem } from '../../grader/submission-names.js';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';
import { commonTopFolder, isJunkEntry, normalizeEntryName } from './archive-names.js';
import type { UploadLimits } from './submission-upload.js';

/** What an archive entry is, in the words of both tar and zip (Unix file types). */
export type EntryKind =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'character-device'
  | 'block-device'
  | 'fifo'
  | 'socket'
  | 'unknown';

/** Below this many unpacked bytes a high ratio is a file of blanks, not a bomb. */
export const RATIO_FLOOR_BYTES = 64 * 1024;

const KIND_WORDS: Record<Exclude<EntryKind, 'file' | 'directory'>, string> = {
  symlink: 'a symbolic link',
  hardlink: 'a hard link',
  'character-device': 'a device file',
  'block-device': 'a device file',
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket file',
  unknown: 'neither a file nor a folder',
};

const shown = (name: string) => JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);

/**
 * The rules every archive reader applies, entry by entry: safe names, regular files
 * only, system files skipped, and the caps (entries, files, unpacked bytes, ratio).
 * Readers ask {@link admit} first and read an entry's bytes only if it says so, under
 * the {@link guard} it hands out.
 */
export class ArchiveCollector {
  readonly #limits: UploadLimits;
  readonly #files = new Map<string, Buffer>();
  #entries = 0;
  #bytes = 0;

  constructor(limits: UploadLimits) {
    this.#limits = limits;
  }

  /** Counts `count` entries against the cap; zip readers call it with the directory's count before reading any. */
  countEntries(count: number): void {
    this.#entries += count;
    if (this.#entries > this.#limits.maxEntries) {
      const max = this.#limits.maxEntries;
      throw new PayloadTooLargeError(`Your archive has more than ${max} entries (files and folders); at most ${max} are accepted. Pack only your source files.`);
    }
  }

  /**
   * The name to keep the entry under, or null to skip it (a folder, a system file).
   * Throws, naming the entry, for an unsafe name or anything but a file or folder.
   */
  admit(rawName: string, kind: EntryKind): string | null {
    const name = normalizeEntryName(rawName);
    if (name === '') return null;
    const problem = submissionNameProblem(name);
    if (problem) throw new BadRequestError(`Your archive cannot be unpacked safely. ${problem}`, 'SUBMISSION_INVALID');
    if (kind === 'directory') return null;
    if (kind !== 'file') {
      throw new BadRequestError(
        `${shown(name)} in your archive is ${KIND_WORDS[kind]}; we accept only files and folders. Put the real file in its place and pack again.`,
        'SUBMISSION_INVALID',
      );
    }
    if (isJunkEntry(name)) return null;
    if (this.#files.has(name)) throw new BadRequestError(`${shown(name)} is in your archive twice; pack each file once.`, 'SUBMISSION_INVALID');
    if (this.#files.size >= this.#limits.maxFiles) {
      const max = this.#limits.maxFiles;
      throw new PayloadTooLargeError(`Your archive has more than ${max} files; at most ${max} are accepted. Pack only your source files.`);
    }
    return name;
  }

  /**
   * The check for one entry's growing byte count: the unpacked budget left and, when
   * the packed size is known, the compression ratio. Call it once with the size the
   * header claims, then let {@link readCapped} call it as bytes really arrive.
   */
  guard(name: string, packedBytes?: number): (total: number) => void {
    const left = this.#limits.maxTotalBytes - this.#bytes;
    return (total) => {
      if (total > left) throw this.unpacksTooMuch();
      if (packedBytes !== undefined) this.checkRatio(total, packedBytes, name);
    };
  }

  /** Refuses `unpacked` bytes out of `packed` beyond the ratio; `name` is the entry, or null for the whole archive. */
  checkRatio(unpacked: number, packed: number, name: string | null): void {
    const ratio = this.#limits.maxCompressionRatio;
    if (unpacked <= RATIO_FLOOR_BYTES || unpacked <= packed * ratio) return;
    const what = name === null ? 'it is' : `${shown(name)} is`;
    throw new PayloadTooLargeError(
      `Your archive unpacks to more than we accept: ${what} compressed more than ${ratio} to 1, as a zip bomb is (the limit is ${formatBytes(this.#limits.maxTotalBytes)} unpacked). Pack only your source files.`,
    );
  }

  /** The refusal for unpacked bytes over the cap, also used by the gunzip stage. */
  unpacksTooMuch(): PayloadTooLargeError {
    return new PayloadTooLargeError(
      `Your archive unpacks to more than ${formatBytes(this.#limits.maxTotalBytes)}, the most we accept. Pack only your source files (no data, videos or build output).`,
    );
  }

  add(name: string, bytes: Buffer): void {
    this.#bytes += bytes.length;
    if (this.#bytes > this.#limits.maxTotalBytes) throw this.unpacksTooMuch();
    this.#files.set(name, bytes);
  }

  /** The files by name, without the one folder they all sit in. */
  files(): Map<string, Buffer> {
    if (this.#files.size === 0) {
      throw new BadRequestError('Your archive has no files (only folders or system files such as `__MACOSX`). Pack the folder with your source files.', 'SUBMISSION_INVALID');
    }
    const top = commonTopFolder([...this.#files.keys()]);
    if (top === null) return new Map(this.#files);
    // Stripping one shared prefix keeps names distinct, so no duplicates can appear here.
    return new Map([...this.#files].map(([name, bytes]) => [name.slice(top.length + 1), bytes]));
  }
}
