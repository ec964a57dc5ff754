/**
 * Findings and their words: what a step of a chat test concluded, and the phrases the
 * feedback is made of (what we sent, what we expected, what came back, the likely cause).
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration } from '../lib/deadline.js';
import type { TestStatus } from '../types.js';
import type { ChatFrame } from './chat-frame.js';
import type { ChatPeer, Wait } from './chat-peer.js';
import { type ChatProtocol, delimiterName, encodeMessage } from './chat-protocol.js';

export interface Finding {
  status: TestStatus;
  feedback: string;
  /** A connection died on the way: the server may have crashed, so its exit report is worth waiting for. */
  dying?: boolean;
}

export function isFinding(value: unknown): value is Finding {
  return !!value && typeof value === 'object' && 'status' in value && 'feedback' in value;
}

export function passed(feedback: string): Finding {
  return { status: 'passed', feedback };
}

export function failed(feedback: string, dying = false): Finding {
  return { status: 'failed', feedback, ...(dying ? { dying } : {}) };
}

/** A message as we sent it, in backticks: `` `/login Anna\0` ``. */
export function sentText(text: string, protocol: ChatProtocol): string {
  return quoteBytes(encodeMessage(text, protocol), 120);
}

/** A received frame in backticks. */
export function shown(frame: ChatFrame): string {
  return quoteBytes(frame.raw, 160);
}

/** A list of frames, for "it sent `a`, `b` and 3 more". */
export function shownList(frames: readonly ChatFrame[], max = 4): string {
  const parts = frames.slice(0, max).map(shown);
  const more = frames.length > max ? ` and ${frames.length - max} more` : '';
  if (parts.length <= 1) return `${parts.join('')}${more}`;
  return `${parts.slice(0, -1).join(', ')}${more ? `, ${parts[parts.length - 1]}${more}` : ` and ${parts[parts.length - 1]}`}`;
}

/**
 * What came back instead of the frame we waited for, as the end of a sentence that
 * starts with "your server": "answered nothing within 2000 ms".
 */
export function describeMiss(miss: Extract<Wait, { ok: false }>, peer: ChatPeer, protocol: ChatProtocol): string {
  const partial = miss.partial.length > 0 ? ` It had sent ${quoteBytes(miss.partial, 120)}, but no ${delimiterName(protocol)} after it: every message ends with ${delimiterName(protocol)}, your replies too.` : '';
  const strays = peer.inbox.filter((frame) => frame.kind === 'unknown');
  const stray = strays.length > 0 ? ` Before that it sent ${shownList(strays)}, which the protocol does not know.` : '';
  switch (miss.end) {
    case 'silent':
      return `sent nothing within ${formatDuration(miss.waitedMs)}.${partial}${stray}`;
    case 'closed':
      return `closed the connection${miss.partial.length > 0 || strays.length > 0 ? '' : ' without answering'}.${partial}${stray}`;
    case 'reset':
      return `reset the connection (${miss.errorCode ?? 'ECONNRESET'}).${partial}${stray}`;
    case 'lost':
      return `had already closed the connection, so we could not even send it.${stray}`;
    case 'too-long':
      return `sent more than 64 KiB without ${delimiterName(protocol)}.`;
  }
}

/** Ends after which the server (or this client's thread) may have crashed. */
export function isDying(miss: Extract<Wait, { ok: false }>): boolean {
  return miss.end !== 'silent' && miss.end !== 'too-long';
}

/** The status a missing reply earns: silence is a timeout, everything else a failure. */
export function missStatus(miss: Extract<Wait, { ok: false }>): TestStatus {
  return miss.end === 'silent' && miss.partial.length === 0 ? 'timeout' : 'failed';
}

/** Why a server may not answer a second client while the first one is connected. */
export function oneClientAtATimeHint(peers: readonly ChatPeer[], peer: ChatPeer): string {
  const earlier = peers.slice(0, peers.indexOf(peer)).filter((p) => p.ended === null);
  if (earlier.length === 0) return '';
  const names = earlier.map((p) => p.who).join(', ');
  const who = peer.who.charAt(0).toUpperCase() + peer.who.slice(1);
  return `\n\n${who} connected while ${names} ${earlier.length === 1 ? 'was' : 'were'} still connected. If your server serves one client after the other, the next one waits for ever: a chat server must serve all clients at the same time (a thread per client, or \`select()\`).`;
}

/** The wire-fault explanation (issue #5): one recv() is not one message. */
export function streamHint(protocol: ChatProtocol): string {
  const d = delimiterName(protocol);
  return `Likely cause: your server assumes that one \`recv()\` returns exactly one message. TCP is a byte stream and keeps no message boundaries: one \`recv()\` can return two messages, or only half of one. Collect what \`recv()\` returns in a buffer, cut complete messages off at each ${d}, and keep the rest for the next \`recv()\`.`;
}

/** For a server that expects the slide's leading space. */
export function leadingSpaceHint(protocol: ChatProtocol): string {
  return `If your server expects a space before \`${protocol.words.login}\` (the slide prints \`' ${protocol.words.login} Aliasname\\0'\`): that space is only typesetting. Messages start with \`/\`; accept \`${protocol.words.login}\` at the very start (\`.lstrip()\` does no harm).`;
}

export function nameList(names: readonly string[]): string {
  if (names.length === 0) return 'nobody';
  const quoted = names.map((name) => `\`${name}\``);
  return quoted.length === 1 ? (quoted[0] as string) : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
