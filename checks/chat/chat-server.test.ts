import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { type FakeServer, listenFakeTcp } from '../testing/fake-servers.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { chatServer } from './assignments.js';

interface FakeChatOptions {
  /** Every 'data' chunk is one message (the classic bug). */
  oneRecv?: boolean;
  noNameCheck?: boolean;
  /** A chat message goes back to its sender only. */
  echoOnly?: boolean;
  /** The sender gets its own message too (allowed). */
  echoToAll?: boolean;
  /** One client at a time: the next one is served when the current one closes. */
  serial?: boolean;
  /** A space in front of every reply (as printed on the slide). */
  leadingSpace?: boolean;
  /** The sender's name is the last one that logged in (a shared global). */
  globalName?: boolean;
  /** A client that closes without /logout stays in the list. */
  keepVanished?: boolean;
  /** `/ok` without the list of users. */
  bareOk?: boolean;
  listSeparator?: string;
  /** Text before login is distributed as `None:text`. */
  leaksBeforeLogin?: boolean;
  /** Notifications `Server:… ist da` on every login (an allowed extra). */
  announces?: boolean;
}

/** A chat server in Node, behaving like the Python submissions we grade. */
function startFakeChatServer(o: FakeChatOptions = {}): Promise<FakeServer> {
  const users = new Map<string, net.Socket>();
  const waiting: net.Socket[] = [];
  let active: net.Socket | null = null;
  let lastName = '';
  const send = (socket: net.Socket, text: string): void => {
    if (!socket.destroyed) socket.write(`${o.leadingSpace ? ' ' : ''}${text}\0`);
  };
  const list = (): string => [...users.keys()].join(o.listSeparator ?? '\n');
  const serve = (socket: net.Socket): void => {
    let name: string | null = null;
    let buffer = '';
    const handle = (text: string): void => {
      if (text === '/login' || text.startsWith('/login ')) {
        const wanted = text.slice(7);
        const ok = name === null && (o.noNameCheck || (/^[A-Za-z0-9_-]+$/.test(wanted) && !users.has(wanted)));
        if (!ok) return send(socket, '/error');
        name = wanted;
        lastName = wanted;
        if (o.announces) for (const other of users.values()) send(other, `Server:${wanted} ist da`);
        users.set(wanted, socket);
        return send(socket, o.bareOk ? '/ok' : `/ok ${list()}`);
      }
      if (text === '/logout') {
        if (name === null) return send(socket, '/error');
        users.delete(name);
        name = null;
        return send(socket, '/ok');
      }
      if (text === '/users') return send(socket, `/users ${list()}`);
      if (name === null) {
        if (o.leaksBeforeLogin) for (const other of users.values()) send(other, `None:${text}`);
        return send(socket, '/error');
      }
      const from = o.globalName ? lastName : name;
      const targets = o.echoOnly ? [socket] : [...users.values()].filter((s) => o.echoToAll || s !== socket);
      for (const target of targets) send(target, `${from}:${text}`);
    };
    socket.on('data', (chunk: Buffer) => {
      if (o.oneRecv) return handle(chunk.toString('utf8').replace(/\0$/, ''));
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        handle(text);
      }
    });
    socket.on('close', () => {
      if (name !== null && !o.keepVanished && users.get(name) === socket) users.delete(name);
      if (o.serial && active === socket) {
        active = waiting.shift() ?? null;
        if (active) serve(active);
      }
    });
  };
  return listenFakeTcp((socket) => {
    if (o.serial && active) return void waiting.push(socket);
    if (o.serial) active = socket;
    serve(socket);
  });
}

const assignment = fastAssignment(chatServer, {}, { quietMs: 60 });
const run = (options: FakeChatOptions = {}, only?: string[]) =>
  runFakeServerPeer({ ...assignment, tests: only ? assignment.tests.filter((t) => only.includes(t.id)) : assignment.tests }, () => startFakeChatServer(options));
const statusesOf = (result: Awaited<ReturnType<typeof run>>) => result.grader.statuses();
const allPassed = Object.fromEntries(chatServer.tests.map((t) => [t.id, 'passed']));

describe('chat-server suite', () => {
  it('gives a correct server full marks', async () => {
    const result = await run();
    expect(statusesOf(result)).toEqual(allPassed);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback.delivery).toContain('The sender does not get its own message back: fine.');
  });

  it('accepts what the course leaves open: own messages back, a leading space, extra notifications', async () => {
    const result = await run({ echoToAll: true, leadingSpace: true, announces: true });
    expect(statusesOf(result)).toEqual(allPassed);
    expect(result.feedback.delivery).toContain('also sends a message back to its sender: allowed');
  });

  it('fails only the wire-fault tests of a server that reads one message per recv(), and says why', async () => {
    const result = await run({ oneRecv: true });
    expect(statusesOf(result)).toEqual({ ...allPassed, 'two-in-one-segment': 'failed', 'split-message': 'failed' });
    expect(result.score.score).toBe(80);
    expect(result.feedback['two-in-one-segment']).toContain('We sent 2 messages in one TCP segment');
    expect(result.feedback['two-in-one-segment']).toContain('one `recv()` returns exactly one message');
    expect(result.feedback['split-message']).toMatch(/replies to 1 message/);
  });

  it('fails a server that accepts any name', async () => {
    const result = await run({ noNameCheck: true }, ['invalid-names', 'duplicate-name']);
    expect(statusesOf(result)).toEqual({ 'invalid-names': 'failed', 'duplicate-name': 'failed' });
    expect(result.feedback['invalid-names']).toContain('`/login Max:Muster\\0` → your server answered `/ok');
    expect(result.feedback['duplicate-name']).toContain('now two clients are called Dora');
  });

  it('explains a server that echoes instead of distributing', async () => {
    const result = await run({ echoOnly: true }, ['delivery', 'disconnect-without-logout', 'ten-clients']);
    expect(statusesOf(result)).toEqual({ delivery: 'failed', 'disconnect-without-logout': 'failed', 'ten-clients': 'failed' });
    expect(result.feedback.delivery).toContain('Your server sent the message back to Ida only.');
    expect(result.feedback['ten-clients']).toContain('each client only got its own messages back');
  });

  it('tells a server that serves one client at a time to use threads', async () => {
    const result = await run({ serial: true }, ['login']);
    expect(statusesOf(result)).toEqual({ login: 'timeout' });
    expect(result.feedback.login).toContain('Ben_2 connected while Anna was still connected');
  });

  it('catches messages under the wrong name', async () => {
    const result = await run({ globalName: true }, ['delivery', 'ten-clients']);
    expect(statusesOf(result)).toEqual({ delivery: 'failed', 'ten-clients': 'failed' });
    expect(result.feedback.delivery).toContain('attributed to `Karla`, not to its sender `Ida`');
    expect(result.feedback['ten-clients']).toContain('a variable that all clients share');
  });

  it('fails a server that keeps a vanished client in its list', async () => {
    const result = await run({ keepVanished: true }, ['disconnect-without-logout']);
    expect(statusesOf(result)).toEqual({ 'disconnect-without-logout': 'failed' });
    expect(result.feedback['disconnect-without-logout']).toContain('It still lists `Tina`');
  });

  it('checks the list in /ok and the separator of names', async () => {
    const bare = await run({ bareOk: true }, ['login']);
    expect(bare.feedback.login).toContain('It carries no list of users.');
    const commas = await run({ listSeparator: ', ' }, ['login', 'user-list']);
    expect(statusesOf(commas)).toEqual({ login: 'failed', 'user-list': 'failed' });
    expect(commas.feedback['user-list']).toContain('Separate the names with `\\n`');
  });

  it('fails a server that distributes text sent before login', async () => {
    const result = await run({ leaksBeforeLogin: true }, ['text-before-login']);
    expect(statusesOf(result)).toEqual({ 'text-before-login': 'failed' });
    expect(result.feedback['text-before-login']).toContain('Nina received `None:Hallo, ist da wer?\\0`');
  });

  it('honours a teacher-set write mode for every test (wire faults everywhere)', async () => {
    const tests = assignment.tests.filter((t) => ['login', 'delivery'].includes(t.id));
    const bytewise = await runFakeServerPeer({ ...assignment, params: { ...assignment.params, writeMode: 'bytewise' }, tests }, () => startFakeChatServer({ oneRecv: true }));
    expect(bytewise.grader.statuses()).toEqual({ login: 'failed', delivery: 'failed' });
  });
});
