/**
 * One run of the student's receiver. It is a client too (`python3 client.py HOST PORT`):
 * it says hello to our sender, which then sends the payload lines through the lossy
 * channel; the receiver acknowledges, prints each line once, and ends after the end packet.
 *
 * Why a client and not a server: we judge delivery by what the program prints, and a
 * program's output reaches us only when it ends. A server runs until we stop it at the end
 * of the whole run; a client that ends after the end packet hands us its output per run.
 */
import { linkSignals } from '../lib/any-signal.js';
import { sleep } from '../lib/deadline.js';
import { describeRunEnd } from '../lib/run-end-note.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { AbpLink } from './abp-link.js';
import { type ReceiverParams, type ReceiverScenarioName, receiverParams } from './abp-params.js';
import { type Episode, planFaults, range, type ReceiverFault } from './fault-schedule.js';
import { runLossySender, type SenderPeerLog } from './lossy-sender.js';
import { payloadsFrom, printedPayloads } from './payloads.js';

export type { ReceiverScenarioName } from './abp-params.js';
const ALL_FAULTS: readonly ReceiverFault[] = ['lose-data', 'dup-data', 'delay-data', 'stale-data', 'lose-ack'];

export interface ReceiverScenarioSpec {
  name: ReceiverScenarioName;
  payloads: string[];
  episodes: Episode<ReceiverFault>[];
  timeoutMs: number;
}

export interface ReceiverObservation extends ReceiverScenarioSpec {
  params: ReceiverParams;
  seed: string;
  host: string;
  port: number;
  log: SenderPeerLog;
  /** The payloads the program printed, in order (lines matched to payloads). */
  printed: string[];
  /** Printed lines that contain no payload. */
  otherLines: string[];
  run: StudentRunResult;
  transcript: TranscriptEntry[];
}

/**
 * The end packet is never disturbed: a receiver that ends right after acknowledging it is
 * right, and must not be left behind by a lost acknowledgement it cannot repeat any more.
 */
export function receiverScenarioSpec(name: ReceiverScenarioName, p: ReceiverParams, seed: string, clientRunMs: number): ReceiverScenarioSpec {
  const base = { name, timeoutMs: clientRunMs, episodes: [] as Episode<ReceiverFault>[] };
  const plan = (payloads: string[], mandatory: ReceiverFault[], extras: readonly ReceiverFault[], total: number) =>
    planFaults({ seed, label: `receiver:${name}`, positions: range(1, payloads.length - 1), mandatory, extras, total });
  switch (name) {
    case 'duplicates': {
      const payloads = payloadsFrom(4, 4);
      return { ...base, payloads, episodes: plan(payloads, ['dup-data', 'lose-ack', 'stale-data'], [], 3) };
    }
    case 'lossy': {
      const payloads = payloadsFrom(0, p.payloads);
      return { ...base, payloads, episodes: plan(payloads, [...ALL_FAULTS], ALL_FAULTS, p.faultDensity * payloads.length) };
    }
    default:
      return { ...base, payloads: payloadsFrom(0, 3) };
  }
}

/** The scenario a test grades, run once per peer run and shared by its tests. */
export function receiverScenario(ctx: ClientCheckContext, name: ReceiverScenarioName): Promise<ReceiverObservation> {
  const p = receiverParams(ctx.params);
  const spec = receiverScenarioSpec(name, p, ctx.seed, ctx.limits.clientRunMs);
  return ctx.shared(`abp-receiver:${name}`, (signal) => runScenario(ctx, spec, p, signal));
}

async function runScenario(ctx: ClientCheckContext, spec: ReceiverScenarioSpec, p: ReceiverParams, runSignal: AbortSignal): Promise<ReceiverObservation> {
  const transcript = new TranscriptRecorder();
  // Fractional milliseconds: an acknowledgement must sort after the packet it answers.
  const startedAt = performance.now();
  const link = await AbpLink.open({ transcript, clock: () => performance.now() - startedAt, ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}) });
  const host = '127.0.0.1';
  const port = link.port;
  const ended = new AbortController();
  const linked = linkSignals([ended.signal, runSignal]);
  try {
    transcript.event('client', `started: python3 ${ctx.assignment.entry} ${host} ${port}`);
    const running = ctx
      .runClient(`abp-receiver:${spec.name}`, { args: [host, String(port)], env: { SERVER_HOST: host, SERVER_PORT: String(port) }, timeoutMs: spec.timeoutMs })
      .finally(() => ended.abort(new Error('the program ended')));
    const sending = runLossySender({ link, transcript, payloads: spec.payloads, episodes: spec.episodes, params: p, signal: linked.signal });
    // Awaited below; until then a fault of ours must not count as unhandled.
    sending.catch(() => {});
    const run = await running;
    const log = await sending;
    // Acknowledgements sent just before the exit may trail its report by a moment.
    await sleep(50);
    transcript.event('client', describeRunEnd(run));
    const { printed, other } = printedPayloads(run.stdout, spec.payloads);
    return { ...spec, params: p, seed: ctx.seed, host, port, log, printed, otherLines: other, run, transcript: transcript.entries() };
  } finally {
    linked.dispose();
    link.close();
  }
}
