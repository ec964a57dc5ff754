import { describe, expect, it } from 'vitest';
import { anySignal, linkSignals } from './any-signal.js';
import { createDeadline, formatDuration, sleep } from './deadline.js';
import { PhaseTimeoutError } from './errors.js';

describe('anySignal / linkSignals', () => {
  it('aborts with the first reason and removes its listeners', () => {
    const a = new AbortController();
    const b = new AbortController();
    const link = linkSignals([a.signal, undefined, b.signal]);
    b.abort(new Error('b first'));
    a.abort(new Error('a later'));
    expect(link.signal.aborted).toBe(true);
    expect((link.signal.reason as Error).message).toBe('b first');
  });

  it('is aborted at once when a source already is', () => {
    const a = new AbortController();
    a.abort('gone');
    expect(anySignal([new AbortController().signal, a.signal]).reason).toBe('gone');
  });

  it('dispose() detaches from long-lived sources', () => {
    const parent = new AbortController();
    const link = linkSignals([parent.signal]);
    link.dispose();
    parent.abort();
    expect(link.signal.aborted).toBe(false);
  });
});

describe('deadlines', () => {
  it('abort with a PhaseTimeoutError that names what and how long', async () => {
    const deadline = createDeadline(10, 'reply', 'no reply to `hello` after 10 ms');
    await sleep(30);
    expect(deadline.signal.reason).toBeInstanceOf(PhaseTimeoutError);
    expect((deadline.signal.reason as PhaseTimeoutError).message).toBe('no reply to `hello` after 10 ms');
    expect(deadline.remainingMs()).toBe(0);
  });

  it('sleep rejects on abort with the reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 5);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow('stop');
  });

  it('formats durations for students', () => {
    expect(formatDuration(2000)).toBe('2000 ms');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(12_340)).toBe('12.3 s');
  });
});
