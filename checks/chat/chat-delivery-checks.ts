/**
 * Grading how a chat server distributes messages (issue #5): to every other participant,
 * under the sender's name, once; never for a client that has not logged in; on after a
 * client vanished without `/logout`. Whether the sender gets its own message back the
 * course leaves open: both are accepted.
 */
import { type Finding, failed, isFinding, passed, sentText, shown, shownList } from './chat-finding.js';
import type { ChatPeer } from './chat-peer.js';
import type { ChatSession } from './chat-session.js';
import { askUsers, chatCheck, expectMessage, isMessage, join, listProblem } from './chat-steps.js';

/** Sends `text` from `sender` and waits until every one of `to` has it. */
async function deliver(session: ChatSession, sender: ChatPeer, to: readonly ChatPeer[], text: string): Promise<Finding | null> {
  const from = sender.name as string;
  if (!(await sender.send(text))) {
    return { status: 'failed', feedback: `${from} wanted to send ${sentText(text, session.protocol)}, but your server had closed the connection.`, dying: true };
  }
  const misses = await Promise.all(to.map((peer) => expectMessage(session, peer, from, text)));
  const miss = misses.find((finding): finding is Finding => finding !== null);
  if (!miss) return null;
  // Did it come back to the sender instead? (Only now do we read the sender's side.)
  await sender.drain();
  const echoed = sender.seen.some((frame) => isMessage(frame, from, text));
  // Nobody got the text in any form (a wrong name or format is explained by the miss itself).
  const nobody = to.every((peer) => !peer.seen.some((frame) => frame.body.includes(text)));
  if (echoed && nobody) {
    return { ...miss, feedback: `${miss.feedback}\n\nYour server sent the message back to ${from} only. Send it to every other logged-in client: loop over all their connections.` };
  }
  if (nobody) return { ...miss, feedback: `${miss.feedback}\n\nNobody got it. After a message from a logged-in client, send \`NAME:\` + text to every other logged-in client.` };
  return miss;
}

/** How often each peer got `from:text`, for the "nothing twice" rule. */
function copies(peer: ChatPeer, from: string, text: string): number {
  return peer.seen.filter((frame) => isMessage(frame, from, text)).length;
}

/** Three participants: two messages (one with umlauts, € and a colon), each delivered to the two others. */
export const deliveryCheck = chatCheck(async (session) => {
  const peers: ChatPeer[] = [];
  for (const name of ['Ida', 'Jonas', 'Karla']) {
    const joined = await join(session, name);
    if (isFinding(joined)) return joined;
    peers.push(joined.peer);
  }
  const [ida, jonas, karla] = peers as [ChatPeer, ChatPeer, ChatPeer];
  const plan: Array<[ChatPeer, ChatPeer[], string]> = [
    [ida, [jonas, karla], 'Hallo zusammen!'],
    [jonas, [ida, karla], 'Grüße aus Köln: 5 € für Äpfel'],
  ];
  for (const [sender, to, text] of plan) {
    const miss = await deliver(session, sender, to, text);
    if (miss) return miss;
  }
  await Promise.all(peers.map((peer) => peer.drain()));
  for (const [sender, to, text] of plan) {
    const from = sender.name as string;
    const twice = to.find((peer) => copies(peer, from, text) > 1);
    if (twice) return failed(`${twice.who} got ${sentText(`${from}:${text}`, session.protocol)} ${copies(twice, from, text)} times. Send each message to each participant once.`);
    if (copies(sender, from, text) > 1) return failed(`${from} got its own message ${sentText(`${from}:${text}`, session.protocol)} back ${copies(sender, from, text)} times.`);
  }
  const own = plan.some(([sender, , text]) => copies(sender, sender.name as string, text) > 0);
  const note = own ? 'Your server also sends a message back to its sender: allowed.' : 'The sender does not get its own message back: fine.';
  return passed(`Ida's \`Hallo zusammen!\` reached Jonas and Karla, and Jonas's \`Grüße aus Köln: 5 € für Äpfel\` (umlauts, € and a colon) reached Ida and Karla: each once, under the right name. ${note}`);
});

/** Text from a client that has not logged in reaches nobody; `/error` or silence are both fine; then it can log in. */
export const textBeforeLoginCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const nina = await join(session, 'Nina');
  if (isFinding(nina)) return nina;
  const stranger = await session.open('client Otto');
  if (isFinding(stranger)) return stranger;
  const text = 'Hallo, ist da wer?';
  if (!(await stranger.send(text))) return failed(`A client (Otto) that had not logged in wanted to send ${sentText(text, protocol)}, but your server had closed the connection at once.`, true);
  const [answers] = await Promise.all([stranger.drain(), nina.peer.drain()]);
  const intro = `Nina was logged in. A second client (Otto) connected and, without \`${protocol.words.login}\`, sent ${sentText(text, protocol)}.`;
  const leaked = nina.peer.seen.filter((frame) => frame.body.includes(text));
  if (leaked.length > 0) {
    return failed(`${intro} Nina received ${shownList(leaked)}. Before \`${protocol.words.login}\` a client has no name: answer \`${protocol.words.error}\` (or ignore the message), but never distribute it.`);
  }
  const wrong = answers.filter((frame) => frame.kind !== 'error' && frame.kind !== 'unknown');
  if (wrong.length > 0) return failed(`${intro} Your server answered ${shownList(wrong)}. Expected \`${protocol.words.error}\` (or nothing).`);
  const strays = answers.filter((frame) => frame.kind === 'unknown');
  const said = answers.some((frame) => frame.kind === 'error')
    ? `Your server answered \`${protocol.words.error}\``
    : strays.length > 0
      ? `Your server answered ${shownList(strays)} (the protocol's answer would be \`${protocol.words.error}\`)`
      : 'Your server ignored it';
  const closed = stranger.ended !== null;
  const otto = await join(session, 'Otto', closed ? { label: 'client Otto (again)' } : { peer: stranger });
  if (isFinding(otto)) {
    const where = closed ? 'Your server had closed that connection, so we logged in on a new one' : 'Then the same client logged in';
    const hint = closed ? '' : '\n\nAfter a message it cannot accept, your server must go on serving that connection (did the thread of this client end with an error?).';
    return { ...otto, feedback: `${intro} ${said}, and Nina got nothing: right. ${where}: ${otto.feedback}${hint}` };
  }
  const closedNote = closed ? ' Your server closed the connection after it; that is allowed, but answering `/error` and keeping the connection is friendlier.' : ' Then Otto logged in on the same connection.';
  return passed(`${intro} ${said}, and nobody received it.${closedNote}`);
});

/** A client that vanishes without `/logout`: the others keep chatting, its name leaves the list and is free again. */
export const disconnectCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const peers: ChatPeer[] = [];
  for (const name of ['Tina', 'Uwe', 'Vera']) {
    const joined = await join(session, name);
    if (isFinding(joined)) return joined;
    peers.push(joined.peer);
  }
  const [tina, uwe, vera] = peers as [ChatPeer, ChatPeer, ChatPeer];
  // First make sure delivery works at all, so a failure below is about the vanished client.
  const before = await deliver(session, uwe, [tina, vera], 'Hallo ihr beiden!');
  if (before) return { ...before, feedback: `Tina, Uwe and Vera were logged in, all still connected. ${before.feedback}

See the delivery test: this one needs messages to be distributed.` };
  await tina.vanish();
  // Time for the server to notice recv() returning b'', as it would between two real messages.
  await Promise.all([uwe.drain(), vera.drain()]);
  const intro = `Tina, Uwe and Vera were logged in, and Uwe's first message reached the other two. Then Tina's client closed its connection without \`${protocol.words.logout}\` (as a program does that crashes or is closed).`;
  const cleanupHint = `When \`recv()\` returns \`b''\` (or raises \`ConnectionResetError\`), the client is gone: remove it from your participants and close its socket. Sending to a closed connection raises an error (\`BrokenPipeError\`); catch it, so that one dead client does not stop the others.`;
  const text = 'Ist Tina noch da?';
  const miss = await deliver(session, uwe, [vera], text);
  if (miss) return { ...miss, feedback: `${intro} ${miss.feedback}\n\n${cleanupHint}` };
  const users = await askUsers(session, uwe);
  if (isFinding(users)) return { ...users, feedback: `${intro} ${users.feedback}\n\n${cleanupHint}` };
  const problem = listProblem(users.list, ['Uwe', 'Vera'], ['Tina'], session);
  if (problem) return failed(`${intro} Uwe's next message still reached Vera. Then Uwe sent \`${protocol.words.users}\` and got ${shown(users.frame)}. ${problem} Tina's connection is closed.\n\n${cleanupHint}`);
  const again = await join(session, 'Tina', { label: 'client Tina (again)' });
  if (isFinding(again)) return { ...again, feedback: `${intro} Uwe and Vera went on chatting, and Tina left the user list. Then Tina connected again: ${again.feedback} The name must be free once its connection is closed.` };
  return passed(`${intro} Uwe's next message still reached Vera, \`${protocol.words.users}\` no longer listed Tina (${shown(users.frame)}), and Tina could log in again with her name.`);
});
