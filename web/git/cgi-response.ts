/**
 * The head of a CGI program's answer (RFC 3875 §6): header lines up to an empty line, a
 * `Status: 200 OK` header in place of a status line. `git http-backend` ends its lines
 * with `\r\n`; CGI also allows a bare `\n`, so both are read.
 */
export interface CgiHead {
  status: number;
  headers: [string, string][];
  /** The bytes after the head: the start of the body. */
  rest: Buffer;
}

/** A CGI head longer than this is not one: git's are a few hundred bytes. */
export const MAX_CGI_HEAD_BYTES = 64 * 1024;

export class CgiHeadError extends Error {
  readonly code = 'CGI_HEAD_INVALID';
}

/** The head in `bytes` once it is complete, else null (read more). Throws when it is malformed or too long. */
export function parseCgiHead(bytes: Buffer): CgiHead | null {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const candidates = [crlf >= 0 ? { end: crlf, gap: 4 } : null, lf >= 0 ? { end: lf, gap: 2 } : null].filter((c) => c !== null);
  if (candidates.length === 0) {
    if (bytes.length > MAX_CGI_HEAD_BYTES) throw new CgiHeadError(`no end of the CGI head within ${MAX_CGI_HEAD_BYTES} bytes`);
    return null;
  }
  const { end, gap } = candidates.reduce((a, b) => (a.end <= b.end ? a : b));
  let status = 200;
  const headers: [string, string][] = [];
  for (const line of bytes.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new CgiHeadError(`not a header line: ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      status = Number(value.split(' ')[0]);
      if (!Number.isInteger(status) || status < 100 || status > 599) throw new CgiHeadError(`not a status: ${JSON.stringify(value)}`);
    } else {
      headers.push([name, value]);
    }
  }
  return { status, headers, rest: bytes.subarray(end + gap) };
}
