import { describe, expect, it } from 'vitest';
import type { Episode, SenderFault } from './fault-schedule.js';
import { LossyReceiver } from './lossy-receiver.js';

const payloads = ['eins', 'zwei', 'drei'];
const receiver = (episodes: Episode<SenderFault>[] = [], dropAll = false) => new LossyReceiver({ payloads, episodes, dropAll, delayMs: 600 });
const feed = (r: LossyReceiver, text: string) => r.handle(Buffer.from(text), 0);

describe('our receiver behind the lossy channel', () => {
  it('delivers new packets, acknowledges repeats again without delivering them', () => {
    const r = receiver();
    expect(feed(r, 'D0:eins').acks).toEqual([{ bit: 0 }]);
    expect(feed(r, 'D0:eins').acks[0]?.bit).toBe(0);
    expect(feed(r, 'D1:zwei').acks).toEqual([{ bit: 1 }]);
    feed(r, 'D0:drei');
    feed(r, 'E1');
    expect(r.deliveries.map((d) => d.payload)).toEqual(payloads);
    expect(r.ended).toBe(true);
    expect(r.arrivals.map((a) => a.fate)).toEqual(['accepted', 'repeat', 'accepted', 'accepted', 'accepted']);
  });

  it('tells a new line sent with the old bit from a true repeat', () => {
    const r = receiver();
    feed(r, 'D0:eins');
    const { acks } = feed(r, 'D0:zwei');
    expect(acks[0]?.bit).toBe(0);
    expect(r.arrivals[1]).toMatchObject({ fate: 'wrong-bit', expected: 1 });
    expect(r.deliveries).toHaveLength(1);
  });

  it('applies each episode once, to the first copy of its packet', () => {
    const r = receiver([
      { packet: 1, kind: 'lose-data' },
      { packet: 2, kind: 'stale-ack' },
      { packet: 3, kind: 'lose-ack' },
    ]);
    feed(r, 'D0:eins');
    expect(feed(r, 'D1:zwei')).toEqual({ acks: [], note: 'channel: packet 1 lost on the way' });
    expect(feed(r, 'D1:zwei').acks).toEqual([{ bit: 1 }]);
    expect(feed(r, 'D0:drei').acks).toEqual([{ bit: 1, note: 'channel: an old acknowledgement A1 arrives instead' }]);
    expect(feed(r, 'D0:drei').acks).toEqual([{ bit: 0 }]);
    expect(feed(r, 'E1').acks).toEqual([{ bit: 1, lost: true, note: 'channel: our acknowledgement A1 is lost' }]);
    expect(feed(r, 'E1').acks).toEqual([{ bit: 1, note: 'a repeat: acknowledged again, not delivered' }]);
    expect([...r.triggered.entries()]).toEqual([
      [0, 1],
      [1, 3],
      [2, 5],
    ]);
  });

  it('delays and doubles acknowledgements', () => {
    const r = receiver([
      { packet: 0, kind: 'delay-ack' },
      { packet: 1, kind: 'dup-ack' },
    ]);
    expect(feed(r, 'D0:eins').acks).toEqual([{ bit: 0, delayMs: 600, note: 'channel: A0 delayed by 600 ms' }]);
    expect(feed(r, 'D1:zwei').acks).toHaveLength(2);
  });

  it('loses everything when told to, and ignores what is no data', () => {
    const dead = receiver([], true);
    expect(feed(dead, 'D0:eins').acks).toEqual([]);
    expect(dead.arrivals[0]?.fate).toBe('lost');
    const r = receiver();
    expect(feed(r, 'A0').acks).toEqual([]);
    expect(feed(r, 'hallo').acks).toEqual([]);
    expect(r.arrivals.map((a) => a.fate)).toEqual(['malformed', 'malformed']);
    feed(r, 'D0:eins');
    feed(r, 'D1:zwei');
    feed(r, 'D0:drei');
    feed(r, 'E1');
    feed(r, 'D0:noch was');
    expect(r.arrivals[r.arrivals.length - 1]?.fate).toBe('after-end');
  });
});
