/**
 * Grading a chat server's bookkeeping of names (issue #5): login, invalid and taken names,
 * the user list, logout. Every test uses names of its own, so a name a broken server
 * never frees cannot spoil the next test.
 */
import { describeMiss, failed, isDying, isFinding, missStatus, nameList, oneClientAtATimeHint, passed, sentText, shown } from './chat-finding.js';
import type { ReplyFrame } from './chat-frame.js';
import type { ChatPeer, Wait } from './chat-peer.js';
import { askUsers, chatCheck, join, listProblem } from './chat-steps.js';

/** Two clients log in one after the other; each `/ok` lists everyone logged in, the new one included. */
export const loginCheck = chatCheck(async (session) => {
  const anna = await join(session, 'Anna', { listed: [] });
  if (isFinding(anna)) return anna;
  const ben = await join(session, 'Ben_2', { listed: ['Anna'] });
  if (isFinding(ben)) return ben;
  return passed(`Anna logged in and got ${shown(anna.frame)}; then Ben_2 logged in and got ${shown(ben.frame)}. Both lists are right.`);
});

/** The names a server must refuse, and why. */
const INVALID_NAMES: ReadonlyArray<[name: string, why: string]> = [
  ['Anna Lena', 'it contains a space'],
  ['Jörg', 'it contains an umlaut'],
  ['', 'it is empty'],
  ['Max:Muster', 'it contains a colon, which would break `NAME:text`'],
];

/** Names outside `[a-zA-Z0-9_-]` get `/error`; then a valid one is accepted on the last connection. */
export const invalidNamesCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const problems: string[] = [];
  let dying = false;
  let last: ChatPeer | null = null;
  for (const [index, [name, why]] of INVALID_NAMES.entries()) {
    const peer = await session.open(`client ${index + 1}`);
    if (isFinding(peer)) return peer;
    const command = `${protocol.words.login} ${name}`;
    const reply = await peer.login(name);
    if (!reply.ok) {
      problems.push(`${sentText(command, protocol)} → your server ${describeMiss(reply, peer, protocol)}`);
      dying ||= isDying(reply);
    } else if (reply.frame.kind !== 'error') {
      problems.push(`${sentText(command, protocol)} → your server answered ${shown(reply.frame)}, although ${why}.`);
    }
    if (index < INVALID_NAMES.length - 1) await peer.leave();
    last = peer;
  }
  if (problems.length > 0) {
    return failed(
      `Names may only contain the letters a–z and A–Z, the digits 0–9, \`_\` and \`-\`; for any other name the answer is \`${protocol.words.error}\`.\n\n${problems.map((p) => `- ${p}`).join('\n')}\n\nCheck every name before you accept it: \`re.fullmatch(r"[a-zA-Z0-9_-]+", name)\` is true only for names from this alphabet (and not for an empty one).`,
      dying,
    );
  }
  const reuse = last !== null && last.ended === null;
  const carla = await join(session, 'Carla-3', reuse && last ? { peer: last } : { label: 'client Carla-3' });
  if (isFinding(carla)) {
    const where = reuse ? 'on the connection that had just been refused' : 'on a new connection';
    return { ...carla, feedback: `Your server refused all four invalid names. Then we logged in with the valid name \`Carla-3\` ${where}: ${carla.feedback}` };
  }
  const names = INVALID_NAMES.map(([name]) => (name === '' ? 'an empty name' : `\`${name}\``)).join(', ');
  return passed(`Your server answered \`${protocol.words.error}\` to ${names}, and then accepted \`Carla-3\` ${reuse ? 'on the same connection' : 'on a new connection'}.`);
});

/** A second client may not take a name in use; the first keeps it, the second can pick another. */
export const duplicateNameCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const dora = await join(session, 'Dora');
  if (isFinding(dora)) return dora;
  const second = await session.open('client 2');
  if (isFinding(second)) return second;
  const command = `${protocol.words.login} Dora`;
  const intro = `Dora is logged in. A second client sent ${sentText(command, protocol)} and expected \`${protocol.words.error}\`, because the name is taken.`;
  const reply = await second.login('Dora');
  if (!reply.ok) return { status: missStatus(reply), feedback: `${intro} Your server ${describeMiss(reply, second, protocol)}${oneClientAtATimeHint(session.peers, second)}`, dying: isDying(reply) };
  if (reply.frame.kind === 'ok') {
    return failed(
      `${intro} Your server answered ${shown(reply.frame)}: now two clients are called Dora, and nobody can tell their messages apart. Keep the logged-in names (e.g. a dict name → socket) and answer \`${protocol.words.error}\` when the name is already in it.`,
    );
  }
  if (reply.frame.kind !== 'error') return failed(`${intro} Your server answered ${shown(reply.frame)}.`);
  const emil = await join(session, 'Emil', second.ended === null ? { peer: second } : { label: 'client Emil' });
  if (isFinding(emil)) return { ...emil, feedback: `Your server refused the taken name Dora. Then the same client chose another name: ${emil.feedback}` };
  const users = await askUsers(session, dora.peer);
  if (isFinding(users)) return { ...users, feedback: `Afterwards: ${users.feedback}` };
  const problem = listProblem(users.list, ['Dora', 'Emil'], [], session);
  if (problem) return failed(`After the refused second Dora, Emil logged in. Then Dora sent \`${protocol.words.users}\` and got ${shown(users.frame)}. ${problem}`);
  return passed(`Your server refused \`${protocol.words.login} Dora\` while Dora was logged in, accepted the same client as Emil, and Dora still had her name: ${shown(users.frame)}.`);
});

/** `/users` lists every logged-in client (order free). */
export const userListCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const names = ['Fiona', 'Gustav', 'Hanna_x'];
  const peers: ChatPeer[] = [];
  for (const name of names) {
    const joined = await join(session, name);
    if (isFinding(joined)) return joined;
    peers.push(joined.peer);
  }
  const asker = peers[peers.length - 1] as ChatPeer;
  const users = await askUsers(session, asker);
  if (isFinding(users)) return { ...users, feedback: `${nameList(names)} were logged in. ${users.feedback}` };
  const problem = listProblem(users.list, names, [], session);
  if (problem) return failed(`With ${nameList(names)} logged in, ${asker.who} sent ${sentText(protocol.words.users, protocol)} and got ${shown(users.frame)}. ${problem}`);
  const extra = users.list.names.filter((name) => !names.includes(name));
  const note = extra.length > 0 ? ` It also listed ${nameList(extra)}: clients of earlier tests that had logged out or disconnected. See the logout and disconnect tests.` : '';
  return passed(`With ${nameList(names)} logged in, \`${protocol.words.users}\` got ${shown(users.frame)}: all of them (in any order is fine).${note}`);
});

/** `/logout` gets `/ok`, the name leaves the user list, and is free for a new login. */
export const logoutCheck = chatCheck(async (session) => {
  const { protocol } = session;
  const lena = await join(session, 'Lena');
  if (isFinding(lena)) return lena;
  const moritz = await join(session, 'Moritz');
  if (isFinding(moritz)) return moritz;
  const reply: Wait<ReplyFrame> = await lena.peer.request(protocol.words.logout);
  const intro = `Lena and Moritz were logged in. Lena sent ${sentText(protocol.words.logout, protocol)} and expected \`${protocol.words.ok}\`.`;
  if (!reply.ok) return { status: missStatus(reply), feedback: `${intro} Your server ${describeMiss(reply, lena.peer, protocol)}`, dying: isDying(reply) };
  if (reply.frame.kind !== 'ok') return failed(`${intro} Your server answered ${shown(reply.frame)}.`);
  lena.peer.name = null;
  const users = await askUsers(session, moritz.peer);
  if (isFinding(users)) return { ...users, feedback: `After Lena's logout: ${users.feedback}` };
  const problem = listProblem(users.list, ['Moritz'], ['Lena'], session);
  if (problem) {
    const cause = users.list.names.includes('Lena') ? ` On \`${protocol.words.logout}\`, remove the name from your participants.` : '';
    return failed(`After Lena's logout (answered ${shown(reply.frame)}), Moritz sent \`${protocol.words.users}\` and got ${shown(users.frame)}. ${problem}${cause}`);
  }
  await lena.peer.leave();
  const again = await join(session, 'Lena', { label: 'client Lena (again)' });
  if (isFinding(again)) {
    return { ...again, feedback: `Lena logged out, closed her connection and connected again. After a logout the name is free: ${again.feedback}` };
  }
  return passed(`Lena's \`${protocol.words.logout}\` got ${shown(reply.frame)}, Moritz's user list no longer had her (${shown(users.frame)}), and she could log in again with the same name.`);
});
