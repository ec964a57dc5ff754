/**
 * Our receiver for grading a student's sender, with the lossy channel in front of it.
 * Pure logic: the scenario feeds it each datagram and carries out the acknowledgements it
 * asks for, so it is tested without sockets.
 *
 * It is the textbook receiver: a packet with the expected bit is new (deliver, acknowledge,
 * flip the bit); any other packet is a repeat (acknowledge its bit again, deliver nothing).
 * Because we also know which lines the sender was given, we can tell a true repeat from a
 * new line sent with the old bit, which a real receiver would silently throw away.
 */
import { type Bit, flip, packetText, type ParsedDatagram, parsePacket } from './abp-packet.js';
import type { Episode, SenderFault } from './fault-schedule.js';

export type ArrivalFate =
  /** New packet, delivered (or the end accepted). */
  | 'accepted'
  /** Dropped by the channel: our receiver never saw it. */
  | 'lost'
  /** A true repeat of the last accepted packet: acknowledged again, not delivered. */
  | 'repeat'
  /** A packet with the old bit but other content: a real receiver would take it for a repeat and lose it. */
  | 'wrong-bit'
  /** Data after the end packet was accepted. */
  | 'after-end'
  /** Not a packet of ours (or an acknowledgement/hello, which a sender does not send). */
  | 'malformed';

export interface Arrival {
  t: number;
  data: Buffer;
  parsed: ParsedDatagram;
  fate: ArrivalFate;
  /** The packet index our receiver counted it as (new packets, and those the channel dropped as new). */
  index?: number;
  /** The fault that hit it. */
  fault?: SenderFault;
  /** For `wrong-bit`: the bit we expected. */
  expected?: Bit;
}

export interface AckOrder {
  bit: Bit;
  /** Not sent: the channel loses it. */
  lost?: boolean;
  delayMs?: number;
  /** Why we send it, for the transcript. */
  note?: string;
}

export interface Delivery {
  index: number;
  payload: string;
  bit: Bit;
  t: number;
}

export interface ReceiverOptions {
  payloads: readonly string[];
  episodes: readonly Episode<SenderFault>[];
  /** The channel loses every packet (the give-up test). */
  dropAll: boolean;
  delayMs: number;
}

export class LossyReceiver {
  readonly arrivals: Arrival[] = [];
  readonly deliveries: Delivery[] = [];
  /** Which episode hit which arrival (index into `arrivals`). */
  readonly triggered = new Map<number, number>();
  #expected: Bit = 0;
  #next = 0;
  #ended = false;
  #last: string | null = null;
  readonly #options: ReceiverOptions;

  constructor(options: ReceiverOptions) {
    this.#options = options;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Handles one datagram; returns the acknowledgements to send and a note for the transcript. */
  handle(data: Buffer, t: number): { acks: AckOrder[]; note?: string } {
    const parsed = parsePacket(data);
    const arrival: Arrival = { t, data, parsed, fate: 'malformed' };
    this.arrivals.push(arrival);
    const packet = parsed.packet;
    if (this.#options.dropAll) {
      arrival.fate = 'lost';
      return { acks: [], note: 'lost on the way: in this test the channel loses everything' };
    }
    if (!packet || packet.kind === 'ack' || packet.kind === 'hello') {
      return { acks: [], note: packet ? 'a sender sends D and E packets; ignored' : `not a packet (${parsed.problem ?? 'unreadable'}); ignored` };
    }
    const text = packetText(packet);
    if (this.#ended && packet.kind === 'data') {
      arrival.fate = 'after-end';
      return { acks: [{ bit: packet.bit }], note: 'data after the end packet' };
    }
    if (packet.bit !== this.#expected || this.#ended) {
      const repeat = text === this.#last;
      arrival.fate = repeat ? 'repeat' : 'wrong-bit';
      if (!repeat) arrival.expected = this.#expected;
      return { acks: [{ bit: packet.bit, note: repeat ? 'a repeat: acknowledged again, not delivered' : `bit ${packet.bit}, but we expect ${this.#expected}: taken for a repeat, not delivered` }] };
    }
    arrival.index = this.#next;
    const episode = this.#episodeFor(this.#next);
    if (episode) {
      this.triggered.set(this.#options.episodes.indexOf(episode), this.arrivals.length - 1);
      arrival.fault = episode.kind;
      if (episode.kind === 'lose-data') {
        arrival.fate = 'lost';
        return { acks: [], note: `channel: packet ${this.#next} lost on the way` };
      }
      if (episode.kind === 'stale-ack') {
        arrival.fate = 'lost';
        const old = flip(this.#expected);
        return { acks: [{ bit: old, note: `channel: an old acknowledgement A${old} arrives instead` }], note: `channel: packet ${this.#next} lost on the way` };
      }
    }
    this.#accept(arrival, packet.kind === 'data' ? packet.payload : null, packet.bit, t, text);
    const bit = packet.bit;
    switch (episode?.kind) {
      case 'lose-ack':
        return { acks: [{ bit, lost: true, note: `channel: our acknowledgement A${bit} is lost` }] };
      case 'dup-ack':
        return { acks: [{ bit }, { bit, note: `channel: A${bit} arrives twice` }] };
      case 'delay-ack':
        return { acks: [{ bit, delayMs: this.#options.delayMs, note: `channel: A${bit} delayed by ${this.#options.delayMs} ms` }] };
      default:
        return { acks: [{ bit }] };
    }
  }

  #accept(arrival: Arrival, payload: string | null, bit: Bit, t: number, text: string): void {
    arrival.fate = 'accepted';
    if (payload === null) this.#ended = true;
    else this.deliveries.push({ index: this.#next, payload, bit, t });
    this.#last = text;
    this.#expected = flip(this.#expected);
    this.#next += 1;
  }

  /** The episode planned for packet `index`, unless it already struck. */
  #episodeFor(index: number): Episode<SenderFault> | undefined {
    const position = this.#options.episodes.findIndex((e) => e.packet === index);
    if (position < 0 || this.triggered.has(position)) return undefined;
    return this.#options.episodes[position];
  }
}
