import { base64DecodedLength, isBase64, MAX_JOB_FILES, MAX_JOB_FILES_BYTES } from '../../grader/jobs.js';
import { formatBytes } from '../../grader/submission-files.js';
import { submissionNamesProblem } from '../../grader/submission-names.js';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';

/** Bounds of one upload; the job payload's caps are the ceiling. */
export interface UploadLimits {
  /** Files in the submission, loose or unpacked. @defaultValue 200 */
  maxFiles: number;
  /** Decoded (unpacked) bytes of all files together. @defaultValue 1 MiB */
  maxTotalBytes: number;
  /** Bytes of an uploaded .zip/.tar.gz/.tar as sent, before unpacking. @defaultValue 5 MiB */
  maxArchiveBytes: number;
  /**
   * Entries in an archive, counting folders and the system files we skip (`__MACOSX/`, …):
   * reading each costs time even when nothing is kept. @defaultValue 1000
   */
  maxEntries: number;
  /**
   * Unpacked bytes per packed byte beyond which an archive is refused as a zip bomb.
   * Source code packs about 4:1; a bomb packs 1000:1. @defaultValue 200
   */
  maxCompressionRatio: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFiles: MAX_JOB_FILES,
  maxTotalBytes: MAX_JOB_FILES_BYTES,
  maxArchiveBytes: 5 * 1024 * 1024,
  maxEntries: 1000,
  maxCompressionRatio: 200,
};

/** The JSON body limit that lets the largest accepted upload through: base64 is 4/3 of the bytes, plus names. */
export function jsonBodyLimit(limits: UploadLimits): number {
  return Math.ceil((limits.maxTotalBytes * 4) / 3) + 64 * 1024;
}

/** Bytes of file content a multipart body may carry: one archive or the loose files, whichever cap is larger. */
export function multipartFileBytesLimit(limits: UploadLimits): number {
  return Math.max(limits.maxArchiveBytes, limits.maxTotalBytes);
}

/** The multipart body limit: the file bytes plus part headers and boundaries (well under 1 KiB a part). */
export function multipartBodyLimit(limits: UploadLimits): number {
  return multipartFileBytesLimit(limits) + (limits.maxFiles + 8) * 1024;
}

export interface SubmissionUpload {
  assignmentId: string;
  /** base64 by file name, as the grading job carries them. */
  files: Record<string, string>;
}

/** The shape of `POST /api/submissions`: `{assignment, files: {name: base64}}`. Nothing is stored before this passes. */
export function parseUploadShape(body: unknown): SubmissionUpload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('Send a JSON object `{"assignment": "<id>", "files": {"<name>": "<base64>"}}` with `Content-Type: application/json`.');
  }
  const { assignment, files } = body as { assignment?: unknown; files?: unknown };
  if (typeof assignment !== 'string' || assignment.length === 0) throw new BadRequestError('`assignment` must be the id of an assignment.');
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new BadRequestError('`files` must be an object mapping file names to their contents in base64.');
  }
  for (const [name, content] of Object.entries(files)) {
    if (typeof content !== 'string') throw new BadRequestError(`The content of \`${name}\` must be a base64 string.`);
  }
  return { assignmentId: assignment, files: files as Record<string, string> };
}

/** Names, encoding and size of the files; 400 for what is wrong, 413 for what is too much. */
export function checkUploadFiles(files: Record<string, string>, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): void {
  const names = Object.keys(files);
  if (names.length === 0) throw new BadRequestError('The submission has no files.', 'SUBMISSION_INVALID');
  if (names.length > limits.maxFiles) {
    throw new PayloadTooLargeError(`The submission has ${names.length} files; at most ${limits.maxFiles} are accepted. Submit only your source files.`);
  }
  const nameProblem = submissionNamesProblem(names);
  if (nameProblem) throw new BadRequestError(nameProblem, 'SUBMISSION_INVALID');
  let total = 0;
  for (const [name, content] of Object.entries(files)) {
    if (!isBase64(content)) throw new BadRequestError(`The content of \`${name}\` is not valid base64.`, 'SUBMISSION_INVALID');
    total += base64DecodedLength(content);
  }
  if (total > limits.maxTotalBytes) {
    throw new PayloadTooLargeError(`The submission is ${formatBytes(total)}; at most ${formatBytes(limits.maxTotalBytes)} is accepted. Submit only your source files.`);
  }
}
