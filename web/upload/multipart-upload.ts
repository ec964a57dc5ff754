import type { IncomingMessage } from 'node:http';
import { encodeFiles } from '../../grader/jobs.js';
import { BadRequestError } from '../errors.js';
import { archiveKind } from './archive-kind.js';
import { readMultipartParts, type FilePart } from './multipart-parts.js';
import { readArchive } from './read-archive.js';
import { multipartBodyLimit, multipartFileBytesLimit, type SubmissionUpload, type UploadLimits } from './submission-upload.js';

const SEND_ARCHIVE_OR_FILES = 'Send either your files as parts named `files`, or one .zip/.tar.gz as `archive`, not both.';

/**
 * A `multipart/form-data` submission: the field `assignment`, and either file parts
 * named `files` (the file name is the submission's, `lib/x.py` allowed) or exactly one
 * archive, named `archive` or recognised by its bytes.
 */
export async function readMultipartUpload(req: IncomingMessage, limits: UploadLimits): Promise<SubmissionUpload> {
  const parts = await readMultipartParts(req, {
    maxBodyBytes: multipartBodyLimit(limits),
    maxFileBytes: multipartFileBytesLimit(limits),
    maxFiles: limits.maxFiles,
  });
  for (const field of ['files', 'archive']) {
    // `curl -F files=<server.py` sends the text; `-F files=@server.py` attaches the file.
    if (parts.fields.has(field)) throw new BadRequestError(`\`${field}\` arrived as a text field; attach it as a file (with \`curl\`: \`-F ${field}=@${field === 'files' ? 'server.py' : 'hw1.zip'}\`).`);
  }
  const assignmentId = parts.fields.get('assignment');
  if (!assignmentId) throw new BadRequestError('Send the form field `assignment` with the id of an assignment.');
  // A browser sends an empty part for a file input left empty.
  const fileParts = parts.files.filter((part) => part.filename !== '' || part.bytes.length > 0);
  const archive = archivePart(fileParts);
  const files = archive ? await readArchive(archive.bytes, limits) : looseFiles(fileParts);
  return { assignmentId, files: encodeFiles(files) };
}

/** The part to unpack: one named `archive`, or a single file part whose bytes are a zip or tar. */
function archivePart(parts: FilePart[]): FilePart | undefined {
  const named = parts.filter((part) => part.field === 'archive');
  if (named.length > 1 || (named.length === 1 && parts.length > 1)) throw new BadRequestError(SEND_ARCHIVE_OR_FILES);
  if (named.length === 1) return named[0];
  const [only] = parts;
  return parts.length === 1 && only && archiveKind(only.bytes) !== null ? only : undefined;
}

/** Loose files by their part's file name; the names are checked with the JSON upload's, later. */
function looseFiles(parts: FilePart[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const part of parts) {
    if (part.field !== 'files') throw new BadRequestError(`A file part is named \`${part.field}\`. ${SEND_ARCHIVE_OR_FILES}`);
    if (part.filename === '') throw new BadRequestError('A file part has no file name; send each file with its name.', 'SUBMISSION_INVALID');
    if (files.has(part.filename)) throw new BadRequestError(`${JSON.stringify(part.filename)} is in your upload twice; send each file once.`, 'SUBMISSION_INVALID');
    files.set(part.filename, part.bytes);
  }
  return files;
}
