/**
 * One run of the student's mail client against our mock SMTP server: we type sender,
 * recipient, subject and body on its stdin and keep what it did on the wire and how it
 * ended. Every test of the assignment judges this one run.
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { readParams } from '../lib/param-schema.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { type MailInput, mailInputFor } from './mail-input.js';
import { startMockSmtpServer } from './mock-smtp-server.js';
import type { SmtpSession } from './smtp-session.js';
import { SMTP_CLIENT } from './smtp-params.js';

export interface SmtpServerSettings {
  serverName: string;
  pipelining: boolean;
  greetDelayMs: number;
  replyDelayMs: number;
  idleMs: number;
  settleMs: number;
}

export interface SmtpClientScenario {
  input: MailInput;
  settings: SmtpServerSettings;
  sessions: SmtpSession[];
  host: string;
  port: number;
  run: StudentRunResult;
  timeoutMs: number;
  transcript: TranscriptEntry[];
}

/** The suite's params ({@link SMTP_CLIENT}). */
export function smtpSettings(params: Record<string, unknown>): SmtpServerSettings {
  return { ...readParams(SMTP_CLIENT, params) };
}

/** The run, once per peer run, shared by every test. */
export function smtpClientScenario(ctx: ClientCheckContext): Promise<SmtpClientScenario> {
  return ctx.shared('smtp-client:main', () => runScenario(ctx));
}

async function runScenario(ctx: ClientCheckContext): Promise<SmtpClientScenario> {
  const input = mailInputFor(ctx.seed);
  const settings = smtpSettings(ctx.params);
  const transcript = new TranscriptRecorder();
  const mock = await startMockSmtpServer({ transcript, ...settings, ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}), log: ctx.log });
  const host = '127.0.0.1';
  const port = mock.server.port;
  try {
    // A last line without line end is taken after `settleMs`; the FIN may trail the exit report.
    const settleMs = settings.settleMs + settings.replyDelayMs + 100;
    const run = await runStudentClient(ctx, transcript, { key: 'smtp:main', host, port, stdin: input.stdin, settleMs });
    await mock.server.close();
    return { input, settings, sessions: mock.sessions, host, port, run, timeoutMs: ctx.limits.clientRunMs, transcript: transcript.entries() };
  } finally {
    await mock.server.close();
  }
}


/** The connection that carried the conversation: the first one on which the client sent something. */
export function mainSession(s: SmtpClientScenario): SmtpSession | null {
  return s.sessions.find((session) => session.lines.length > 0) ?? s.sessions[0] ?? null;
}
