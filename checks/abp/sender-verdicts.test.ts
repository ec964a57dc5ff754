import { describe, expect, it } from 'vitest';
import { fullResult } from '../testing/fake-grader.js';
import type { StudentRunResult } from '../peer/protocol.js';
import { parsePacket } from './abp-packet.js';
import { SENDER_DEFAULTS } from './abp-params.js';
import type { Arrival } from './lossy-receiver.js';
import type { SenderObservation } from './sender-scenario.js';
import { judgeDelivery, judgeGivesUp, judgePacketFormat, judgeTimeout, silentRepeatGaps } from './sender-verdicts.js';

/** A hand-made observation: what arrived when, what we sent when, how the run ended. */
function observation(arrivals: Array<[number, string]>, run: Partial<StudentRunResult> = {}, sent: Array<[number, string]> = []): SenderObservation {
  return {
    name: 'dead',
    payloads: ['eins', 'zwei'],
    episodes: [],
    dropAll: true,
    timeoutMs: 6000,
    params: { ...SENDER_DEFAULTS },
    seed: 'seed',
    host: '127.0.0.1',
    port: 4711,
    stdin: 'eins\nzwei\n',
    arrivals: arrivals.map(([t, text]): Arrival => ({ t, data: Buffer.from(text), parsed: parsePacket(Buffer.from(text)), fate: 'lost' })),
    triggered: new Map(),
    deliveries: [],
    ended: false,
    sent: sent.map(([t, text]) => ({ t, data: Buffer.from(text) })),
    run: fullResult('client-1', { exitCode: 1, ...run }, 2000),
    transcript: [],
  };
}

const sends = (n: number, gap = 500): Array<[number, string]> => Array.from({ length: n }, (_, i) => [100 + i * gap, 'D0:eins']);

describe('giving up', () => {
  it('passes 4 sends and exit code 1', () => {
    expect(judgeGivesUp(observation(sends(4)))).toMatchObject({ status: 'passed' });
  });

  it('gives part of the points for a count off by one or exit code 0', () => {
    expect(judgeGivesUp(observation(sends(5)))).toMatchObject({ status: 'failed', fraction: 0.5 });
    expect(judgeGivesUp(observation(sends(4), { exitCode: 0 }))).toMatchObject({ status: 'failed', fraction: 0.5 });
    expect(judgeGivesUp(observation(sends(3), { exitCode: 0 }))).toMatchObject({ status: 'failed', fraction: 0.25 });
    expect(judgeGivesUp(observation(sends(1)))).toMatchObject({ status: 'failed', fraction: 0 });
  });

  it('times out a sender that never gives up, and fails one that goes on without acknowledgement', () => {
    expect(judgeGivesUp(observation(sends(12), { timedOut: true, exitCode: 137 }))).toMatchObject({ status: 'timeout', fraction: 0 });
    const goesOn = judgeGivesUp(observation([[100, 'D0:eins'], [600, 'D1:zwei']], { exitCode: 0 }));
    expect(goesOn.status).toBe('failed');
    expect(goesOn.feedback).toContain('then went on with `D1:zwei` although nothing had been acknowledged');
  });
});

describe('the retransmission timeout', () => {
  it('is measured only between repeats with nothing sent by us in between', () => {
    const obs = observation([[100, 'D0:eins'], [600, 'D0:eins'], [700, 'D1:zwei'], [1300, 'D1:zwei']], {}, [[650, 'A0']]);
    expect(silentRepeatGaps(obs)).toEqual([500, 600]);
    const ackedBetween = observation([[100, 'D0:eins'], [600, 'D0:eins']], {}, [[300, 'A1']]);
    expect(silentRepeatGaps(ackedBetween)).toEqual([]);
  });

  it('must lie between the bounds', () => {
    expect(judgeTimeout([observation(sends(4, 500))]).status).toBe('passed');
    expect(judgeTimeout([observation(sends(4, 50))]).feedback).toContain('too quick');
    expect(judgeTimeout([observation(sends(4, 2000))]).feedback).toContain('too slow');
    expect(judgeTimeout([observation(sends(1))]).feedback).toContain('could not measure');
  });
});

describe('the packet format', () => {
  it('names what is wrong with a packet', () => {
    expect(judgePacketFormat(observation([[1, 'D0:eins\n']])).feedback).toContain('rstrip');
    expect(judgePacketFormat(observation([[1, 'D0 eins']])).feedback).toContain('colon');
    expect(judgePacketFormat(observation([[1, 'D1:eins']])).feedback).toContain('The first packet carries bit 0.');
    expect(judgePacketFormat(observation([[1, 'D0:eins']])).status).toBe('passed');
  });
});

describe('delivery after an old acknowledgement (issue #13)', () => {
  /** `D0:eins` accepted; `D1:zwei` lost with an old A0 instead; the sender goes on with `E0`, a repeat to our receiver. */
  function staleAckTaken(): SenderObservation {
    const obs = observation([[100, 'D0:eins'], [200, 'D1:zwei'], [201, 'E0']], { exitCode: 0 });
    obs.dropAll = false;
    const [first, second, end] = obs.arrivals as [Arrival, Arrival, Arrival];
    first.fate = 'accepted';
    second.fate = 'lost';
    second.fault = 'stale-ack';
    end.fate = 'repeat';
    obs.deliveries = [{ index: 0, payload: 'eins', bit: 0, t: 100 }];
    return obs;
  }

  it('says the end packet arrived but counted as a repeat, and names the old acknowledgement as the cause', () => {
    const finding = judgeDelivery(staleAckTaken());
    expect(finding.status).toBe('failed');
    expect(finding.feedback).toContain('Your end packet `E0` did arrive, but our receiver was still waiting for line 2, so it took `E0` for a repeat of an earlier packet');
    expect(finding.feedback).toContain('Likely cause: the channel lost `D1:zwei` and delivered an old acknowledgement A0 instead');
    expect(finding.feedback).not.toContain('never got the end packet');
  });

  it('says the channel lost the end packet when that is what happened', () => {
    const obs = staleAckTaken();
    (obs.arrivals[2] as Arrival).fate = 'lost';
    expect(judgeDelivery(obs).feedback).toContain('The channel lost your end packet `E0`');
  });

  it('names the old acknowledgement as the cause when the channel struck the end packet with one', () => {
    // Every line arrived; the schedule's stale acknowledgement fell on `E0` (where it falls depends on the seed).
    const obs = observation([[100, 'D0:eins'], [200, 'D1:zwei'], [300, 'E0']], { exitCode: 0 });
    obs.dropAll = false;
    const [first, second, end] = obs.arrivals as [Arrival, Arrival, Arrival];
    first.fate = 'accepted';
    second.fate = 'accepted';
    end.fate = 'lost';
    end.fault = 'stale-ack';
    obs.deliveries = [
      { index: 0, payload: 'eins', bit: 0, t: 100 },
      { index: 1, payload: 'zwei', bit: 1, t: 200 },
    ];
    const finding = judgeDelivery(obs);
    expect(finding.status).toBe('failed');
    expect(finding.feedback).toContain('Our receiver never got your end packet `E0`.\n\nLikely cause: the channel lost `E0` and delivered an old acknowledgement A1 instead');
    expect(finding.feedback).toContain('compare the bit of every acknowledgement');
  });
});
