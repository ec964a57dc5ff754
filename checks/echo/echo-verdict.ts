/**
 * Judging one echo: exact byte comparison, and when it differs, the likely cause in
 * words a 16-year-old learning sockets understands.
 */
import { decodeUtf8, isUtf8, quoteBytes } from '../lib/bytes-text.js';
import { comparison } from '../lib/comparison.js';
import { formatDuration } from '../lib/deadline.js';
import type { Comparison, TestStatus } from '../types.js';

/** How the reply ended. */
export type EchoEnd =
  | 'complete' // at least as many bytes as we sent arrived
  | 'closed' // the server closed the connection before that
  | 'reset' // … or reset it
  | 'timeout' // nothing (more) arrived for the reply timeout
  | 'refused' // nobody accepted the connection
  | 'lost' // our write failed: the connection was already gone
  | 'exited'; // the student's program exited while we waited

export interface EchoObservation {
  transport: 'tcp' | 'udp';
  sent: Buffer;
  /** Everything that came back (TCP: including bytes after the expected length; UDP: the first datagram). */
  got: Buffer;
  end: EchoEnd;
  /** The reply timeout in force. */
  replyMs: number;
  /** UDP: further datagrams that came back for this one. */
  extraDatagrams?: number;
  /** Node's error code for refused/reset/lost. */
  errorCode?: string;
}

export interface EchoVerdict {
  status: TestStatus;
  feedback: string;
}

export function judgeEcho(observation: EchoObservation): EchoVerdict {
  const { sent, got, end, transport } = observation;
  const we = `We sent ${quoteBytes(sent)} (${sent.length} bytes)`;
  if (end === 'refused') {
    return { status: 'failed', feedback: `We could not connect: nobody accepted the connection (${observation.errorCode ?? 'refused'}). Is your server still running and listening?` };
  }
  if (got.equals(sent) && !(observation.extraDatagrams ?? 0)) {
    return { status: 'passed', feedback: `${we} and got exactly the same ${sent.length} bytes back.` };
  }
  if (got.equals(sent)) {
    return {
      status: 'failed',
      feedback: `${we} and got it back — but then ${observation.extraDatagrams} more datagram(s) as well. Send exactly one reply per datagram.`,
    };
  }
  if (got.length === 0) return nothingBack(observation, we);
  const cause = explainMismatch(sent, got, end, transport);
  const ending = end === 'timeout' ? ` and then nothing more for ${formatDuration(observation.replyMs)}` : end === 'closed' ? ', then closed the connection' : '';
  return {
    status: 'failed',
    feedback: `${we} and expected exactly the same bytes back, but got ${quoteBytes(got)} (${got.length} bytes)${ending}.${cause ? `\n\nLikely cause: ${cause}` : ''}`,
  };
}

/**
 * What we sent next to what came back, for the report (issue #9); none when nothing was
 * compared (we could not connect or not even send). `label` names the exchange, e.g. `Client A`.
 */
export function echoComparison(observation: EchoObservation, label?: string): Comparison | undefined {
  if (observation.end === 'refused' || observation.end === 'lost') return undefined;
  return comparison(observation.sent, observation.got, label);
}

function nothingBack(observation: EchoObservation, we: string): EchoVerdict {
  switch (observation.end) {
    case 'timeout':
      return {
        status: 'timeout',
        feedback: `${we} and waited ${formatDuration(observation.replyMs)}, but your server sent nothing back.${
          observation.transport === 'tcp'
            ? ' Does it call send() (or better sendall()) with the received bytes after recv()? Is it perhaps still busy with an earlier client?'
            : ' Does it call sendto(daten, addr) with the address that recvfrom() returned?'
        }`,
      };
    case 'closed':
      return { status: 'failed', feedback: `${we}, but your server closed the connection without sending anything back.` };
    case 'reset':
      return { status: 'failed', feedback: `${we}, but your server reset the connection (${observation.errorCode ?? 'ECONNRESET'}) without sending anything back.` };
    case 'lost':
      return { status: 'failed', feedback: `We could not even send our message: your server had already closed the connection (${observation.errorCode ?? 'connection lost'}).` };
    case 'exited':
      return { status: 'failed', feedback: `${we}, but your server stopped running before it replied.` };
    default:
      return { status: 'failed', feedback: `${we}, but nothing came back.` };
  }
}

/** The most likely reason why `got` differs from `sent`, or null when we cannot tell. */
export function explainMismatch(sent: Buffer, got: Buffer, end: EchoEnd, transport: 'tcp' | 'udp'): string | null {
  const tail = got.subarray(sent.length);
  if (got.length > sent.length && got.subarray(0, sent.length).equals(sent)) {
    if (tail.equals(Buffer.from('\n')) || tail.equals(Buffer.from('\r\n'))) {
      return 'you replied with a trailing newline. An echo server sends back exactly the bytes it received and adds nothing (no `"\\n"`, no print-style line break).';
    }
    return `you sent back our message plus ${tail.length} extra bytes (${quoteBytes(tail, 40)}). Send back only what you received.`;
  }
  const sentText = decodeUtf8(sent);
  const gotText = decodeUtf8(got);
  if (sentText !== null && gotText !== null) {
    if (gotText === sentText.replace(/\s+$/, '') && /\n$/.test(sentText)) {
      return 'you removed the line break at the end of our message (with `strip()`?). An echo server sends back exactly the bytes it received, line breaks included.';
    }
    if (gotText === sentText.trim()) return 'you removed spaces or line breaks at the start or end (with `strip()`?). Send back exactly what you received.';
    if (gotText.toLowerCase() === sentText.toLowerCase()) {
      return 'upper and lower case changed (did you call `lower()` or `upper()`?). An echo server must not change the text.';
    }
    if (gotText.includes(sentText)) return 'your reply contains our message, but with text added around it. Send back only what you received.';
  }
  if (!isUtf8(sent) && got.includes(Buffer.from('efbfbd', 'hex'))) {
    return 'your reply contains the replacement character `�`: you decoded the bytes with `errors="replace"` (or similar) and encoded them again, which changes bytes that are not valid UTF-8. Send back the raw bytes you received.';
  }
  if (got.length < sent.length && sent.subarray(0, got.length).equals(got)) {
    const bufferSize = (got.length & (got.length - 1)) === 0 && got.length >= 16 ? got.length : null;
    if (transport === 'udp') {
      return `only the first ${got.length} of ${sent.length} bytes came back.${bufferSize ? ` It looks like you call \`recvfrom(${bufferSize})\`: a datagram larger than the buffer is cut off and the rest is lost. Use a larger buffer, e.g. \`recvfrom(4096)\`.` : ''}`;
    }
    if (bufferSize) {
      return `only the first ${got.length} of ${sent.length} bytes came back. It looks like you call \`recv(${bufferSize})\` once: recv(n) returns at most n bytes. Use a larger buffer, or call recv() in a loop until you have everything (until recv() returns b'' because we closed).`;
    }
    return `only the first ${got.length} of ${sent.length} bytes came back. Your server reads once per connection, but the message arrived in pieces: TCP does not keep message boundaries, so one recv() may return just a part. Call recv() in a loop and echo every piece.`;
  }
  const index = firstDifference(sent, got);
  return `the reply differs from our message from byte ${index} on: we expected ${quoteBytes(sent.subarray(index), 24)} there, you sent ${quoteBytes(got.subarray(index), 24)}.`;
}

function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) if (a[i] !== b[i]) return i;
  return length;
}
