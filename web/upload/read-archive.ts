import { formatBytes } from '../../grader/submission-files.js';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';
import { ArchiveCollector } from './archive-collector.js';
import { archiveKind, unsupportedArchiveName } from './archive-kind.js';
import { gunzipCapped } from './capped-read.js';
import type { UploadLimits } from './submission-upload.js';
import { readTarEntries } from './tar-entries.js';
import { readZipEntries } from './zip-entries.js';

/** Tar framing per entry at most: a header, a pax header with its data, padding. */
const TAR_BYTES_PER_ENTRY = 3 * 1024;
/** GNU tar pads the archive to a 10 KiB record. */
const TAR_RECORD_BYTES = 10 * 1024;

/**
 * The files of a .zip, .tar.gz/.tgz or .tar upload (told apart by their bytes), by
 * name, checked entry by entry and without the one folder they all sit in. Throws 400
 * for anything unsafe or unreadable and 413 for anything too big, naming the entry.
 */
export async function readArchive(bytes: Buffer, limits: UploadLimits): Promise<Map<string, Buffer>> {
  if (bytes.length > limits.maxArchiveBytes) {
    throw new PayloadTooLargeError(`Your archive is ${formatBytes(bytes.length)}; at most ${formatBytes(limits.maxArchiveBytes)} is accepted. Pack only your source files.`);
  }
  const collector = new ArchiveCollector(limits);
  const kind = archiveKind(bytes);
  if (kind === 'zip') await readZipEntries(bytes, collector);
  else if (kind === 'gzip') await readTarEntries(await gunzipTar(bytes, limits, collector), collector);
  else if (kind === 'tar') await readTarEntries(bytes, collector);
  else throw notAnArchive(bytes);
  return collector.files();
}

/**
 * The tar inside a .tar.gz, inflated no further than the largest tar the limits allow
 * (the files plus tar's framing), and refused early when it inflates like a bomb.
 */
async function gunzipTar(bytes: Buffer, limits: UploadLimits, collector: ArchiveCollector): Promise<Buffer> {
  const cap = limits.maxTotalBytes + limits.maxEntries * TAR_BYTES_PER_ENTRY + TAR_RECORD_BYTES;
  try {
    return await gunzipCapped(bytes, (total) => {
      if (total > cap) throw collector.unpacksTooMuch();
      collector.checkRatio(total, bytes.length, null);
    });
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new BadRequestError(`Your .tar.gz could not be unpacked (${message}). Pack your folder again, e.g. \`tar -czf hw1.tar.gz hw1\`.`, 'SUBMISSION_INVALID');
  }
}

function notAnArchive(bytes: Buffer): BadRequestError {
  const named = unsupportedArchiveName(bytes);
  const what = named ? `It is ${named}; we` : 'We';
  return new BadRequestError(
    `The file you sent as an archive is not a .zip, .tar.gz or .tar. ${what} read only those (we look at the file's bytes, not its name). Pack your folder as a .zip, or send your files one by one as \`files\`.`,
    'SUBMISSION_INVALID',
  );
}
