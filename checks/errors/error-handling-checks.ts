/**
 * Error-handling checks for any client assignment: the client is started as usual
 * (`python3 client.py HOST PORT`, a line on stdin), but nobody listens there, or a server
 * that never answers, or one that closes without answering. It must end within the time
 * limit, without a traceback, with a non-zero exit code and a message that names the
 * problem.
 *
 * Another family's client suite can offer them too: spread `errorHandlingChecks(transport)`
 * into its `checks` and give its tests `params.check: 'no-server'` (etc.).
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { type ParamsGiven, readParams } from '../lib/param-schema.js';
import type { ParamCheck } from '../define-assignment.js';
import { ERROR_HANDLING } from './error-params.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome } from '../types.js';
import { type Situation, startSituation } from './error-situations.js';
import { type ErrorFinding, judgeErrorRun } from './error-verdict.js';
import { worksNormally } from './works-normally.js';

/** Runs the client once in `situation` (shared by tests that judge the same situation). */
function situationRun(ctx: ClientCheckContext, situation: Situation, transport: 'tcp' | 'udp'): Promise<{ finding: ErrorFinding; transcript: TranscriptRecorder }> {
  return ctx.shared(`errors:${situation}`, async () => {
    const transcript = new TranscriptRecorder();
    const host = '127.0.0.1';
    const { text, closeAfterMs } = readParams(ERROR_HANDLING, ctx.params);
    const handle = await startSituation(situation, transport, { transcript, host, closeAfterMs });
    try {
      const stdin = `${text}\n`;
      const run = await runStudentClient(ctx, transcript, { key: `errors:${situation}`, host, port: handle.port, stdin });
      const finding = judgeErrorRun({ situation, transport, run, timeoutMs: ctx.limits.clientRunMs, setting: handle.describe(), contacted: handle.contacted() });
      return { finding, transcript };
    } finally {
      await handle.close();
    }
  });
}

function situationCheck(situation: Situation, transport: 'tcp' | 'udp'): ClientCheck {
  return async (ctx): Promise<TestOutcome> => {
    const { finding, transcript } = await situationRun(ctx, situation, transport);
    ctx.transcript.include(transcript.entries());
    return { status: finding.status, fraction: finding.fraction, feedback: finding.feedback.replaceAll('{entry}', ctx.assignment.entry), transcript: ctx.transcript.entries() };
  };
}

/** The situation checks for `transport`; UDP has no connection to close, so no `closing-server`. */
export function errorHandlingChecks(transport: 'tcp' | 'udp'): Record<string, ClientCheck> {
  const checks: Record<string, ClientCheck> = {
    'no-server': situationCheck('no-server', transport),
    'silent-server': situationCheck('silent-server', transport),
  };
  if (transport === 'tcp') checks['closing-server'] = situationCheck('closing-server', transport);
  return checks;
}

function suiteFor(transport: 'tcp' | 'udp'): ClientSuite {
  return {
    id: `error-handling-${transport}-client`,
    role: 'client',
    transport,
    checks: { 'works-normally': worksNormally(transport), ...errorHandlingChecks(transport) },
  };
}

/**
 * The checks by name, for `defineAssignment`; each takes {@link ERROR_HANDLING} (usually
 * given by the assignment). UDP has no `closing-server`: `checks/registry.test.ts` holds
 * the names to what `suiteFor` builds.
 */
type ErrorCheck = ParamCheck<ClientCheck, ParamsGiven<typeof ERROR_HANDLING>>;
type SuiteOf<K extends string> = Omit<ClientSuite, 'checks'> & { checks: Readonly<Record<K, ErrorCheck>> };
type UdpCheckName = 'works-normally' | 'no-server' | 'silent-server';

export const errorHandlingTcpClientSuite = suiteFor('tcp') as SuiteOf<UdpCheckName | 'closing-server'>;
export const errorHandlingUdpClientSuite = suiteFor('udp') as SuiteOf<UdpCheckName>;
