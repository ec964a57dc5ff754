import { describe, expect, it } from 'vitest';
import { CgiHeadError, MAX_CGI_HEAD_BYTES, parseCgiHead } from './cgi-response.js';

describe('parseCgiHead', () => {
  it('reads the status and headers of git http-backend (CRLF) and keeps the body that follows', () => {
    const head = parseCgiHead(Buffer.from('Status: 404 Not Found\r\nContent-Type: text/plain\r\nExpires: Fri, 01 Jan 1980 00:00:00 GMT\r\n\r\nRepository not found'));
    expect(head).toEqual({
      status: 404,
      headers: [
        ['Content-Type', 'text/plain'],
        ['Expires', 'Fri, 01 Jan 1980 00:00:00 GMT'],
      ],
      rest: Buffer.from('Repository not found'),
    });
  });

  it('is 200 without a Status header, and takes bare LF line ends (RFC 3875 allows both)', () => {
    const head = parseCgiHead(Buffer.from('Content-Type: application/x-git-upload-pack-advertisement\n\n001e# service'));
    expect(head?.status).toBe(200);
    expect(head?.headers).toEqual([['Content-Type', 'application/x-git-upload-pack-advertisement']]);
    expect(head?.rest.toString()).toBe('001e# service');
  });

  it('asks for more until the head is complete, and refuses an endless or malformed one', () => {
    expect(parseCgiHead(Buffer.from('Status: 200 OK\r\nContent-Type: x'))).toBeNull();
    expect(() => parseCgiHead(Buffer.alloc(MAX_CGI_HEAD_BYTES + 1, 'a'))).toThrow(CgiHeadError);
    expect(() => parseCgiHead(Buffer.from('no colon here\r\n\r\n'))).toThrow(/not a header line/);
    expect(() => parseCgiHead(Buffer.from('Status: abc\r\n\r\n'))).toThrow(/not a status/);
  });
});
