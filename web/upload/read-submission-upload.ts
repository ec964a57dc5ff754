import type { Request } from 'express';
import { UnsupportedMediaTypeError } from '../errors.js';
import { readMultipartUpload } from './multipart-upload.js';
import { parseUploadShape, type SubmissionUpload, type UploadLimits } from './submission-upload.js';

/**
 * The body of `POST /api/submissions`, by its Content-Type: JSON (parsed already by
 * `express.json`) or `multipart/form-data` with loose files or one archive. Either way
 * the result is `{assignmentId, files: {name: base64}}`, what the grading job carries.
 */
export async function readSubmissionUpload(req: Request, limits: UploadLimits): Promise<SubmissionUpload> {
  try {
    return await readByType(req, limits);
  } catch (error) {
    // Refused before the body's end (too large, endless, wrong type): the rest stays
    // unread, and closing the connection is the only way to stop a client still sending.
    if (!req.complete) req.res?.setHeader('Connection', 'close');
    throw error;
  }
}

async function readByType(req: Request, limits: UploadLimits): Promise<SubmissionUpload> {
  const type = mediaType(req.headers['content-type']);
  if (type === 'application/json') return parseUploadShape(req.body);
  if (type === 'multipart/form-data') return readMultipartUpload(req, limits);
  throw new UnsupportedMediaTypeError(
    `We cannot read ${type ? `a \`${type}\` body` : 'a body without a Content-Type'}. Send \`multipart/form-data\` (the field \`assignment\` and your files as \`files\`, or one .zip/.tar.gz as \`archive\`), or JSON \`{"assignment": "<id>", "files": {"<name>": "<base64>"}}\` with \`Content-Type: application/json\`.`,
  );
}

/** `Multipart/Form-Data; boundary=x` → `multipart/form-data` (RFC 9110 §8.3.1: case-insensitive). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}
