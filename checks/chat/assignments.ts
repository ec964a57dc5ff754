import { DEFAULT_LIMITS } from '../lib/defaults.js';
import { defineAssignment, suiteTests } from '../define-assignment.js';
import { chatClientSuite } from './chat-client-checks.js';
import { COURSE_WORDS } from './chat-protocol.js';
import { chatServerSuite } from './chat-server-suite.js';
import { chatClientDescription } from './descriptions-client.js';
import { chatServerDescription } from './descriptions-server.js';
import { paramValues } from '../lib/param-schema.js';
import { CHAT_CLIENT, CHAT_CLIENT_SETTLE_MS, CHAT_PROTOCOL } from './chat-params.js';

/**
 * The protocol of the slide (see `chat-protocol.ts`): a teacher whose class chose other
 * words changes `words`; `delimiter` may be `"\n"` (then pick another `nameSeparator`).
 */
const protocolParams = { words: { ...COURSE_WORDS }, ...paramValues(CHAT_PROTOCOL, 'delimiter', 'nameSeparator') };

/**
 * Each test opens its own reference clients with names of its own. The last four are
 * the hard ones: wire faults (a server that reads one message per recv() fails them),
 * a vanished client, and ten clients at once.
 */
const serverTests = suiteTests(chatServerSuite, [
  { id: 'login', name: 'Logging in', points: 10 },
  { id: 'invalid-names', name: 'Invalid names are refused', points: 5 },
  { id: 'duplicate-name', name: 'A name in use is refused', points: 10 },
  { id: 'user-list', name: 'The user list', points: 10 },
  { id: 'delivery', name: 'Messages reach every other participant', points: 15 },
  { id: 'logout', name: 'Logging out and in again', points: 10 },
  { id: 'text-before-login', name: 'Text before login reaches nobody', points: 5 },
  { id: 'two-in-one-segment', name: 'Two messages in one TCP segment', points: 10 },
  { id: 'split-message', name: 'One message in several pieces', points: 10 },
  { id: 'disconnect-without-logout', name: 'A client vanishes without /logout', points: 5 },
  { id: 'ten-clients', name: 'Ten clients chat at the same time', points: 10, params: { clients: 10, rounds: 3 } },
]);

export const chatServer = defineAssignment(chatServerSuite, {
  id: 'chat-server',
  title: 'Chat server (class protocol)',
  summary: 'A TCP chat server for the class protocol: /login, /logout, /users, messages to all, every message ended by \\0.',
  description: chatServerDescription,
  // replyMs: longest wait for a reply or delivery; quietMs: how long we watch for what must not come.
  params: { ...protocolParams, ...paramValues(CHAT_PROTOCOL, 'replyMs', 'quietMs') },
  tests: serverTests,
  // Ten clients and three rounds take well under a second on a working server; the
  // slack is for a slow pod, and for failing tests that wait out their replies.
  limits: { ...DEFAULT_LIMITS, testMs: 10_000, runMs: 150_000 },
  // The default resources fit: pids 64 (threads count) for ten client threads and the main thread.
});

/**
 * One run with a free name (the first five tests judge it) and one with a taken name.
 * `nameVia: "argv"` passes the name as `argv[3]` instead of the first line of stdin.
 */
const clientTests = suiteTests(chatClientSuite, [
  { id: 'login', name: 'Logs in with the right message', points: 20, params: { scenario: 'main' } },
  { id: 'sends-messages', name: 'Sends each line as one message', points: 20, params: { scenario: 'main' } },
  { id: 'prints-messages', name: 'Prints what the others say', points: 20, params: { scenario: 'main' } },
  { id: 'logout', name: 'Logs out at the end of input', points: 15, params: { scenario: 'main' } },
  { id: 'exits-cleanly', name: 'Ends cleanly', points: 10, params: { scenario: 'main' } },
  { id: 'name-taken', name: 'Reports a refused login', points: 15, params: { scenario: 'name-taken' } },
]);

export const chatClient = defineAssignment(chatClientSuite, {
  id: 'chat-client',
  title: 'Chat client (class protocol)',
  summary: 'A TCP chat client for the class protocol: logs in, sends what is typed, prints what the others say, logs out.',
  description: chatClientDescription,
  params: { ...protocolParams, ...paramValues(CHAT_CLIENT, 'nameVia', 'botName'), settleMs: CHAT_CLIENT_SETTLE_MS },
  tests: clientTests,
});

export const chatAssignments = [chatServer, chatClient];
