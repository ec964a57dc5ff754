import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { formatBytes } from '../../grader/submission-files.js';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';

/** One file part of a multipart body, read to its end. */
export interface FilePart {
  /** The form field name (`files`, `archive`). */
  field: string;
  /** As the client sent it, paths kept (`lib/x.py`); `''` when there was none. */
  filename: string;
  bytes: Buffer;
}

export interface MultipartParts {
  fields: Map<string, string>;
  files: FilePart[];
}

/** Bounds of one multipart body. */
export interface MultipartCaps {
  /** Raw body bytes, boundaries and part headers included. */
  maxBodyBytes: number;
  /** File content bytes of all parts together. */
  maxFileBytes: number;
  /** File parts. */
  maxFiles: number;
}

/** Text fields: `assignment` and room for a few a form adds (a CSRF token, a submit button). */
const MAX_FIELDS = 8;
const MAX_FIELD_BYTES = 1024;

/**
 * Reads a `multipart/form-data` body as it streams in, and stops reading (413) as soon
 * as a cap is passed: the body is never buffered beyond the caps, whatever its
 * Content-Length says or if it never ends.
 */
export function readMultipartParts(req: IncomingMessage, caps: MultipartCaps): Promise<MultipartParts> {
  if (Number(req.headers['content-length']) > caps.maxBodyBytes) return Promise.reject(tooLarge(caps));
  return new Promise((resolve, reject) => new MultipartRead(req, caps, resolve, reject).start());
}

/** One body being read: counts what arrives and settles once, on the end or the first problem. */
class MultipartRead {
  readonly #parts: MultipartParts = { fields: new Map(), files: [] };
  #parser: busboy.Busboy | undefined;
  #received = 0;
  #fileBytes = 0;
  #settled = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly caps: MultipartCaps,
    private readonly resolve: (parts: MultipartParts) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  start(): void {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: this.req.headers,
        // Keep `lib/x.py`: the name checks run later; busboy would cut it to `x.py`.
        preservePath: true,
        // Browsers and curl send `filename="ü.py"` as raw UTF-8 (WHATWG HTML's form encoding);
        // busboy reads it as latin1 unless told, turning one `ü` into two letters.
        defParamCharset: 'utf8',
        limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, files: this.caps.maxFiles, parts: this.caps.maxFiles + MAX_FIELDS, fileSize: this.caps.maxFileBytes + 1, headerPairs: 16 },
      });
    } catch (error) {
      return this.reject(malformed(error));
    }
    this.#parser = parser;
    parser.on('field', (name, value, info) => this.#onField(name, value, info.nameTruncated || info.valueTruncated));
    parser.on('file', (field, stream, info) => this.#onFile(field, stream, info.filename ?? ''));
    parser.on('filesLimit', () => this.#finish(new PayloadTooLargeError(`Your upload has more than ${this.caps.maxFiles} files; at most ${this.caps.maxFiles} are accepted. Submit only your source files.`)));
    parser.on('fieldsLimit', () => this.#finish(tooManyFields()));
    parser.on('partsLimit', () => this.#finish(tooManyFields()));
    parser.on('error', (error) => this.#finish(malformed(error)));
    // busboy closes after the last part and after every file stream has ended.
    parser.on('close', () => this.#finish());
    this.req.on('data', this.#onData);
    this.req.on('error', this.#onAbort);
    this.req.pipe(parser);
  }

  readonly #onData = (chunk: Buffer) => {
    this.#received += chunk.length;
    if (this.#received > this.caps.maxBodyBytes) this.#finish(tooLarge(this.caps));
  };

  readonly #onAbort = () => this.#finish(new BadRequestError('The upload stopped before its end; send it again.'));

  #onField(name: string, value: string, truncated: boolean): void {
    if (truncated) return this.#finish(new BadRequestError(`The form field \`${name}\` is too long; send files as file parts, not as text.`));
    this.#parts.fields.set(name, value);
  }

  #onFile(field: string, stream: Readable, filename: string): void {
    const part: FilePart = { field, filename, bytes: Buffer.alloc(0) };
    const chunks: Buffer[] = [];
    this.#parts.files.push(part);
    stream.on('data', (chunk: Buffer) => {
      this.#fileBytes += chunk.length;
      if (this.#fileBytes > this.caps.maxFileBytes) return this.#finish(tooLarge(this.caps));
      chunks.push(chunk);
    });
    stream.on('limit', () => this.#finish(tooLarge(this.caps)));
    stream.on('end', () => {
      part.bytes = Buffer.concat(chunks);
    });
    // Destroying the parser fails the open file stream; `#finish` has reported why already.
    stream.on('error', () => {});
  }

  #finish(error?: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.req.off('data', this.#onData);
    this.req.off('error', this.#onAbort);
    if (!error) return this.resolve(this.#parts);
    const parser = this.#parser;
    if (parser) {
      this.req.unpipe(parser);
      // Not from inside busboy's own event: it would crash on its half-torn state.
      setImmediate(() => parser.destroy());
    }
    // Let the rest drain until the connection closes (the caller sets `Connection: close`).
    this.req.resume();
    this.reject(error);
  }
}

function tooLarge(caps: MultipartCaps): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `Your upload is larger than ${formatBytes(caps.maxFileBytes)}, the most we accept. Submit only your source files, or pack them in a .zip or .tar.gz.`,
  );
}

function tooManyFields(): PayloadTooLargeError {
  return new PayloadTooLargeError('Your upload has too many form fields; send the field `assignment` and your files, nothing else.');
}

function malformed(error: unknown): BadRequestError {
  const message = error instanceof Error ? error.message : String(error);
  return new BadRequestError(`The multipart/form-data body could not be read (${message}). Send it with a form, \`curl -F\`, or \`FormData\`.`);
}
