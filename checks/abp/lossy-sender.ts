/**
 * Our sender for grading a student's receiver, with the lossy channel behind it: it waits
 * for the receiver's hello, then sends each packet until the matching acknowledgement
 * comes (timeout, retransmission, give up after `peerRetries`), while the channel loses,
 * doubles and delays packets and loses acknowledgements as the schedule says.
 *
 * After each acknowledged packet it waits a moment (`settleMs`) for the acknowledgements
 * still owed for extra copies, so the check can tell whether repeats were acknowledged.
 */
import type { AbpLink, LinkDatagram } from './abp-link.js';
import { type AbpPacket, type Bit, encodePacket, flip, type ParsedDatagram, parsePacket, showBytes } from './abp-packet.js';
import type { ReceiverParams } from './abp-params.js';
import type { Episode, ReceiverFault } from './fault-schedule.js';
import type { TranscriptRecorder } from '../lib/transcript.js';

export type CopyHow = 'sent' | 'lost' | 'delayed' | 'doubled' | 'stale';

export interface Incoming {
  t: number;
  data: Buffer;
  parsed: ParsedDatagram;
}

export interface PacketLog {
  index: number;
  packet: AbpPacket & { bit: Bit };
  bytes: Buffer;
  fault?: ReceiverFault;
  /** Every copy handed to the channel, lost ones included. */
  copies: Array<{ t: number; how: CopyHow }>;
  /** Acknowledgements with this packet's bit that came while it (or a later packet) was current. */
  acks: Array<{ t: number; lost: boolean }>;
  /** Everything the receiver sent while this packet was the current one. */
  replies: Incoming[];
  acked: boolean;
}

export interface SenderPeerLog {
  hello: Incoming | null;
  packets: PacketLog[];
  /** Index of the packet we gave up on. */
  gaveUpAt: number | null;
  /** What we sent to let the receiver end after giving up, and its answers. */
  endAnyway: { sent: string[]; replies: Incoming[] };
  /** The end packet was acknowledged. */
  finished: boolean;
}

export interface LossySenderOptions {
  link: AbpLink;
  transcript: TranscriptRecorder;
  payloads: readonly string[];
  episodes: readonly Episode<ReceiverFault>[];
  params: ReceiverParams;
  /** Aborts when the student's program ended or the run is over. */
  signal: AbortSignal;
}

/** Runs our sender until the end packet is acknowledged, we give up, or `signal` aborts; never throws on abort. */
export async function runLossySender(options: LossySenderOptions): Promise<SenderPeerLog> {
  const log: SenderPeerLog = { hello: null, packets: packetsFor(options), gaveUpAt: null, endAnyway: { sent: [], replies: [] }, finished: false };
  try {
    await transfer(options, log);
  } catch (error) {
    // The student's program ended (or the run did): the log so far is the result.
    if (!options.signal.aborted) throw error;
  }
  return log;
}

function packetsFor(options: LossySenderOptions): PacketLog[] {
  const all: Array<AbpPacket & { bit: Bit }> = options.payloads.map((payload, i) => ({ kind: 'data' as const, bit: (i % 2) as Bit, payload }));
  all.push({ kind: 'end', bit: (options.payloads.length % 2) as Bit });
  return all.map((packet, index) => {
    const fault = options.episodes.find((e) => e.packet === index)?.kind;
    return { index, packet, bytes: encodePacket(packet), ...(fault ? { fault } : {}), copies: [], acks: [], replies: [], acked: false };
  });
}

async function transfer(options: LossySenderOptions, log: SenderPeerLog): Promise<void> {
  const { link, transcript, params, signal } = options;
  // The receiver speaks first; until then we do not know where it is. Its run's end aborts the wait.
  const hello = await link.next(24 * 60 * 60 * 1000, signal);
  if (!hello) return;
  log.hello = incoming(hello);
  const to = { address: hello.address, port: hello.port };
  for (const current of log.packets) {
    const previous = log.packets[current.index - 1];
    if (current.fault === 'stale-data' && previous) {
      transcript.event('channel', `an old copy of packet ${previous.index} (${showBytes(previous.bytes)}) turns up late`);
      link.send(previous.bytes, to);
      previous.copies.push({ t: link.clock(), how: 'stale' });
      await settle(options, log, previous, previous);
    }
    for (let attempt = 0; attempt <= params.peerRetries && !current.acked; attempt += 1) {
      const first = attempt === 0;
      sendCopy(options, current, to, first);
      if (await waitForAck(options, log, current, params.peerTimeoutMs, first && current.fault === 'lose-ack')) break;
      transcript.event('channel', `no acknowledgement A${current.packet.bit} within ${params.peerTimeoutMs} ms${attempt < params.peerRetries ? ': we send the packet again' : ''}`);
    }
    if (!current.acked) {
      log.gaveUpAt = current.index;
      await endAnyway(options, log, current, to);
      return;
    }
    await settle(options, log, current, current);
  }
  log.finished = true;
}

function sendCopy(options: LossySenderOptions, packet: PacketLog, to: { address: string; port: number }, first: boolean): void {
  const { link, transcript, params } = options;
  const fault = first ? packet.fault : undefined;
  if (fault === 'lose-data') {
    transcript.event('channel', `our packet ${showBytes(packet.bytes)} is lost on the way`);
    packet.copies.push({ t: link.clock(), how: 'lost' });
    return;
  }
  if (fault === 'delay-data') {
    transcript.event('channel', `our packet ${showBytes(packet.bytes)} is delayed by ${params.delayMs} ms`);
    link.send(packet.bytes, to, params.delayMs);
    packet.copies.push({ t: link.clock(), how: 'delayed' });
    return;
  }
  link.send(packet.bytes, to);
  packet.copies.push({ t: link.clock(), how: 'sent' });
  if (fault === 'dup-data') {
    transcript.event('channel', `our packet ${showBytes(packet.bytes)} arrives twice`);
    link.send(packet.bytes, to);
    packet.copies.push({ t: link.clock(), how: 'doubled' });
  }
}

/** True once the acknowledgement for `packet` came (unless the channel loses the first one). */
async function waitForAck(options: LossySenderOptions, log: SenderPeerLog, packet: PacketLog, ms: number, loseFirst: boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  let lostOne = false;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    const datagram = await options.link.next(left, options.signal);
    if (!datagram) return false;
    const ack = record(log, packet, datagram);
    if (ack !== packet) continue;
    const last = packet.acks[packet.acks.length - 1] as { lost: boolean };
    if (loseFirst && !lostOne) {
      lostOne = true;
      last.lost = true;
      options.transcript.event('channel', `your acknowledgement A${packet.packet.bit} is lost on the way`);
      continue;
    }
    packet.acked = true;
    return true;
  }
}

/** Waits up to `settleMs` until `packet` has as many acknowledgements as copies reached the receiver. */
async function settle(options: LossySenderOptions, log: SenderPeerLog, packet: PacketLog, current: PacketLog): Promise<void> {
  const deadline = Date.now() + options.params.settleMs;
  while (packet.acks.length < packet.copies.filter((c) => c.how !== 'lost').length) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    const datagram = await options.link.next(left, options.signal);
    if (!datagram) return;
    record(log, current, datagram);
  }
}

/**
 * We gave up on `stuck`. A receiver that got it but did not acknowledge expects the other
 * bit, one that never got it the same bit: an end packet with each bit lets either end.
 */
async function endAnyway(options: LossySenderOptions, log: SenderPeerLog, stuck: PacketLog, to: { address: string; port: number }): Promise<void> {
  const { link, transcript, params } = options;
  transcript.event('channel', `we give up on packet ${stuck.index} after ${params.peerRetries + 1} sends${stuck.packet.kind === 'end' ? '' : '; so that your program can end, we send end packets'}`);
  if (stuck.packet.kind === 'end') return;
  for (const bit of [flip(stuck.packet.bit), stuck.packet.bit]) {
    const end = encodePacket({ kind: 'end', bit });
    log.endAnyway.sent.push(`E${bit}`);
    link.send(end, to);
    const deadline = Date.now() + params.peerTimeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const datagram = await link.next(left, options.signal);
      if (!datagram) break;
      const reply = incoming(datagram);
      log.endAnyway.replies.push(reply);
      if (reply.parsed.packet?.kind === 'ack' && reply.parsed.packet.bit === bit) return;
    }
  }
}

/** Files a datagram from the receiver; returns the packet an acknowledgement was counted for. */
function record(log: SenderPeerLog, current: PacketLog, datagram: LinkDatagram): PacketLog | null {
  const reply = incoming(datagram);
  current.replies.push(reply);
  const packet = reply.parsed.packet;
  if (packet?.kind !== 'ack') return null;
  // An acknowledgement belongs to the latest packet sent so far that carries its bit.
  for (let i = current.index; i >= 0; i -= 1) {
    const candidate = log.packets[i] as PacketLog;
    if (candidate.packet.bit !== packet.bit) continue;
    candidate.acks.push({ t: datagram.t, lost: false });
    return candidate;
  }
  return null;
}

function incoming(datagram: LinkDatagram): Incoming {
  return { t: datagram.t, data: datagram.data, parsed: parsePacket(datagram.data) };
}
