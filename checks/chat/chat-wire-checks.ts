/**
 * The wire-fault tests of a chat server (issue #5): two messages in one TCP segment, and
 * one message in several. Only commands are used, so these grade the server's framing and
 * nothing else. A server that takes one recv() for one message fails both, and the
 * feedback says so.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { type Finding, describeMiss, failed, isDying, isFinding, missStatus, passed, sentText, shown, shownList, streamHint } from './chat-finding.js';
import { type ChatFrame, isReply, type ReplyFrame } from './chat-frame.js';
import type { ChatPeer, Wait } from './chat-peer.js';
import { type ChatProtocol, delimiterName, encodeMessage } from './chat-protocol.js';
import type { ChatSession } from './chat-session.js';
import { chatCheck } from './chat-steps.js';

/** Pieces of a split login: a few bytes each, far enough apart to arrive in separate segments. */
const SPLIT = { chunkSize: 4, delayMs: 40 } as const;
const BYTEWISE_DELAY_MS = 20;

/**
 * `/login Paula\0/users\0` in one write: two replies, `/ok` then `/users`. Then
 * `/users\0/users\0` in one write: two user lists.
 */
export const twoInOneSegmentCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const paula = await session.open('client Paula');
  if (isFinding(paula)) return paula;
  const first = [`${protocol.words.login} Paula`, protocol.words.users];
  const login = await exchange(session, paula, first, ['ok', 'users'], { mode: 'coalesced' }, 'Paula');
  if (!login.ok) return login.finding;
  const second = [protocol.words.users, protocol.words.users];
  const users = await exchange(session, paula, second, ['users', 'users'], { mode: 'coalesced' }, 'Paula');
  if (!users.ok) return { ...users.finding, feedback: `The first two messages in one segment worked. Then: ${users.finding.feedback}` };
  return passed(
    `We sent two messages in one TCP segment, ${together(first, protocol)}, and your server answered both: ${shownList(login.replies)}. Two \`${protocol.words.users}\` in one segment got two lists as well. Your server splits what recv() returns at every ${delimiterName(protocol)}.`,
  );
});

/** `/login Rosa\0` in pieces of 4 bytes: one `/ok`, nothing more. Then `/users\0` byte by byte: one list. */
export const splitMessageCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const rosa = await session.open('client Rosa');
  if (isFinding(rosa)) return rosa;
  const login = await exchange(session, rosa, [`${protocol.words.login} Rosa`], ['ok'], { mode: 'chunked', ...SPLIT }, 'Rosa');
  if (!login.ok) return login.finding;
  const users = await exchange(session, rosa, [protocol.words.users], ['users'], { mode: 'bytewise', delayMs: BYTEWISE_DELAY_MS }, 'Rosa');
  if (!users.ok) return { ...users.finding, feedback: `The login in pieces worked. Then: ${users.finding.feedback}` };
  return passed(
    `We sent ${sentText(`${protocol.words.login} Rosa`, protocol)} in pieces of ${SPLIT.chunkSize} bytes, ${SPLIT.delayMs} ms apart, and \`${protocol.words.users}\` one byte at a time: your server waited for the ${delimiterName(protocol)} each time and answered once, with ${shown(login.replies[0] as ChatFrame)} and ${shown(users.replies[0] as ChatFrame)}.`,
  );
});

type Exchange = { ok: true; replies: ReplyFrame[] } | { ok: false; finding: Finding };

/**
 * Writes `texts` (each one message) as `write` says, then expects one reply of each kind in
 * `kinds`, in order, and no further reply within `quietMs`. Every user list must contain
 * `name`: a server that took the first pieces for the whole login (`/login R`) would
 * otherwise pass with `/ok R`.
 */
async function exchange(
  session: ChatSession,
  peer: ChatPeer,
  texts: string[],
  kinds: Array<ReplyFrame['kind']>,
  write: { mode: 'coalesced' | 'chunked' | 'bytewise'; chunkSize?: number; delayMs?: number },
  name: string,
): Promise<Exchange> {
  const { protocol } = session;
  const how = describeWrite(texts, write, protocol);
  const expected = kinds.length === 1 ? `one reply, \`${wordOf(kinds[0] as ReplyFrame['kind'], protocol)} …\`` : `${kinds.length} replies: ${kinds.map((kind) => `\`${wordOf(kind, protocol)} …\``).join(', then ')}`;
  const intro = `${how} We expected ${expected}.`;
  if (!(await peer.send(texts, write))) return { ok: false, finding: failed(`${intro} But your server had already closed the connection.`, true) };
  const replies: ReplyFrame[] = [];
  let miss: Extract<Wait, { ok: false }> | null = null;
  for (let i = 0; i < kinds.length; i += 1) {
    const reply = await peer.waitFor(isReply);
    if (!reply.ok) {
      miss = reply;
      break;
    }
    replies.push(reply.frame);
  }
  const extra = miss ? [] : (await peer.drain()).filter(isReply);
  peer.take(isReply);
  // Logged in (under whatever name): the cleanup logs it out.
  if (texts[0]?.startsWith(`${protocol.words.login} `) && replies[0]?.kind === 'ok') peer.name = name;
  const unnamed = replies.find((frame) => frame.kind !== 'error' && frame.list !== null && !frame.list.names.includes(name));
  const right = !miss && !unnamed && extra.length === 0 && replies.every((frame, i) => frame.kind === kinds[i]);
  if (right) return { ok: true, replies };
  const got = replies.length === 0 ? '' : `answered ${shownList(replies)}`;
  const rest = miss ? `${got ? `${got} and then ` : ''}${describeMiss(miss, peer, protocol)}` : `${got}.`;
  const more = extra.length > 0 ? ` And then ${extra.length} more: ${shownList(extra)} — ${extra.length + replies.length} replies to ${texts.length} message${texts.length === 1 ? '' : 's'}.` : '';
  const lost = unnamed ? ` ${shown(unnamed)} does not list \`${name}\`: your server took a piece of the message for the whole of it.` : '';
  const status = replies.length === 0 && miss ? missStatus(miss) : 'failed';
  return { ok: false, finding: { status, feedback: `${intro} Your server ${rest}${more}${lost}\n\n${streamHint(protocol)}`, dying: miss ? isDying(miss) : false } };
}

function describeWrite(texts: string[], write: { mode: string; chunkSize?: number; delayMs?: number }, protocol: ChatProtocol): string {
  if (write.mode === 'coalesced') return `We sent ${texts.length} messages in one TCP segment (one \`send()\`): ${together(texts, protocol)}.`;
  const bytes = Buffer.concat(texts.map((text) => encodeMessage(text, protocol)));
  const size = write.mode === 'bytewise' ? 1 : (write.chunkSize ?? 16);
  const pieces: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) pieces.push(quoteBytes(bytes.subarray(offset, offset + size)));
  const what = write.mode === 'bytewise' ? 'one byte at a time' : `in ${pieces.length} pieces`;
  return `We sent ${quoteBytes(bytes)} ${what}, ${write.delayMs ?? 5} ms apart${write.mode === 'bytewise' ? '' : ` (${pieces.join(', ')})`}.`;
}

function together(texts: string[], protocol: ChatProtocol): string {
  return quoteBytes(Buffer.concat(texts.map((text) => encodeMessage(text, protocol))), 160);
}

function wordOf(kind: ReplyFrame['kind'], protocol: ChatProtocol): string {
  return protocol.words[kind];
}
