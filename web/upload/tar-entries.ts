import { extract as tarExtract, type Header } from 'tar-stream';
import { ApiError, BadRequestError } from '../errors.js';
import type { ArchiveCollector, EntryKind } from './archive-collector.js';
import { readCapped } from './capped-read.js';

const TAR_KINDS: Record<Header['type'], EntryKind> = {
  file: 'file',
  // POSIX: a contiguous file is a regular file where contiguity is not supported.
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'character-device',
  'block-device': 'block-device',
  fifo: 'fifo',
};

/**
 * Reads every entry of the (already gunzipped) tar in `bytes` into `collector`. The
 * bytes are bounded already, so the entries' sizes are too; the collector's caps apply.
 */
export async function readTarEntries(bytes: Buffer, collector: ArchiveCollector): Promise<void> {
  const extract = tarExtract();
  extract.end(bytes);
  try {
    for await (const entry of extract) {
      collector.countEntries(1);
      const name = collector.admit(entry.header.name, tarKind(entry.header));
      if (name === null) {
        // tar-stream hands out the next entry only after this one's bytes are drained.
        entry.resume();
        continue;
      }
      const guard = collector.guard(name);
      guard(entry.header.size ?? 0);
      collector.add(name, await readCapped(entry, guard));
    }
  } catch (error) {
    throw asTarError(error);
  }
}

/** tar-stream gives `null` for typeflags it does not know (`S` sparse, `V` volume label, …), whatever its types say. */
function tarKind(header: Header): EntryKind {
  const type = header.type as Header['type'] | null;
  return (type !== null && TAR_KINDS[type]) || 'unknown';
}

function asTarError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BadRequestError(
    `Your archive is not a tar archive we can read (${message}). Pack your folder again, e.g. \`tar -czf hw1.tar.gz hw1\`, or send a .zip.`,
    'SUBMISSION_INVALID',
  );
}
