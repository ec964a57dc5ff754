import { describe, expect, it } from 'vitest';
import { describeSchedule, planFaults, range, type SenderFault } from './fault-schedule.js';

const ALL: SenderFault[] = ['lose-data', 'lose-ack', 'stale-ack', 'delay-ack', 'dup-ack'];

describe('fault schedules', () => {
  it('are the same for the same seed and label, and differ between seeds', () => {
    const plan = (seed: string, label = 'lossy') => planFaults({ seed, label, positions: range(1, 8), mandatory: ALL, extras: ALL, total: 6 });
    expect(plan('a')).toEqual(plan('a'));
    const variety = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(plan(`seed-${i}`))));
    expect(variety.size).toBeGreaterThan(10);
    expect(plan('a', 'other')).not.toEqual(plan('a'));
  });

  it('contain every mandatory kind, on distinct allowed packets, in packet order', () => {
    for (let i = 0; i < 50; i += 1) {
      const episodes = planFaults({ seed: `s${i}`, label: 'x', positions: range(1, 8), mandatory: ALL, extras: ALL, total: 6 });
      expect(episodes).toHaveLength(6);
      for (const kind of ALL) expect(episodes.some((e) => e.kind === kind)).toBe(true);
      const packets = episodes.map((e) => e.packet);
      expect(new Set(packets).size).toBe(6);
      expect(packets).toEqual([...packets].sort((a, b) => a - b));
      expect(packets.every((p) => p >= 1 && p <= 8)).toBe(true);
    }
  });

  it('clamp the number of episodes to the mandatory kinds and the positions', () => {
    expect(planFaults({ seed: 's', label: 'x', positions: range(1, 8), mandatory: ['lose-data'], extras: ALL, total: 0 })).toHaveLength(1);
    expect(planFaults({ seed: 's', label: 'x', positions: range(1, 3), mandatory: ALL, extras: ALL, total: 9 })).toHaveLength(3);
    expect(range(1, 0)).toEqual([]);
  });

  it('describe themselves for a student to replay', () => {
    const text = describeSchedule([{ packet: 2, kind: 'delay-ack' }], 'sender', { seed: 'abc', delayMs: 600, packetName: (i) => `\`D0:p${i}\`` });
    expect(text).toContain('seed `abc`');
    expect(text).toContain('- packet 2 (`D0:p2`): our acknowledgement is delayed by 600 ms — the first time only');
    expect(describeSchedule([], 'receiver', { seed: 'abc', delayMs: 1, packetName: String })).toContain('perfect');
  });
});

describe('a schedule with a fault that never struck (issue #13)', () => {
  it('does not claim a loss the transcript does not show', () => {
    const text = describeSchedule(
      [
        { packet: 1, kind: 'stale-ack' },
        { packet: 2, kind: 'stale-ack' },
      ],
      'sender',
      { seed: 'abc', delayMs: 600, packetName: (i) => `\`P${i}\``, struck: (i) => i === 0 },
    );
    expect(text).toContain('- packet 1 (`P1`): your packet is lost, and an old acknowledgement (the previous bit) arrives instead — the first time only');
    expect(text).toContain('- packet 2 (`P2`): your packet is lost, and an old acknowledgement (the previous bit) arrives instead — planned, but it never came to that: our receiver never got this packet');
  });
});
