/**
 * Judging a student's sender from what our receiver saw. Pure functions over one scenario's
 * observation, so each is tested on hand-made observations.
 */
import { formatDuration } from '../lib/deadline.js';
import { type AbpPacket, flip, showBytes } from './abp-packet.js';
import { exitNote, expectedPacket, type Finding, median, numbered, packetName } from './abp-feedback.js';
import type { Episode, SenderFault } from './fault-schedule.js';
import type { Arrival } from './lossy-receiver.js';
import type { SenderObservation } from './sender-scenario.js';

const FORMAT = 'Packets look like `D0:text` and `D1:text` (data), then `E0` or `E1` (end).';

/** Did the sender speak our packet format, starting with `D0:<first line>`? */
export function judgePacketFormat(obs: SenderObservation): Finding {
  const first = obs.arrivals[0];
  if (!first) return nothingSent(obs);
  const bad = obs.arrivals.find((a) => a.parsed.packet?.kind !== 'data' && a.parsed.packet?.kind !== 'end');
  if (bad) {
    const why = bad.parsed.packet ? 'acknowledgements come from the receiver; a sender sends `D` and `E` packets' : (bad.parsed.problem ?? 'unreadable');
    return { status: 'failed', feedback: `Your sender sent ${showBytes(bad.data)}: ${why}. ${FORMAT}` };
  }
  const newline = obs.arrivals.find((a) => a.parsed.trailingNewline);
  if (newline) {
    return {
      status: 'failed',
      feedback: `Your packet ${showBytes(newline.data)} ends with a line break. A packet is exactly \`D0:\` plus the line, without its \`\\n\`: lines read from \`sys.stdin\` keep it, so remove it with \`zeile.rstrip("\\n")\`. (Our receiver was lenient and ignored it.)`,
    };
  }
  const want = expectedPacket(obs.payloads, 0);
  if (!first.data.equals(want)) {
    const bitHint = dataBit(first.parsed.packet) === 1 ? ' The first packet carries bit 0.' : '';
    return { status: 'failed', feedback: `Your first packet was ${showBytes(first.data)}; we expected ${showBytes(want)}: bit 0 and the first line we typed.${bitHint}` };
  }
  return { status: 'passed', feedback: `Your first packet was exactly ${showBytes(want)}, and all ${obs.arrivals.length} datagrams your sender sent were packets of our protocol.` };
}

/** Does the bit alternate from one packet to the next, starting with 0? */
export function judgeAlternates(obs: SenderObservation): Finding {
  const packets = collapse(obs.arrivals.filter((a) => a.parsed.packet?.kind === 'data' || a.parsed.packet?.kind === 'end'));
  if (packets.length === 0) {
    const first = obs.arrivals[0];
    if (!first) return nothingSent(obs);
    return { status: 'failed', feedback: `None of the ${obs.arrivals.length} datagrams your sender sent was a data or end packet (the first: ${showBytes(first.data)}), so there was no bit to follow. ${FORMAT}` };
  }
  const list = `Your packets, in order (repeats left out): ${packets.slice(0, 8).map((a) => showBytes(a.data, 30)).join(', ')}${packets.length > 8 ? ', …' : ''}.`;
  const bits = packets.map((a) => dataBit(a.parsed.packet));
  if (bits[0] !== 0) return { status: 'failed', feedback: `${list}\n\nThe first packet must carry bit 0: a receiver starts out expecting 0, so it takes a first packet with bit 1 for a repeat and throws it away.` };
  for (let i = 1; i < packets.length; i += 1) {
    if (bits[i] !== bits[i - 1]) continue;
    return {
      status: 'failed',
      feedback: `${list}\n\n${showBytes((packets[i] as Arrival).data)} has the same bit as the packet before it, ${showBytes((packets[i - 1] as Arrival).data)}. After every acknowledged packet the bit flips (\`seq = 1 - seq\`): our receiver expected bit ${flip(bits[i] as 0 | 1)}, took your packet for a repeat of the previous one and threw it away, so this line was lost.`,
    };
  }
  return { status: 'passed', feedback: `${list}\n\nThe bit alternates 0, 1, 0, … from packet to packet, the end packet included.` };
}

/** Every line exactly once and in order, the end packet, exit code 0. */
export function judgeDelivery(obs: SenderObservation): Finding {
  const got = obs.deliveries.map((d) => d.payload);
  const want = obs.payloads;
  const inOrder = got.length === want.length && got.every((line, i) => line === want[i]);
  const received = `Our receiver got:\n${numbered(got)}`;
  if (obs.run.timedOut) {
    const cause = deliveryCause(obs);
    return { status: 'timeout', feedback: `${exitNote(obs.run, obs.timeoutMs)} Until then, ${received.replace(/^Our/, 'our')}${cause ? `\n\nLikely cause: ${cause}` : ''}` };
  }
  const problems: string[] = [];
  if (obs.arrivals.length === 0) return nothingSent(obs);
  if (!inOrder) {
    const cause = deliveryCause(obs);
    problems.push(`We typed these ${want.length} lines:\n${numbered(want)}\n\n${received}${cause ? `\n\nLikely cause: ${cause}` : ''}`);
  }
  if (!obs.ended) problems.push(endPacketProblem(obs));
  const exit = exitNote(obs.run, obs.timeoutMs);
  if (exit) problems.push(exit);
  if (problems.length > 0) return { status: 'failed', feedback: problems.join('\n\n') };
  const count = obs.arrivals.length > want.length + 1 ? ` (${obs.arrivals.length} datagrams for ${want.length + 1} packets: the repeats were needed)` : '';
  return {
    status: 'passed',
    feedback: `All ${want.length} lines arrived exactly once and in order, then the end packet ${packetName(want, want.length)}${count}; your sender exited with code 0 after ${obs.run.durationMs} ms.`,
  };
}

/** After the channel lost a data packet, did the sender send the same packet again? */
export function judgeResendsLostData(obs: SenderObservation): Finding {
  return judgeRepeats(obs, 'lose-data', (a, next, ms) =>
    next
      ? `The channel lost ${showBytes(a.data)}; ${ms} ms later your sender sent ${showBytes(next.data)} instead of the same packet again. Without an acknowledgement the packet must be sent again when the timer runs out (\`socket.timeout\`), not skipped.`
      : `The channel lost ${showBytes(a.data)}, and your sender never sent it again.`,
  );
}

/** After our acknowledgement was lost, did the sender send the packet again? */
export function judgeResendsAfterLostAck(obs: SenderObservation): Finding {
  return judgeRepeats(obs, 'lose-ack', (a, next, ms) =>
    next
      ? `Our receiver got ${showBytes(a.data)}, but its acknowledgement A${dataBit(a.parsed.packet)} was lost. ${ms} ms later your sender went on with ${showBytes(next.data)} as if it had been acknowledged. Without A${dataBit(a.parsed.packet)} your sender cannot know the packet arrived: send it again when the timer runs out.`
      : `Our receiver got ${showBytes(a.data)}, but its acknowledgement was lost, and your sender never sent the packet again${a.parsed.packet?.kind === 'end' ? ' — it ended without an acknowledgement for its end packet' : ''}.`,
  );
}

/** An old acknowledgement (the previous bit) came instead of the right one: did the sender ignore it? */
export function judgeIgnoresStaleAck(obs: SenderObservation): Finding {
  const hits = episodeHits(obs, 'stale-ack');
  const struck = hits.filter((h) => h.arrival !== undefined);
  if (struck.length === 0) return notReached(obs, hits.map((h) => h.episode), 'whether your sender ignores an old acknowledgement');
  const notes: string[] = [];
  for (const { arrival: index } of struck) {
    const a = obs.arrivals[index as number] as Arrival;
    const bit = dataBit(a.parsed.packet);
    const next = obs.arrivals[(index as number) + 1];
    const ms = next ? Math.round(next.t - a.t) : 0;
    if (next?.data.equals(a.data)) {
      notes.push(`The channel lost ${showBytes(a.data)} and delivered an old A${flip(bit)} instead; your sender ignored it and sent the packet again after ${ms} ms.`);
    } else if (next && ms < obs.params.timeoutMinMs) {
      return {
        status: 'failed',
        feedback: `The channel lost ${showBytes(a.data)} and delivered an old acknowledgement A${flip(bit)} instead (a late copy of the previous one). ${ms < 2 ? 'Right away' : `Only ${ms} ms later`} your sender went on with ${showBytes(next.data)}: it took A${flip(bit)} for the acknowledgement of a packet that needs A${bit}, so that line was lost. Compare the bit of every acknowledgement with the bit of the packet you sent, and ignore any other.`,
      };
    } else if (next) {
      notes.push(`The channel lost ${showBytes(a.data)} and delivered an old A${flip(bit)} instead; your sender did not take it for an acknowledgement (it waited ${ms} ms before it went on — but it did not send the lost packet again; see the test on lost packets).`);
    } else {
      const exit = exitNote(obs.run, obs.timeoutMs);
      return {
        status: obs.run.timedOut ? 'timeout' : 'failed',
        feedback: `The channel lost ${showBytes(a.data)} and delivered an old acknowledgement A${flip(bit)} instead. After that your sender sent nothing more.${exit ? `\n\n${exit}` : ''}`,
      };
    }
  }
  return { status: 'passed', feedback: notes.join('\n') };
}

/** The sender's retransmission timeout, measured where a packet was repeated after silence. */
export function judgeTimeout(observations: readonly SenderObservation[]): Finding {
  const gaps = observations.flatMap(silentRepeatGaps);
  const p = observations[0]?.params;
  if (!p) return { status: 'error', feedback: 'no scenario to measure the timeout in' };
  const range = `Anything from ${p.timeoutMinMs} ms to ${p.timeoutMaxMs} ms is fine; the exercise asks for 0.5 s.`;
  if (gaps.length === 0) {
    return {
      status: 'failed',
      feedback: `Your sender never sent a packet a second time after waiting in vain for its acknowledgement, so we could not measure its timeout. A sender starts a timer with every packet (\`client_socket.settimeout(0.5)\` before \`recvfrom()\`) and, when it runs out (\`except socket.timeout:\`), sends the packet again. ${range}`,
    };
  }
  const m = Math.round(median(gaps));
  const measured = `Your sender repeated a packet after about ${m} ms of silence (median of ${gaps.length} measurements: ${gaps.map((g) => Math.round(g)).join(', ')} ms).`;
  if (m < p.timeoutMinMs) return { status: 'failed', feedback: `${measured} That is too quick: give the acknowledgement time to arrive, or the channel fills with copies. ${range}` };
  if (m > p.timeoutMaxMs) return { status: 'failed', feedback: `${measured} That is too slow: a lost packet holds up the whole transfer this long. ${range}` };
  return { status: 'passed', feedback: `${measured} ${range}` };
}

/** Nothing ever gets through: exactly `retries + 1` sends of the first packet, then a non-zero exit. */
export function judgeGivesUp(obs: SenderObservation): Finding {
  const first = obs.arrivals[0];
  if (!first) return nothingSent(obs);
  const retries = obs.params.retries;
  const want = retries + 1;
  const same = obs.arrivals.filter((a) => a.data.equals(first.data)).length;
  const other = obs.arrivals.find((a) => !a.data.equals(first.data));
  const intro = `In this test the channel lost every packet. Your sender sent ${showBytes(first.data)} ${times(same)}`;
  const rule = `After ${retries} retransmissions (${want} sends in all) without an acknowledgement, a sender gives up: print a message and end with \`sys.exit(1)\`.`;
  if (obs.run.timedOut) return { status: 'timeout', fraction: 0, feedback: `${intro} and was still running after ${formatDuration(obs.timeoutMs)}: it never gave up. ${rule}` };
  if (other) {
    return { status: 'failed', fraction: 0, feedback: `${intro}, then went on with ${showBytes(other.data)} although nothing had been acknowledged. A packet may only follow once the one before it was acknowledged. ${rule}` };
  }
  const countOk = same === want;
  const countNear = Math.abs(same - want) === 1;
  const exitOk = obs.run.exitCode !== 0 && obs.run.exitCode !== null && obs.run.startError === undefined;
  const traceback = /Traceback \(most recent call last\)/.test(obs.run.stderr);
  if (countOk && exitOk) {
    const note = traceback ? ' It ended with a traceback, though: catching the error and printing a short message of your own reads better.' : '';
    return { status: 'passed', feedback: `${intro} (the first send and ${retries} retransmissions), then gave up with exit code ${obs.run.exitCode}.${note}` };
  }
  const problems: string[] = [];
  if (!countOk) problems.push(`We expected ${want} sends: the first one and ${retries} retransmissions.${countNear ? ' Close — check how you count.' : ''}`);
  if (!exitOk) problems.push(obs.run.exitCode === 0 ? 'It ended with exit code 0, which says "all went well": after giving up, end with `sys.exit(1)`.' : (exitNote(obs.run, obs.timeoutMs) || 'It did not end properly.'));
  const fraction = countOk ? (exitOk ? 1 : 0.5) : countNear ? (exitOk ? 0.5 : 0.25) : 0;
  return { status: 'failed', fraction, feedback: `${intro}, then ended.\n\n${problems.join(' ')}` };
}

/** Gaps between two identical packets with nothing sent by us in between: the sender's timeout. */
export function silentRepeatGaps(obs: SenderObservation): number[] {
  const gaps: number[] = [];
  for (let j = 1; j < obs.arrivals.length; j += 1) {
    const a = obs.arrivals[j - 1] as Arrival;
    const b = obs.arrivals[j] as Arrival;
    if (!b.data.equals(a.data)) continue;
    if (obs.sent.some((s) => s.t > a.t && s.t < b.t)) continue;
    gaps.push(b.t - a.t);
  }
  return gaps;
}

/**
 * Why our receiver has no end packet: none came, or one came while it was still waiting
 * for a line, so it counted as a repeat (issue #13: the feedback said "never got `E0`"
 * while the transcript showed `E0` arriving).
 */
function endPacketProblem(obs: SenderObservation): string {
  const want = packetName(obs.payloads, obs.payloads.length);
  const ends = obs.arrivals.filter((a) => a.parsed.packet?.kind === 'end');
  const came = ends.find((a) => a.fate !== 'lost');
  if (ends.length > 0 && !came) {
    const lost = ends[0] as Arrival;
    // An old acknowledgement delivered instead (the lossy schedule may strike the end packet
    // too): the sender ended on it, so that is the cause to name, as for a data packet.
    if (lost.fault === 'stale-ack') return `Our receiver never got your end packet ${showBytes(lost.data)}.\n\nLikely cause: ${staleAckCause(lost)}`;
    return `The channel lost your end packet ${showBytes(lost.data)} (see the schedule below), and your sender did not send it again: wait for the acknowledgement of the end packet like for data, and repeat it when the timer runs out.`;
  }
  if (!came) return `Our receiver never got the end packet ${want}: after the last line, send \`E\` with the next bit, wait for its acknowledgement like for data, and only then end.`;
  const waiting = obs.deliveries.length < obs.payloads.length ? `line ${obs.deliveries.length + 1}` : 'the end packet with the other bit';
  return `Your end packet ${showBytes(came.data)} did arrive, but our receiver was still waiting for ${waiting}, so it took ${showBytes(came.data)} for a repeat of an earlier packet and did not count it as the end. Send \`E\` only once every line has been acknowledged with the right bit.`;
}

/** The most likely reason why the lines did not arrive as typed: the earliest thing that went wrong. */
export function deliveryCause(obs: SenderObservation): string | null {
  const causes: Array<{ t: number; text: string }> = [];
  const wrongBit = obs.arrivals.find((a) => a.fate === 'wrong-bit');
  if (wrongBit) {
    causes.push({
      t: wrongBit.t,
      text: `your sender sent ${showBytes(wrongBit.data)} while our receiver expected bit ${wrongBit.expected ?? '?'}. A receiver takes a packet with the old bit for a repeat of the previous one and throws it away, so this line was lost. Flip the bit after every acknowledged packet — and only then.`,
    });
  }
  const lost = obs.dropAll ? undefined : obs.arrivals.find((a) => a.fate === 'lost' && !obs.arrivals.some((b) => b.t > a.t && b.data.equals(a.data)));
  if (lost?.fault === 'stale-ack') {
    causes.push({ t: lost.t, text: staleAckCause(lost) });
  } else if (lost) {
    causes.push({ t: lost.t, text: `the channel lost ${showBytes(lost.data)} (see the schedule below), and your sender never sent it again.` });
  }
  const mismatch = obs.deliveries.find((d) => d.payload !== obs.payloads[d.index]);
  if (mismatch) {
    const want = obs.payloads[mismatch.index];
    causes.push({
      t: mismatch.t,
      text: `packet ${mismatch.index} carried ${showBytes(Buffer.from(mismatch.payload))}, but line ${mismatch.index + 1} we typed was ${want === undefined ? 'not there (we typed fewer lines)' : showBytes(Buffer.from(want))}. Send each line exactly as read, without its line break, one packet per line.`,
    });
  }
  const afterEnd = obs.arrivals.find((a) => a.fate === 'after-end');
  if (afterEnd) causes.push({ t: afterEnd.t, text: `your sender sent ${showBytes(afterEnd.data)} after the end packet; the end packet comes last.` });
  causes.sort((a, b) => a.t - b.t);
  return causes[0]?.text ?? null;
}

function judgeRepeats(obs: SenderObservation, kind: SenderFault, unhandled: (a: Arrival, next: Arrival | undefined, ms: number) => string): Finding {
  const hits = episodeHits(obs, kind);
  const struck = hits.filter((h) => h.arrival !== undefined);
  const what = kind === 'lose-data' ? 'whether your sender repeats a lost packet' : 'whether your sender repeats a packet whose acknowledgement was lost';
  if (struck.length === 0) return notReached(obs, hits.map((h) => h.episode), what);
  const notes: string[] = [];
  for (const { arrival: index } of struck) {
    const a = obs.arrivals[index as number] as Arrival;
    const next = obs.arrivals[(index as number) + 1];
    const ms = next ? Math.round(next.t - a.t) : 0;
    if (!next?.data.equals(a.data)) {
      const exit = next ? '' : exitNote(obs.run, obs.timeoutMs);
      return { status: obs.run.timedOut && !next ? 'timeout' : 'failed', feedback: `${unhandled(a, next, ms)}${exit ? `\n\n${exit}` : ''}` };
    }
    const lostWhat = kind === 'lose-data' ? `the channel lost ${showBytes(a.data)}` : `the acknowledgement of ${showBytes(a.data)} was lost`;
    notes.push(`- ${lostWhat}; your sender sent the packet again after ${ms} ms.`);
  }
  return { status: 'passed', feedback: `Each time, your sender noticed the missing acknowledgement and repeated the packet:\n${notes.join('\n')}` };
}

function episodeHits(obs: SenderObservation, kind: SenderFault): Array<{ episode: Episode<SenderFault>; arrival: number | undefined }> {
  return obs.episodes.flatMap((episode, i) => (episode.kind === kind ? [{ episode, arrival: obs.triggered.get(i) }] : []));
}

function notReached(obs: SenderObservation, episodes: readonly Episode[], what: string): Finding {
  const where = episodes.map((e) => `packet ${e.packet} (${packetName(obs.payloads, e.packet)})`).join(' and ') || 'a later packet';
  const cause = deliveryCause(obs);
  const exit = exitNote(obs.run, obs.timeoutMs);
  return {
    status: obs.run.timedOut ? 'timeout' : 'failed',
    feedback: `The channel was to strike at ${where}, but our receiver never got that packet with the right bit, so we could not test ${what}.${cause ? `\n\nLikely cause: ${cause}` : ''}${exit ? `\n\n${exit}` : ''}`,
  };
}

function nothingSent(obs: SenderObservation): Finding {
  const where = `our receiver (${obs.host} port ${obs.port}, UDP)`;
  if (obs.run.timedOut) return { status: 'timeout', feedback: `Your sender was still running after ${formatDuration(obs.timeoutMs)} and had sent nothing to ${where}, so we stopped it.` };
  const exit = exitNote(obs.run, obs.timeoutMs);
  return {
    status: 'failed',
    feedback: `Your sender sent nothing to ${where}. We started it as \`python3 {entry} ${obs.host} ${obs.port}\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`, and send with \`sendto()\`.${exit ? `\n\n${exit}` : ''}`,
  };
}

/** Consecutive identical datagrams as one. */
function collapse(arrivals: readonly Arrival[]): Arrival[] {
  return arrivals.filter((a, i) => i === 0 || !a.data.equals((arrivals[i - 1] as Arrival).data));
}

/** A packet the channel lost, delivering an old acknowledgement instead, that the sender took for its own. */
function staleAckCause(lost: Arrival): string {
  const old = `A${flip(dataBit(lost.parsed.packet))}`;
  return `the channel lost ${showBytes(lost.data)} and delivered an old acknowledgement ${old} instead (see the schedule below). Your sender took ${old} for the acknowledgement of ${showBytes(lost.data)} and went on without sending it again: compare the bit of every acknowledgement with the bit of the packet you sent.`;
}

function dataBit(packet: AbpPacket | null): 0 | 1 {
  return packet && 'bit' in packet ? packet.bit : 0;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
