import express from 'express';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { BrowserSessions, hashSessionId } from './browser-sessions.js';
import { readSessionCookie } from './session-cookie.js';

const HOUR = 3600_000;

function setup() {
  const store = openStore(':memory:');
  const user = store.users.create({ name: 'ada', role: 'student' });
  let now = 1_000_000;
  const sessions = new BrowserSessions(store.sessions, { idleMs: 12 * HOUR, absoluteMs: 7 * 24 * HOUR }, () => now);
  return { store, user, sessions, advance: (ms: number) => (now += ms), now: () => now };
}

describe('browser sessions', () => {
  it('start with random ids and tokens, and the database keeps only the id’s SHA-256', () => {
    const { store, user, sessions, now } = setup();
    const a = sessions.start(user.id);
    const b = sessions.start(user.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(b.csrfToken);
    expect(a.cookieMaxAgeMs).toBe(7 * 24 * HOUR);
    expect(hashSessionId(a.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(store.sessions.get(a.id, now())).toBeUndefined();
    expect(store.sessions.get(hashSessionId(a.id), now())?.csrfToken).toBe(a.csrfToken);
    expect(sessions.resume(a.id)).toEqual({ idHash: hashSessionId(a.id), user, csrfToken: a.csrfToken });
    store.close();
  });

  it('end after 12 idle hours, and the expired row is deleted', () => {
    const { store, user, sessions, advance } = setup();
    const { id } = sessions.start(user.id);
    advance(12 * HOUR - 1);
    expect(sessions.resume(id)?.user.name).toBe('ada');
    // That use moved the idle deadline on: 12 more hours from now.
    advance(12 * HOUR - 1);
    expect(sessions.resume(id)).toBeDefined();
    advance(12 * HOUR);
    expect(sessions.resume(id)).toBeUndefined();
    expect(store.sessions.count()).toBe(0);
    store.close();
  });

  it('end 7 days after sign-in however much they are used', () => {
    const { store, user, sessions, advance } = setup();
    const { id } = sessions.start(user.id);
    for (let hours = 10; hours <= 160; hours += 10) {
      advance(10 * HOUR);
      expect(sessions.resume(id), `after ${hours} h`).toBeDefined();
    }
    advance(8 * HOUR); // exactly 7 days after sign-in
    expect(sessions.resume(id)).toBeUndefined();
    store.close();
  });

  it('end on sign-out', () => {
    const { store, user, sessions } = setup();
    const { id } = sessions.start(user.id);
    sessions.end(id);
    expect(sessions.resume(id)).toBeUndefined();
    expect(store.sessions.count()).toBe(0);
    store.close();
  });
});

describe('the session cookie', () => {
  it('is read only when it has the shape of a session id', async () => {
    const app = express();
    app.get('/', (req, res) => void res.json({ id: readSessionCookie(req) ?? null }));
    const id = 'a'.repeat(43);
    const { createServer } = await import('node:http');
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const read = async (cookie?: string) =>
      ((await (await fetch(url, { headers: cookie === undefined ? {} : { cookie } })).json()) as { id: string | null }).id;
    expect(await read(`theme=dark; __Host-sockgrade_session=${id}; other=1`)).toBe(id);
    expect(await read(`__Host-sockgrade_session=${id}`)).toBe(id);
    expect(await read('__Host-sockgrade_session=short')).toBeNull();
    expect(await read(`x__Host-sockgrade_session=${id}`)).toBeNull();
    // On loopback the plain name is not ours: anything on the same host may have set it.
    expect(await read(`sockgrade_session=${id}`)).toBeNull();
    expect(await read()).toBeNull();
    await new Promise((resolve) => server.close(resolve));
  });
});
