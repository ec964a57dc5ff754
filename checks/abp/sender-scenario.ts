/**
 * One run of the student's sender: we type the payload lines on its stdin, it sends them
 * to our receiver (`python3 client.py HOST PORT`), and the lossy channel in between follows
 * the scenario's fault schedule. Several tests judge one run, so it is shared.
 */
import { runStudentClient } from '../lib/run-student-client.js';
import { TranscriptRecorder } from '../lib/transcript.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TranscriptEntry } from '../types.js';
import { AbpLink, type SentDatagram } from './abp-link.js';
import { encodePacket } from './abp-packet.js';
import { type SenderParams, type SenderScenarioName, senderParams } from './abp-params.js';
import { type Episode, planFaults, range, type SenderFault } from './fault-schedule.js';
import { type Arrival, type Delivery, LossyReceiver } from './lossy-receiver.js';
import { payloadsFrom } from './payloads.js';

export type { SenderScenarioName } from './abp-params.js';
const ALL_FAULTS: readonly SenderFault[] = ['lose-data', 'lose-ack', 'stale-ack', 'delay-ack', 'dup-ack'];

export interface SenderScenarioSpec {
  name: SenderScenarioName;
  payloads: string[];
  episodes: Episode<SenderFault>[];
  dropAll: boolean;
  /** The client's kill timeout. */
  timeoutMs: number;
}

export interface SenderObservation extends SenderScenarioSpec {
  params: SenderParams;
  seed: string;
  host: string;
  port: number;
  stdin: string;
  arrivals: Arrival[];
  /** Index of an episode in `episodes` → index of the arrival it hit. */
  triggered: Map<number, number>;
  deliveries: Delivery[];
  /** Our receiver accepted the end packet. */
  ended: boolean;
  /** Acknowledgements that actually left our socket. */
  sent: SentDatagram[];
  run: StudentRunResult;
  transcript: TranscriptEntry[];
}

/** What a scenario sends and how the channel treats it; the seed picks the positions of the faults. */
export function senderScenarioSpec(name: SenderScenarioName, p: SenderParams, seed: string, clientRunMs: number): SenderScenarioSpec {
  const base = { name, dropAll: false, timeoutMs: clientRunMs, episodes: [] as Episode<SenderFault>[] };
  // Positions count the end packet (index payloads.length) unless `last` says otherwise.
  const plan = (payloads: string[], mandatory: SenderFault[], extras: readonly SenderFault[], total: number, last = payloads.length) =>
    planFaults({ seed, label: `sender:${name}`, positions: range(1, last), mandatory, extras, total });
  switch (name) {
    case 'data-loss': {
      const payloads = payloadsFrom(3, 4);
      return { ...base, payloads, episodes: plan(payloads, ['lose-data', 'lose-data'], [], 2) };
    }
    case 'ack-loss': {
      const payloads = payloadsFrom(6, 4);
      return { ...base, payloads, episodes: plan(payloads, ['lose-ack', 'lose-ack'], [], 2) };
    }
    case 'stale-ack': {
      // Not on the end packet: a sender that ignores the old acknowledgement but never
      // repeats a packet then shows it by going on to the next packet only after its timeout.
      const payloads = payloadsFrom(9, 3);
      return { ...base, payloads, episodes: plan(payloads, ['stale-ack'], [], 1, payloads.length - 1) };
    }
    case 'lossy': {
      const payloads = payloadsFrom(0, p.payloads);
      return { ...base, payloads, episodes: plan(payloads, [...ALL_FAULTS], ALL_FAULTS, p.faultDensity * payloads.length) };
    }
    case 'dead': {
      // Long enough for every send at the slowest accepted timeout, and a little more.
      const timeoutMs = Math.min(clientRunMs, (p.retries + 1) * p.timeoutMaxMs + 2000);
      return { ...base, payloads: payloadsFrom(1, 2), dropAll: true, timeoutMs };
    }
    default:
      return { ...base, payloads: payloadsFrom(0, 3) };
  }
}

/** The scenario a test grades (`params.scenario`), run once per peer run and shared by its tests. */
export function senderScenario(ctx: ClientCheckContext, name: SenderScenarioName): Promise<SenderObservation> {
  const p = senderParams(ctx.params);
  const spec = senderScenarioSpec(name, p, ctx.seed, ctx.limits.clientRunMs);
  return ctx.shared(`abp-sender:${name}`, () => runScenario(ctx, spec, p));
}

async function runScenario(ctx: ClientCheckContext, spec: SenderScenarioSpec, p: SenderParams): Promise<SenderObservation> {
  const transcript = new TranscriptRecorder();
  // Fractional milliseconds: an acknowledgement must sort after the packet it answers.
  const startedAt = performance.now();
  const clock = (): number => performance.now() - startedAt;
  const receiver = new LossyReceiver({ payloads: spec.payloads, episodes: spec.episodes, dropAll: spec.dropAll, delayMs: p.delayMs });
  const link = await AbpLink.open({ transcript, clock, ...(ctx.assignment.port !== undefined ? { port: ctx.assignment.port } : {}) });
  link.onDatagram((datagram) => {
    const { acks, note } = receiver.handle(datagram.data, datagram.t);
    if (note) transcript.event('channel', note);
    for (const ack of acks) {
      if (ack.note) transcript.event('channel', ack.note);
      if (!ack.lost) link.send(encodePacket({ kind: 'ack', bit: ack.bit }), datagram, ack.delayMs ?? 0);
    }
  });
  const host = '127.0.0.1';
  const port = link.port;
  const stdin = spec.payloads.map((line) => `${line}\n`).join('');
  try {
    // Datagrams sent just before the exit may trail its report by a moment (the default settle time).
    const run = await runStudentClient(ctx, transcript, { key: `abp-sender:${spec.name}`, host, port, stdin, timeoutMs: spec.timeoutMs });
    return {
      ...spec,
      params: p,
      seed: ctx.seed,
      host,
      port,
      stdin,
      arrivals: receiver.arrivals,
      triggered: receiver.triggered,
      deliveries: receiver.deliveries,
      ended: receiver.ended,
      sent: link.sent,
      run,
      transcript: transcript.entries(),
    };
  } finally {
    link.close();
  }
}
