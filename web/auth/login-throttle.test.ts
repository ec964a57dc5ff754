import { describe, expect, it } from 'vitest';
import { LoginThrottle, type ThrottleVerdict } from './login-throttle.js';

const MINUTE = 60_000;
const HERE = '192.0.2.1';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** 0 when allowed, else the wait: the old shape, to keep the per-name expectations readable. */
const wait = (verdict: ThrottleVerdict) => (verdict.allowed ? 0 : verdict.waitMs);

describe('the login throttle, per name', () => {
  it('allows 5 attempts per name in 15 minutes, then says how long to wait', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let i = 0; i < 5; i++) {
      expect(wait(throttle.begin('ada', HERE))).toBe(0);
      time.advance(MINUTE);
    }
    // The first attempt was 5 minutes ago: it leaves the window in 10 minutes.
    expect(throttle.begin('ada', HERE)).toEqual({ allowed: false, waitMs: 10 * MINUTE, reason: 'name' });
    expect(wait(throttle.begin('ADA', '192.0.2.2'))).toBe(10 * MINUTE);
    expect(wait(throttle.begin('bob', HERE))).toBe(0);
    time.advance(10 * MINUTE - 1);
    expect(wait(throttle.begin('ada', HERE))).toBe(1);
    time.advance(1);
    expect(wait(throttle.begin('ada', HERE))).toBe(0);
    // Now 5 again within the window (minutes 1-4 and this one): the next waits for minute 1's to leave.
    expect(wait(throttle.begin('ada', HERE))).toBe(MINUTE);
  });

  it('forgets a name’s attempts when the right password comes', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let i = 0; i < 4; i++) throttle.begin('ada', HERE);
    const right = throttle.begin('Ada', HERE);
    if (!right.allowed) throw new Error('refused');
    throttle.succeeded(right.attempt);
    for (let i = 0; i < 5; i++) expect(wait(throttle.begin('ada', HERE))).toBe(0);
    expect(wait(throttle.begin('ada', HERE))).toBe(15 * MINUTE);
  });

  it('counts attempts still being checked, so parallel guesses do not slip through', () => {
    const throttle = new LoginThrottle({ now: clock().now, maxAttempts: 3 });
    expect([1, 2, 3, 4].map(() => wait(throttle.begin('ada', HERE)))).toEqual([0, 0, 0, 15 * MINUTE]);
  });
});

describe('the login throttle, per address (issue #12)', () => {
  it('refuses an address after 20 failed attempts with ever-new names, and not another address', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let i = 0; i < 20; i++) {
      expect(wait(throttle.begin(`name-${i}`, HERE))).toBe(0);
      time.advance(10_000);
    }
    // The first failure was 200 s ago.
    expect(throttle.begin('name-20', HERE)).toEqual({ allowed: false, waitMs: 15 * MINUTE - 200_000, reason: 'address' });
    expect(throttle.begin('ada', HERE)).toMatchObject({ allowed: false, reason: 'address' });
    expect(wait(throttle.begin('name-20', '192.0.2.2'))).toBe(0);
    time.advance(15 * MINUTE - 200_000);
    expect(wait(throttle.begin('name-21', HERE))).toBe(0);
  });

  it('gives back only the attempt that succeeded: signing in to one’s own account buys no guesses', () => {
    const throttle = new LoginThrottle({ now: clock().now, maxPerAddress: 3 });
    expect(wait(throttle.begin('x', HERE))).toBe(0);
    expect(wait(throttle.begin('y', HERE))).toBe(0);
    for (let i = 0; i < 5; i++) {
      const own = throttle.begin('mallory', HERE);
      if (!own.allowed) throw new Error('refused');
      throttle.succeeded(own.attempt);
    }
    expect(wait(throttle.begin('z', HERE))).toBe(0);
    expect(throttle.begin('w', HERE)).toMatchObject({ allowed: false, reason: 'address' });
  });

  it('counts an attempt that was never checked (hashing busy) for neither name nor address', () => {
    const throttle = new LoginThrottle({ now: clock().now, maxAttempts: 1, maxPerAddress: 1 });
    const busy = throttle.begin('ada', HERE);
    if (!busy.allowed) throw new Error('refused');
    throttle.withdraw(busy.attempt);
    expect(wait(throttle.begin('ada', HERE))).toBe(0);
    expect(throttle.begin('ada', '192.0.2.2')).toMatchObject({ allowed: false, reason: 'name' });
    expect(throttle.begin('bob', HERE)).toMatchObject({ allowed: false, reason: 'address' });
  });

  it('checks the address before the name, so an address over its cap locks no more names', () => {
    const throttle = new LoginThrottle({ now: clock().now, maxPerAddress: 5 });
    for (let i = 0; i < 5; i++) throttle.begin('ada', HERE);
    expect(throttle.begin('bob', HERE)).toMatchObject({ reason: 'address' });
    for (let i = 0; i < 4; i++) expect(wait(throttle.begin('bob', '192.0.2.2'))).toBe(0);
  });
});

describe('the login throttle’s memory (issue #12)', () => {
  it('never forgets a locked name to make room: a full table refuses new names until entries expire', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now, maxAttempts: 1, maxNames: 3, maxPerAddress: 1000 });
    throttle.begin('locked', HERE);
    expect(throttle.begin('locked', HERE)).toMatchObject({ allowed: false, reason: 'name' });
    time.advance(MINUTE);
    throttle.begin('b', HERE);
    throttle.begin('c', HERE);
    // 10 000 fresh names later the table is still 3 names, and `locked` still locked.
    for (let i = 0; i < 10_000; i++) expect(throttle.begin(`new-${i}`, HERE)).toMatchObject({ allowed: false, reason: 'full' });
    expect(throttle.size().names).toBe(3);
    expect(throttle.begin('locked', HERE)).toMatchObject({ allowed: false, reason: 'name', waitMs: 14 * MINUTE });
    // The newcomer waits for the oldest entry (`locked`, tried 1 minute ago) to leave the window.
    expect(throttle.begin('new', HERE)).toEqual({ allowed: false, waitMs: 14 * MINUTE, reason: 'full' });
    time.advance(14 * MINUTE);
    expect(wait(throttle.begin('new', HERE))).toBe(0);
    expect(throttle.size().names).toBe(3);
  });

  it('bounds addresses the same way', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now, maxAddresses: 2 });
    throttle.begin('a', '192.0.2.1');
    throttle.begin('b', '192.0.2.2');
    expect(throttle.begin('c', '192.0.2.3')).toMatchObject({ allowed: false, reason: 'full' });
    expect(wait(throttle.begin('c', '192.0.2.1'))).toBe(0);
    expect(throttle.size()).toEqual({ names: 3, addresses: 2 });
    time.advance(15 * MINUTE);
    expect(wait(throttle.begin('c', '192.0.2.3'))).toBe(0);
    expect(throttle.size()).toEqual({ names: 1, addresses: 1 });
  });
});
