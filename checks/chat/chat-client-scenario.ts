/**
 * One run of the student's chat client against our chat server: we type a name and a
 * few lines on its stdin, Bob (our scripted participant) greets it and answers, and we
 * keep what it sent, what it printed and how it ended. Several tests judge one run.
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { createHash } from 'node:crypto';
import { readParams } from '../lib/param-schema.js';
import { CHAT_CLIENT, CHAT_CLIENT_SETTLE_MS } from './chat-params.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { chatProtocol, type ChatProtocol } from './chat-protocol.js';
import { type ChatBot, type ChatClientSession, startReferenceChatServer } from './reference-chat-server.js';

/** `main`: a free name and three lines; `name-taken`: the client asks for Bob's name. */
export type ChatScenarioName = 'main' | 'name-taken';

/** How the client gets its name: first line of stdin (the default), or `argv[3]`. */
export type NameVia = 'stdin' | 'argv';

export interface ChatClientScenario {
  name: ChatScenarioName;
  protocol: ChatProtocol;
  /** The name we gave the client. */
  typedName: string;
  /** The lines we typed after the name, each one message. */
  lines: string[];
  nameVia: NameVia;
  bot: string;
  sessions: ChatClientSession[];
  host: string;
  port: number;
  run: StudentRunResult;
  timeoutMs: number;
  /** After this much silence we take a message without delimiter as complete. */
  settleMs: number;
  transcript: TranscriptEntry[];
}

/** Names that look like a pupil's choice; the run's seed picks one, so none can be hard-coded. */
const NAMES = ['Mia_7', 'Lukas-2', 'Emma_K', 'Noah-3', 'Lina_5', 'Ben-Ole'];
const MAIN_LINES = ['Hallo zusammen!', 'Grüße aus Köln – 5 € für Äpfel', 'Uhrzeit: 12:30'];
const TAKEN_LINES = ['Hallo, ich bin auch Bob!'];

export function botFor(name: string): ChatBot {
  return {
    name,
    greeting: (user) => `Hallo ${user}, schön, dass du da bist!`,
    answer: () => 'Grüße zurück! Übrigens: um 12:30 gibt es Mittagessen.',
  };
}

/** The scenario of a test (`params.scenario`), run once per peer run and shared by its tests. */
export function chatClientScenario(ctx: ClientCheckContext): Promise<ChatClientScenario> {
  const name: ChatScenarioName = readParams(CHAT_CLIENT, ctx.params).scenario;
  return ctx.shared(`chat-client:${name}`, () => runScenario(ctx, name));
}

export function typedNameFor(seed: string): string {
  const hash = createHash('sha256').update(`${seed}:chat-name`).digest().readUInt32BE(0);
  return NAMES[hash % NAMES.length] as string;
}

async function runScenario(ctx: ClientCheckContext, name: ChatScenarioName): Promise<ChatClientScenario> {
  const protocol = chatProtocol(ctx.params);
  const given = readParams(CHAT_CLIENT, ctx.params);
  const bot = botFor(given.botName);
  const nameVia: NameVia = given.nameVia;
  const typedName = name === 'name-taken' ? bot.name : typedNameFor(ctx.seed);
  const lines = name === 'name-taken' ? TAKEN_LINES : MAIN_LINES;
  const settleMs = Math.max(50, Number(given.settleMs) || CHAT_CLIENT_SETTLE_MS);
  const transcript = new TranscriptRecorder();
  const reference = await startReferenceChatServer({
    transcript,
    protocol,
    bot,
    settleMs,
    idleMs: ctx.limits.clientRunMs,
    ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}),
    log: ctx.log,
  });
  const host = '127.0.0.1';
  const port = reference.server.port;
  const stdin = `${nameVia === 'stdin' ? `${typedName}\n` : ''}${lines.map((line) => `${line}\n`).join('')}`;
  const extraArgs = nameVia === 'argv' ? [typedName] : [];
  try {
    // A message without delimiter is handled only after `settleMs`; the last bytes and FIN may trail the exit report.
    const run = await runStudentClient(ctx, transcript, {
      key: `chat:${name}`,
      host,
      port,
      extraArgs,
      stdin,
      note: `${bot.name} is logged in already`,
      settleMs: settleMs + 100,
    });
    await reference.server.close();
    return { name, protocol, typedName, lines, nameVia, bot: bot.name, sessions: reference.sessions, host, port, run, timeoutMs: ctx.limits.clientRunMs, settleMs, transcript: transcript.entries() };
  } finally {
    await reference.server.close();
  }
}

