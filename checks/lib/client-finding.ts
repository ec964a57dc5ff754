/**
 * What the judges of a client scenario share (http, smtp): the finding a judge returns,
 * the note on how the client ended, what to say when it never talked to our server, and
 * turning a judge into a check. Feedback says `{entry}` for the entry file until the check
 * fills it in.
 */
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheck, ClientCheckContext } from '../suite.js';
import type { TestStatus, TranscriptEntry } from '../types.js';
import { formatDuration } from './deadline.js';
import { describeExit } from './exit-report.js';

/** A judge's verdict on one scenario. */
export interface Finding {
  status: TestStatus;
  feedback: string;
  fraction?: number;
}

/** What these helpers need of a scenario: where the client was sent and how its run ended. */
export interface ClientScenarioBase {
  host: string;
  port: number;
  run: StudentRunResult;
  timeoutMs: number;
  transcript: TranscriptEntry[];
}

/** The exit report when the client did not end cleanly, else nothing. */
export function exitNote(s: Pick<ClientScenarioBase, 'run'>): string {
  if ((s.run.exitCode === 0 && s.run.startError === undefined) || s.run.timedOut) return '';
  return `\n\n${describeExit(s.run, { what: 'client', entry: '{entry}' })}`;
}

export interface NoContactWords {
  /** Our server as the student knows it, e.g. `web server`. */
  server: string;
  /** What it never sent us, e.g. `no request`. */
  sent: string;
  /** Whether it connected at all. */
  connected: boolean;
}

/** The finding for a client that sent us nothing to judge: stopped when still running, else failed with how it was started. */
export function noContactFinding(s: ClientScenarioBase, words: NoContactWords): Finding {
  const where = `our ${words.server} (${s.host} port ${s.port})`;
  if (s.run.timedOut) return { status: 'timeout', feedback: `Your client was still running after ${formatDuration(s.timeoutMs)} and had sent ${words.sent} to ${where}, so we stopped it.` };
  const contact = words.connected ? `connected to, but sent ${words.sent} to` : 'never connected to';
  return {
    status: 'failed',
    feedback: `Your client ${contact} ${where}. We started it as \`python3 {entry} ${s.host} ${s.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${exitNote(s)}`,
  };
}

/** A check that runs (or reuses) the scenario and applies one judge to it. */
export function judgedCheck<S extends Pick<ClientScenarioBase, 'transcript'>>(scenarioOf: (ctx: ClientCheckContext) => Promise<S>, judge: (s: S) => Finding): ClientCheck {
  return async (ctx) => {
    const scenario = await scenarioOf(ctx);
    const finding = judge(scenario);
    ctx.transcript.include(scenario.transcript);
    return {
      status: finding.status,
      feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry),
      ...(finding.fraction !== undefined ? { fraction: finding.fraction } : {}),
      transcript: ctx.transcript.entries(),
    };
  };
}
