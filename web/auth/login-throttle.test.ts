import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const MINUTE = 60_000;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('the login throttle', () => {
  it('allows 5 attempts per name in 15 minutes, then says how long to wait', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let i = 0; i < 5; i++) {
      expect(throttle.begin('ada')).toBe(0);
      time.advance(MINUTE);
    }
    // The first attempt was 5 minutes ago: it leaves the window in 10 minutes.
    expect(throttle.begin('ada')).toBe(10 * MINUTE);
    expect(throttle.begin('ADA')).toBe(10 * MINUTE);
    expect(throttle.begin('bob')).toBe(0);
    time.advance(10 * MINUTE - 1);
    expect(throttle.begin('ada')).toBe(1);
    time.advance(1);
    expect(throttle.begin('ada')).toBe(0);
    // Now 5 again within the window (minutes 1-4 and this one): the next waits for minute 1's to leave.
    expect(throttle.begin('ada')).toBe(MINUTE);
  });

  it('forgets a name’s attempts when the right password comes', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let i = 0; i < 4; i++) throttle.begin('ada');
    throttle.succeeded('Ada');
    for (let i = 0; i < 5; i++) expect(throttle.begin('ada')).toBe(0);
    expect(throttle.begin('ada')).toBe(15 * MINUTE);
  });

  it('counts attempts still being checked, so parallel guesses do not slip through', () => {
    const throttle = new LoginThrottle({ now: clock().now, maxAttempts: 3 });
    expect([throttle.begin('ada'), throttle.begin('ada'), throttle.begin('ada'), throttle.begin('ada')]).toEqual([0, 0, 0, 15 * MINUTE]);
  });

  it('remembers at most maxNames names, forgetting the least recently tried', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now, maxAttempts: 1, maxNames: 2 });
    throttle.begin('a');
    throttle.begin('b');
    expect(throttle.begin('a')).toBeGreaterThan(0);
    throttle.begin('c'); // over the cap: `b` was tried least recently
    expect(throttle.begin('a')).toBeGreaterThan(0);
    expect(throttle.begin('c')).toBeGreaterThan(0);
    expect(throttle.begin('b')).toBe(0);
  });
});
