/**
 * Judging a student's receiver from what our sender saw and what the program printed.
 * Pure functions over one scenario's observation.
 */
import { showBytes } from './abp-packet.js';
import { exitNote, type Finding, numbered } from './abp-feedback.js';
import type { Incoming, PacketLog } from './lossy-sender.js';
import type { ReceiverObservation } from './receiver-scenario.js';

/** Hello first, then exactly one well-formed acknowledgement with the right bit per packet. */
export function judgeAcks(obs: ReceiverObservation): Finding {
  const { log } = obs;
  if (!log.hello) return silent(obs);
  const replies = [...log.packets.flatMap((p) => p.replies), ...log.endAnyway.replies];
  const bad = replies.find((r) => r.parsed.packet?.kind !== 'ack' && r.parsed.packet?.kind !== 'hello');
  if (bad) {
    return {
      status: 'failed',
      feedback: `${after(obs, bad)} your receiver sent ${showBytes(bad.data)}: ${bad.parsed.problem ?? 'a receiver sends only `H` (once, at the start) and acknowledgements'}. An acknowledgement is exactly \`A0\` or \`A1\`: \`A\` and the bit of the packet it confirms.`,
    };
  }
  const newline = replies.find((r) => r.parsed.trailingNewline);
  if (newline) return { status: 'failed', feedback: `Your acknowledgement ${showBytes(newline.data)} ends with a line break. An acknowledgement is exactly two characters, \`A0\` or \`A1\`. (Our sender was lenient and accepted it.)` };
  for (const packet of log.packets) {
    if (packet.copies.length === 0) break;
    const reached = packet.copies.filter((c) => c.how !== 'lost');
    if (packet.acked && reached.length === 1) continue;
    const second = reached[1];
    const firstReplies = packet.replies.filter((r) => second === undefined || r.t < second.t);
    const wrong = firstReplies.find((r) => r.parsed.packet?.kind === 'ack' && r.parsed.packet.bit !== packet.packet.bit);
    const what = wrong
      ? `your receiver answered ${showBytes(wrong.data)}. The acknowledgement carries the bit of the packet it confirms: \`A${packet.packet.bit}\`.`
      : `no acknowledgement came within ${obs.params.peerTimeoutMs} ms. Acknowledge every packet at once: \`A\` and its bit, sent with \`sendto()\` to the address that \`recvfrom()\` returned.`;
    return { status: 'failed', feedback: `We sent ${showBytes(packet.bytes)}, and ${what}${gaveUpNote(obs)}` };
  }
  const hello = log.hello.parsed.packet?.kind === 'hello' ? '`H`' : `${showBytes(log.hello.data)} (we took it as the hello, though the sheet asks for \`H\`)`;
  const acks = log.packets.filter((p) => p.acked).map((p) => `\`A${p.packet.bit}\``);
  return { status: 'passed', feedback: `Your receiver said hello with ${hello} and acknowledged each of our ${acks.length} packets at once with the right bit: ${acks.join(', ')}.` };
}

/** Every line printed exactly once and in order, the end packet acknowledged, exit code 0. */
export function judgeDelivered(obs: ReceiverObservation): Finding {
  const want = obs.payloads;
  const got = obs.printed;
  const inOrder = got.length === want.length && got.every((line, i) => line === want[i]);
  if (!obs.log.hello) return silent(obs);
  const cause = printCause(obs);
  if (obs.run.timedOut) {
    return { status: 'timeout', feedback: `${exitNote(obs.run, obs.timeoutMs)} We see a program's output only when it ends, so we could not check what it printed.${obs.log.finished ? ' Our end packet was acknowledged: after acknowledging `E`, end the program (leave the loop, close the socket).' : cause ? `\n\nLikely cause: ${cause}` : ''}` };
  }
  const problems: string[] = [];
  if (!inOrder) problems.push(`We sent these lines:\n${numbered(want)}\n\nYour receiver printed:\n${numbered(got)}${obs.otherLines.length > 0 ? `\n\n(and lines that contain none of ours: ${obs.otherLines.slice(0, 3).map((l) => `\`${l}\``).join(', ')})` : ''}${cause ? `\n\nLikely cause: ${cause}` : ''}`);
  if (!obs.log.finished && inOrder) problems.push(`Our end packet was never acknowledged.${gaveUpNote(obs)}`);
  const exit = exitNote(obs.run, obs.timeoutMs);
  if (exit) problems.push(exit);
  if (problems.length > 0) return { status: 'failed', feedback: problems.join('\n\n') };
  const end = obs.log.packets[obs.log.packets.length - 1] as PacketLog;
  return { status: 'passed', feedback: `Your receiver printed all ${want.length} lines exactly once and in order, acknowledged our end packet ${showBytes(end.bytes)} and exited with code 0 after ${obs.run.durationMs} ms.` };
}

/** Every copy of a packet that reached the receiver, repeats included, was acknowledged. */
export function judgeReacks(obs: ReceiverObservation): Finding {
  if (!obs.log.hello) return silent(obs);
  const repeated = obs.log.packets.filter((p) => reached(p) >= 2);
  if (repeated.length === 0) return notReached(obs, 'whether your receiver acknowledges repeats');
  const lines: string[] = [];
  for (const packet of repeated) {
    if (packet.acks.length < reached(packet)) {
      return {
        status: 'failed',
        feedback: `We sent ${showBytes(packet.bytes)} ${times(reached(packet))} (${why(packet)}), and your receiver acknowledged it only ${times(packet.acks.length)}. Acknowledge every copy with \`A${packet.packet.bit}\`, also a repeat you do not print: when your acknowledgement was lost, the repeat is the sender's only way to get one.${gaveUpNote(obs)}`,
      };
    }
    lines.push(`- ${showBytes(packet.bytes)} ${times(reached(packet))} (${why(packet)}): acknowledged ${times(packet.acks.length)}`);
  }
  return { status: 'passed', feedback: `Your receiver acknowledged every copy, repeats included:\n${lines.join('\n')}` };
}

/** No line printed twice, although packets arrived more than once. */
export function judgeNoDoubles(obs: ReceiverObservation): Finding {
  if (!obs.log.hello) return silent(obs);
  const count = (line: string): number => obs.printed.filter((p) => p === line).length;
  const doubled = obs.payloads.find((line) => count(line) > 1);
  if (doubled !== undefined) {
    const packet = obs.log.packets.find((p) => p.packet.kind === 'data' && p.packet.payload === doubled);
    const sent = packet ? ` We sent that packet ${times(reached(packet))} (${why(packet)});` : '';
    return {
      status: 'failed',
      feedback: `Your receiver printed \`${doubled}\` ${times(count(doubled))}.${sent} a packet whose bit is not the one you expect next is a repeat of the previous one: acknowledge it again, but do not print it. Remember the expected bit and flip it only after a new packet.`,
    };
  }
  const repeated = obs.log.packets.filter((p) => p.packet.kind === 'data' && reached(p) >= 2);
  if (repeated.length === 0) return notReached(obs, 'whether your receiver prints a repeated packet twice');
  const missing = repeated.find((p) => p.packet.kind === 'data' && count(p.packet.payload) === 0);
  if (missing && missing.packet.kind === 'data') {
    return { status: 'failed', feedback: `We sent ${showBytes(missing.bytes)} ${times(reached(missing))} (${why(missing)}), and your receiver did not print \`${missing.packet.payload}\` at all.${obs.run.timedOut ? ' (It was still running at the end, and we see its output only when it ends.)' : ''}` };
  }
  const list = repeated.map((p) => `${showBytes(p.bytes)} ${times(reached(p))} (${why(p)})`).join('; ');
  return { status: 'passed', feedback: `We sent ${list}. Your receiver printed each of these lines exactly once.` };
}

function printCause(obs: ReceiverObservation): string | null {
  const doubled = obs.payloads.find((line) => obs.printed.filter((p) => p === line).length > 1);
  if (doubled !== undefined) return `\`${doubled}\` was printed more than once: a packet whose bit is not the one you expect next is a repeat; acknowledge it, but do not print it.`;
  if (obs.log.gaveUpAt !== null) return gaveUpNote(obs).trim();
  const colon = obs.otherLines.find((line) => obs.payloads.some((p) => p.includes(':') && p.startsWith(line.trim()) && line.trim() !== ''));
  if (colon !== undefined) return `you printed \`${colon}\`: the payload is everything after the *first* colon and may contain colons itself. Use \`paket.split(":", 1)[1]\` or \`paket[3:]\`.`;
  return null;
}

function gaveUpNote(obs: ReceiverObservation): string {
  const index = obs.log.gaveUpAt;
  if (index === null) return '';
  const packet = obs.log.packets[index] as PacketLog;
  const ends = obs.log.endAnyway.sent.length > 0 ? ` Then we sent ${obs.log.endAnyway.sent.map((e) => `\`${e}\``).join(' and ')} so that your program could end.` : '';
  return `\n\nOur sender gave up on ${showBytes(packet.bytes)} after ${packet.copies.length} sends without the acknowledgement \`A${packet.packet.bit}\`, so the lines after it were never sent.${ends}`;
}

function after(obs: ReceiverObservation, reply: Incoming): string {
  const packet = obs.log.packets.find((p) => p.replies.includes(reply));
  return packet ? `After we sent ${showBytes(packet.bytes)},` : 'At the end,';
}

function silent(obs: ReceiverObservation): Finding {
  const exit = exitNote(obs.run, obs.timeoutMs);
  return {
    status: obs.run.timedOut ? 'timeout' : 'failed',
    feedback: `Your receiver never sent us anything, so our sender did not know where to send its packets. Start by sending \`H\` to our sender: \`client_socket.sendto(b"H", (sys.argv[1], int(sys.argv[2])))\`; we answer to the address it came from.${exit ? `\n\n${exit}` : ''}`,
  };
}

function notReached(obs: ReceiverObservation, what: string): Finding {
  const exit = exitNote(obs.run, obs.timeoutMs);
  return { status: obs.run.timedOut ? 'timeout' : 'failed', feedback: `The transfer stopped before any packet arrived twice, so we could not test ${what}.${gaveUpNote(obs)}${exit ? `\n\n${exit}` : ''}` };
}

/** Copies that reached the receiver. */
function reached(packet: PacketLog): number {
  return packet.copies.filter((c) => c.how !== 'lost').length;
}

function why(packet: PacketLog): string {
  const reasons: string[] = [];
  const hows = packet.copies.map((c) => c.how);
  if (hows.includes('doubled')) reasons.push('the channel doubled it');
  if (hows.includes('stale')) reasons.push('an old copy turned up late');
  if (hows.includes('delayed')) reasons.push('it was delayed, so our timer sent a copy');
  if (packet.fault === 'lose-ack') reasons.push('your acknowledgement was lost, so our timer sent it again');
  if (packet.fault === 'lose-data') reasons.push('the first copy was lost, so our timer sent it again');
  if (reasons.length === 0) reasons.push(`no acknowledgement came within our timeout, so we sent it again`);
  return reasons.join('; ');
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
