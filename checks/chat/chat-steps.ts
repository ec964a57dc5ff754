/**
 * The steps chat-server tests are made of — log in, ask for the users, expect a message —
 * each returning what it got or a {@link Finding} that explains what went wrong. And the
 * wrapper that turns a test body into a check: clean up, add the server's exit report.
 */
import { readParams } from '../lib/param-schema.js';
import { CHAT_SERVER } from './chat-params.js';
import { serverExitNote } from '../lib/server-exit-note.js';
import type { ServerCheck } from '../suite.js';
import {
  type Finding,
  describeMiss,
  failed,
  isDying,
  isFinding,
  leadingSpaceHint,
  missStatus,
  nameList,
  oneClientAtATimeHint,
  sentText,
  shown,
  shownList,
  streamHint,
} from './chat-finding.js';
import type { ChatFrame, MessageFrame, NameList } from './chat-frame.js';
import type { ChatPeer } from './chat-peer.js';
import { chatProtocol, delimiterName } from './chat-protocol.js';
import { ChatSession } from './chat-session.js';

/** Turns a test body into a check: cleanup always, and a crash report when it failed. */
export function chatCheck(body: (session: ChatSession) => Promise<Finding>): ServerCheck {
  return async (ctx) => {
    const session = new ChatSession(ctx, chatProtocol(ctx.params));
    let finding: Finding;
    try {
      finding = await body(session);
    } finally {
      await session.closeAll();
    }
    if (finding.status === 'passed') return { status: 'passed', feedback: finding.feedback, transcript: ctx.transcript.entries() };
    const note = await serverExitNote(ctx, { dying: finding.dying === true, waitMs: readParams(CHAT_SERVER, ctx.params).exitReportMs });
    return { status: finding.status, feedback: [finding.feedback, note].filter(Boolean).join('\n\n'), transcript: ctx.transcript.entries() };
  };
}

export interface JoinOptions {
  /** Transcript label. @defaultValue `client NAME` */
  label?: string;
  /** An already connected client to log in with. */
  peer?: ChatPeer;
  /** Names the `/ok` list must contain (the new one is always added). Unset: the list is not checked. */
  listed?: readonly string[];
}

export interface Joined {
  peer: ChatPeer;
  /** The `/ok` reply. */
  frame: Extract<ChatFrame, { kind: 'ok' }>;
}

/** Connects (unless `options.peer`) and logs in as `name`; anything but `/ok` is a finding. */
export async function join(session: ChatSession, name: string, options: JoinOptions = {}): Promise<Joined | Finding> {
  const { protocol } = session;
  const peer = options.peer ?? (await session.open(options.label ?? `client ${name}`));
  if (isFinding(peer)) return peer;
  const command = `${protocol.words.login} ${name}`;
  const reply = await peer.login(name);
  const intro = `We sent ${sentText(command, protocol)} from ${peer.label} (a valid name that nobody else uses) and expected \`${protocol.words.ok} …\` with the list of logged-in users.`;
  if (!reply.ok) {
    return { status: missStatus(reply), feedback: `${intro} Your server ${describeMiss(reply, peer, protocol)}${oneClientAtATimeHint(session.peers, peer)}`, dying: isDying(reply) };
  }
  const frame = reply.frame;
  if (frame.kind === 'error') return failed(`${intro} Your server refused it with ${shown(frame)}.\n\n${leadingSpaceHint(protocol)}`);
  if (frame.kind !== 'ok') return failed(`${intro} Your server answered ${shown(frame)}, a user list, instead of \`${protocol.words.ok} …\`.`);
  if (options.listed) {
    const problem = listProblem(frame.list, [...options.listed, name], [], session);
    if (problem) return failed(`${intro} Your server answered ${shown(frame)}. ${problem}`);
  }
  return { peer, frame };
}

export interface UserList {
  list: NameList;
  frame: Extract<ChatFrame, { kind: 'users' }>;
}

/** Sends `/users` and returns the reply, or a finding. */
export async function askUsers(session: ChatSession, peer: ChatPeer): Promise<UserList | Finding> {
  const { protocol } = session;
  const reply = await peer.request(protocol.words.users);
  const intro = `${peer.who} sent ${sentText(protocol.words.users, protocol)} and expected \`${protocol.words.users} NAME1\\nNAME2…\`.`;
  if (!reply.ok) return { status: missStatus(reply), feedback: `${intro} Your server ${describeMiss(reply, peer, protocol)}`, dying: isDying(reply) };
  if (reply.frame.kind !== 'users') return failed(`${intro} Your server answered ${shown(reply.frame)}.`);
  return { list: reply.frame.list, frame: reply.frame };
}

/**
 * What is wrong with a name list, or null: a bare `/ok`, entries that are not names (the
 * wrong separator), a name twice, a name missing, a name that must be gone.
 */
export function listProblem(list: NameList | null, present: readonly string[], absent: readonly string[], session: ChatSession): string | null {
  const { protocol } = session;
  if (!list) return `It carries no list of users. The protocol says \`${protocol.words.ok} NAME1\\nNAME2…\`: every logged-in user, the new one included.`;
  if (list.invalid.length > 0) {
    return `The list contains ${list.invalid.map((entry) => `\`${entry}\``).join(', ')}, which ${list.invalid.length === 1 ? 'is' : 'are'} not a name. Separate the names with \`\\n\` (\`"\\n".join(names)\`), nothing else.`;
  }
  if (list.duplicates.length > 0) return `It lists ${nameList(list.duplicates)} more than once.`;
  const missing = present.filter((name) => !list.names.includes(name));
  if (missing.length > 0) return `${nameList(missing)} ${missing.length === 1 ? 'is' : 'are'} missing from it, although ${missing.length === 1 ? 'that client is' : 'they are'} logged in.`;
  const stale = absent.filter((name) => list.names.includes(name));
  if (stale.length > 0) return `It still lists ${nameList(stale)}, who ${stale.length === 1 ? 'is' : 'are'} gone.`;
  return null;
}

/** Waits until `to` receives `from:text`; a finding explains what arrived instead. */
export async function expectMessage(session: ChatSession, to: ChatPeer, from: string, text: string, ms?: number): Promise<Finding | null> {
  const got = await to.waitFor((frame) => isMessage(frame, from, text), ms);
  if (got.ok) return null;
  const { protocol } = session;
  const expected = sentText(`${from}:${text}`, protocol);
  const head = `${from} sent ${sentText(text, protocol)}. ${to.who} should have received ${expected}`;
  const near = to.seen.filter((frame) => frame.body.includes(text) && !isMessage(frame, from, text));
  if (near.length > 0) return failed(`${head}, but got ${shownList(near, 3)}. ${explainNearMiss(near[0] as ChatFrame, from, text, session)}`);
  const fragments = to.seen.filter((frame): frame is MessageFrame => frame.kind === 'message' && frame.from === from && frame.text !== '' && text.startsWith(frame.text));
  if (fragments.length > 0) return failed(`${head}, but got only pieces of it: ${shownList(fragments)}.\n\n${streamHint(protocol)}`);
  // 'failed', not 'timeout': the server is alive (it answered before), it just did not deliver.
  return { status: 'failed', feedback: `${head}. Your server ${describeMiss(got, to, protocol)}`, dying: isDying(got) };
}

export function isMessage(frame: ChatFrame, from: string, text: string): frame is MessageFrame {
  return frame.kind === 'message' && frame.from === from && frame.text === text;
}

function explainNearMiss(frame: ChatFrame, from: string, text: string, session: ChatSession): string {
  if (frame.kind === 'message' && frame.text === text && frame.from !== from) {
    return `The message is attributed to \`${frame.from}\`, not to its sender \`${from}\`. Put the name of the client the message came from in front: the name that belongs to *that* connection (keep it per connection, not in one shared variable).`;
  }
  if (frame.kind === 'message' && frame.from === from) {
    return `The protocol puts the text right after the colon, unchanged: \`${from}:${text}\`. Do not add spaces or line breaks around it.`;
  }
  if (frame.body === text) return `The sender's name is missing: the server distributes \`NAME:\` + text, so everyone can see who wrote it.`;
  return `Distribute exactly \`NAME:\` + text + ${delimiterName(session.protocol)}.`;
}
