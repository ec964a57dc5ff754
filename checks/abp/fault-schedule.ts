/**
 * The lossy channel's plan: which packet suffers which fault, drawn from the run's seed so
 * the feedback can show it and a student can replay it by hand.
 *
 * A fault hits the first time a packet crosses the channel; its retransmission goes
 * through. Packet 0 is never disturbed: a program that gets the first step wrong (the
 * wrong bit, no alternation) then meets no fault at all, whatever the seed, which keeps
 * the grading of wrong programs independent of the seed.
 */
import { seededRandom, seededShuffle } from '../lib/seeded-random.js';

/** Faults when we grade a sender (we are the receiver). */
export type SenderFault = 'lose-data' | 'lose-ack' | 'dup-ack' | 'delay-ack' | 'stale-ack';
/** Faults when we grade a receiver (we are the sender). */
export type ReceiverFault = 'lose-data' | 'dup-data' | 'delay-data' | 'stale-data' | 'lose-ack';
export type Fault = SenderFault | ReceiverFault;

export interface Episode<K extends Fault = Fault> {
  /** Packet index: 0 is the first data packet, `payloads.length` the end packet. */
  packet: number;
  kind: K;
}

export interface PlanOptions<K extends Fault> {
  seed: string;
  /** Separates the schedules of the scenarios of one run. */
  label: string;
  /** Packets that may be disturbed. */
  positions: readonly number[];
  /** Kinds that must occur (once each, as long as there are positions). */
  mandatory: readonly K[];
  /** Kinds to fill up with, up to `total`. */
  extras: readonly K[];
  /** Episodes wanted; clamped to [mandatory.length, positions.length]. */
  total: number;
}

export function planFaults<K extends Fault>(options: PlanOptions<K>): Episode<K>[] {
  const random = seededRandom(options.seed, `abp:${options.label}`);
  const total = Math.min(options.positions.length, Math.max(options.mandatory.length, Math.round(options.total)));
  const kinds = [...options.mandatory];
  while (kinds.length < total && options.extras.length > 0) kinds.push(options.extras[Math.floor(random() * options.extras.length)] as K);
  const positions = seededShuffle(options.positions, random).slice(0, total).sort((a, b) => a - b);
  const shuffledKinds = seededShuffle(kinds.slice(0, total), random);
  return positions.map((packet, i) => ({ packet, kind: shuffledKinds[i] as K }));
}

/** `[from, from+1, …, to]`. */
export function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const SENDER_WORDS: Record<SenderFault, string> = {
  'lose-data': 'your packet is lost on the way to us',
  'lose-ack': 'our acknowledgement is lost on the way to you',
  'dup-ack': 'our acknowledgement arrives twice',
  'delay-ack': 'our acknowledgement is delayed by {delay}',
  'stale-ack': 'your packet is lost, and an old acknowledgement (the previous bit) arrives instead',
};

const RECEIVER_WORDS: Record<ReceiverFault, string> = {
  'lose-data': 'our packet is lost on the way to you',
  'dup-data': 'our packet arrives twice',
  'delay-data': 'our packet is delayed by {delay}',
  'stale-data': 'an old copy of the previous packet arrives first',
  'lose-ack': 'your acknowledgement is lost on the way to us',
};

export function describeFault(kind: Fault, side: 'sender' | 'receiver', delayMs: number): string {
  const words = side === 'sender' ? SENDER_WORDS[kind as SenderFault] : RECEIVER_WORDS[kind as ReceiverFault];
  return words.replace('{delay}', `${delayMs} ms`);
}

/**
 * The schedule as a Markdown list for feedback, e.g. "packet 2 (`D0:Uhrzeit: 12:30`): your
 * packet is lost on the way to us".
 */
export function describeSchedule(
  episodes: readonly Episode[],
  side: 'sender' | 'receiver',
  options: {
    seed: string;
    delayMs: number;
    packetName: (index: number) => string;
    /**
     * Whether episode `i` struck. A fault waits for its packet; a program that got out of
     * step never sends it, and the schedule must not claim a loss the transcript does not
     * show (issue #13). @defaultValue every episode struck
     */
    struck?: (episodeIndex: number) => boolean;
  },
): string {
  if (episodes.length === 0) return 'The channel was perfect in this test: nothing lost, doubled or delayed.';
  const lines = episodes.map((e, i) => {
    const when = options.struck && !options.struck(i) ? ' — planned, but it never came to that: our receiver never got this packet' : ' — the first time only';
    return `- packet ${e.packet} (${options.packetName(e.packet)}): ${describeFault(e.kind, side, options.delayMs)}${when}`;
  });
  return `The channel's schedule in this test (drawn from the run's seed \`${options.seed}\`; packets count from 0, every other packet went through unharmed):\n${lines.join('\n')}`;
}
