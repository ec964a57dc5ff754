/**
 * Ten clients chatting at once (issue #5): nothing lost, nothing twice, nothing under a
 * wrong name. The pacing keeps it a test of concurrency, not of framing: each connection
 * sends its next message only after its last one arrived everywhere, so a server that
 * reads one message per recv() still sees one message per recv() here.
 */
import { type Finding, failed, isFinding, nameList, sentText, shown } from './chat-finding.js';
import type { ChatPeer } from './chat-peer.js';
import type { ChatSession } from './chat-session.js';
import { chatCheck, isMessage, join } from './chat-steps.js';
import { readParams } from '../lib/param-schema.js';
import { TEN_CLIENTS } from './chat-params.js';

/** A message of the many-clients test: unique per sender and round. */
function roundText(round: number, name: string): string {
  return `Runde ${round}: Hallo von ${name}`;
}
const ROUND_TEXT = /^Runde \d+: Hallo von ([A-Za-z0-9_-]+)$/;

/**
 * Ten clients (param `clients`) chat at once, three rounds (param `rounds`): in each round
 * all send at the same moment, then each waits for the messages of all others.
 */
export const tenClientsCheck = chatCheck(async (session) => {
  const { ctx, protocol } = session;
  const given = readParams(TEN_CLIENTS, ctx.params);
  const count = Math.min(30, Math.max(2, Math.floor(given.clients)));
  const rounds = Math.min(10, Math.max(1, Math.floor(given.rounds)));
  const names = Array.from({ length: count }, (_, i) => `User_${i}`);
  const peers: ChatPeer[] = [];
  for (const [index, name] of names.entries()) {
    const joined = await join(session, name);
    if (isFinding(joined)) return { ...joined, feedback: `Client ${index + 1} of ${count}: ${joined.feedback}` };
    peers.push(joined.peer);
  }
  for (let round = 1; round <= rounds; round += 1) {
    const sent = await Promise.all(peers.map((peer, i) => peer.send(roundText(round, names[i] as string))));
    const lost = sent.indexOf(false);
    if (lost >= 0) return failed(`Round ${round}: ${names[lost]} could not send, because your server had closed its connection.`, true);
    const deadline = Date.now() + 2 * protocol.replyMs;
    await Promise.all(peers.map((peer, i) => collectRound(peer, names, i, round, deadline)));
    const finding = judgeRound(session, peers, names, round, rounds);
    if (finding) return finding;
  }
  await Promise.all(peers.map((peer) => peer.drain()));
  const finding = judgeRound(session, peers, names, rounds, rounds, true);
  if (finding) return finding;
  const own = peers.some((peer, i) => peer.seen.some((frame) => isMessage(frame, names[i] as string, roundText(1, names[i] as string))));
  const each = (count - 1) * rounds;
  const echo = own ? ' (Your server also sends each message back to its sender: allowed.)' : '';
  return {
    status: 'passed',
    feedback: `${count} clients logged in and sent ${rounds} messages each, all at the same time: each of them received all ${each} messages of the others, each once and under the right name.${echo}`,
  };
});

/** Waits until `peers[me]` has the round's message of every other client, or the deadline passes. */
async function collectRound(peer: ChatPeer, names: readonly string[], me: number, round: number, deadline: number): Promise<void> {
  for (const [i, name] of names.entries()) {
    if (i === me) continue;
    // Past the deadline each wait still takes what is already buffered: the report then
    // names exactly the messages that never came.
    await peer.waitFor((frame) => isMessage(frame, name, roundText(round, name)), Math.max(1, deadline - Date.now()));
  }
}

/** Misattributed, missing (up to `round`) and, with `final`, duplicated messages. */
function judgeRound(session: ChatSession, peers: readonly ChatPeer[], names: readonly string[], round: number, rounds: number, final = false): Finding | null {
  const { protocol } = session;
  const where = final ? `After ${rounds} rounds` : `Round ${round} of ${rounds}`;
  const intro = `${names.length} clients (${names[0]} … ${names[names.length - 1]}) were logged in; in each round all of them sent a message at the same moment, e.g. ${sentText(roundText(round, names[0] as string), protocol)}.`;
  for (const [me, peer] of peers.entries()) {
    const wrong = peer.seen.find((frame) => {
      const author = frame.kind === 'message' ? ROUND_TEXT.exec(frame.text)?.[1] : undefined;
      return author !== undefined && frame.kind === 'message' && frame.from !== author;
    });
    if (wrong && wrong.kind === 'message') {
      const author = ROUND_TEXT.exec(wrong.text)?.[1] as string;
      return failed(
        `${intro} ${where}: ${names[me]} got ${shown(wrong)}: the message of ${author} under the name ${wrong.from}. Likely cause: the sender's name is kept in a variable that all clients share (a global \`name\`), and another client's login overwrote it. Keep each client's name with its own connection (a local variable in its thread, or a dict socket → name).`,
      );
    }
  }
  const gaps: string[] = [];
  let lostCount = 0;
  for (const [me, peer] of peers.entries()) {
    const missing: string[] = [];
    for (let r = 1; r <= round; r += 1) {
      for (const [i, name] of names.entries()) {
        if (i !== me && !peer.seen.some((frame) => isMessage(frame, name, roundText(r, name)))) missing.push(sentText(`${name}:${roundText(r, name)}`, protocol));
      }
    }
    lostCount += missing.length;
    if (missing.length > 0 && gaps.length < 3) gaps.push(`- ${names[me]} did not get ${missing.slice(0, 2).join(', ')}${missing.length > 2 ? ` and ${missing.length - 2} more` : ''}.`);
  }
  if (lostCount > 0) {
    const total = names.length * (names.length - 1) * round;
    const ended = peers.filter((peer) => peer.ended === 'closed' || peer.ended === 'reset').map((peer) => peer.who);
    const closed = ended.length > 0 ? `\n\nYour server closed the connection of ${nameList(ended)}.` : '';
    const echoes = lostCount === total && peers.every((peer, i) => peer.seen.some((frame) => isMessage(frame, names[i] as string, roundText(1, names[i] as string))));
    const advice = '\n\nWith several clients at once, every client needs its own thread (or `select()`), and the list of participants must not change while you loop over it (use a lock, or loop over a copy).';
    const nobody = lostCount === total ? `\n\nNobody received anything from anyone else${echoes ? ': each client only got its own messages back' : ''}. See the delivery test.` : '';
    return {
      status: 'failed',
      feedback: `${intro} ${where}: ${lostCount} of ${total} deliveries did not arrive within ${2 * protocol.replyMs} ms:\n${gaps.join('\n')}${closed}${nobody || advice}`,
      dying: ended.length > 0,
    };
  }
  if (!final) return null;
  for (const [me, peer] of peers.entries()) {
    const twice = peer.seen.find((frame, index) => frame.kind === 'message' && ROUND_TEXT.test(frame.text) && peer.seen.findIndex((other) => other.body === frame.body) !== index);
    if (twice) return failed(`${intro} ${names[me]} got ${shown(twice)} more than once. Send each message to each participant once.`);
  }
  return null;
}
