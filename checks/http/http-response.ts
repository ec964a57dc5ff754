/**
 * Our responses as bytes: the head, the body framed by `Content-Length` or chunked
 * (RFC 9112 §6, §7.1), and the pieces we write them in. The first piece carries the head
 * and the top of the page; the rest follows in pieces with pauses between them, so a
 * client that calls `recv()` once gets the top of the page and no more.
 */

export type BodyFraming = 'length' | 'chunked';

export interface ResponseHeadOptions {
  status: number;
  reason: string;
  framing: BodyFraming;
  bodyLength: number;
  keepAlive: boolean;
  /** For `Keep-Alive: timeout=…`. */
  keepAliveMs: number;
  /** A HEAD response: the same head, no body. */
  headOnly?: boolean;
}

export function responseHead(options: ResponseHeadOptions): string {
  const lines = [
    `HTTP/1.1 ${options.status} ${options.reason}`,
    `Date: ${new Date().toUTCString()}`,
    'Server: sockgrade test server',
    'Content-Type: text/html; charset=iso-8859-1',
    options.framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.bodyLength}`,
    ...(options.keepAlive ? [`Keep-Alive: timeout=${Math.max(1, Math.round(options.keepAliveMs / 1000))}, max=5`, 'Connection: Keep-Alive'] : ['Connection: close']),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Chunk sizes that cut through paragraphs, so printed chunk-size lines always break one. */
const CHUNKS = [600, 1500, 1800];

/** The body as chunks (RFC 9112 §7.1): `size-in-hex CRLF data CRLF`…, then `0 CRLF CRLF`. */
export function encodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (let i = 0; offset < body.length; i += 1) {
    const size = Math.min(CHUNKS[i] ?? body.length, body.length - offset);
    parts.push(Buffer.from(`${size.toString(16)}\r\n`), body.subarray(offset, offset + size), Buffer.from('\r\n'));
    offset += size;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** The bytes of the first piece's payload share. */
export const FIRST_PIECE_BYTES = 700;

/**
 * Head plus payload in `count` pieces: the head with the first {@link FIRST_PIECE_BYTES}
 * of the payload, then the rest in equal parts.
 */
export function splitPieces(head: Buffer, payload: Buffer, count = 4): Buffer[] {
  const first = Buffer.concat([head, payload.subarray(0, FIRST_PIECE_BYTES)]);
  const rest = payload.subarray(FIRST_PIECE_BYTES);
  const size = Math.max(1, Math.ceil(rest.length / Math.max(1, count - 1)));
  const pieces: Buffer[] = [first];
  for (let offset = 0; offset < rest.length; offset += size) pieces.push(rest.subarray(offset, offset + size));
  return pieces;
}

/** A small error page, ISO-8859-1 like the real one. */
export function errorPage(status: number, reason: string, explanation: string): Buffer {
  return Buffer.from(`<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head>\n<body><h1>${reason}</h1><p>${explanation}</p></body></html>\n`, 'latin1');
}
