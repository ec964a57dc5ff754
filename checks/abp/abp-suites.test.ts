/** Both abp suites against in-process Node fakes with short timeouts: the logic, fast. */
import { describe, expect, it } from 'vitest';
import { runFakePeer } from '../testing/run-fake-peer.js';
import type { AssignmentDefinition } from '../types.js';
import { abpReceiver, abpSender } from './assignments.js';
import { type FakeReceiverBehavior, type FakeSenderBehavior, startFakeReceiver, startFakeSender } from './testing/fake-abp-students.js';
import { abpReceiverSuite } from './receiver-checks.js';
import { abpSenderSuite } from './sender-checks.js';

const suites = { 'abp-sender': abpSenderSuite, 'abp-receiver': abpReceiverSuite };

/** The fakes time out after 40 ms; the channel's delays and our sender's timer are scaled down to match. */
function fast(assignment: AssignmentDefinition, params: Record<string, unknown>): AssignmentDefinition {
  return { ...structuredClone(assignment), params: { ...assignment.params, ...params }, limits: { ...assignment.limits, clientRunMs: 3000, runMs: 30_000 } };
}
const sender = fast(abpSender, { timeoutMinMs: 15, timeoutMaxMs: 100, delayMs: 60 });
const receiver = fast(abpReceiver, { peerTimeoutMs: 40, delayMs: 60, settleMs: 30 });

const gradeSender = (behavior: FakeSenderBehavior) => runFakePeer(sender, (request) => startFakeSender(behavior, request), { suites });
const gradeReceiver = (behavior: FakeReceiverBehavior) => runFakePeer(receiver, (request) => startFakeReceiver(behavior, request), { suites });

describe('abp-sender suite', () => {
  it('gives a correct sender full marks from six client runs', async () => {
    const result = await gradeSender('correct');
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.grader.starts).toHaveLength(6);
    const clean = result.grader.starts[0];
    expect(clean?.stdin).toBe('Hallo Empfänger!\nGrüße aus Köln\nUhrzeit: 12:30\n');
    expect(clean?.args[0]).toBe('127.0.0.1');
    expect(result.feedback['gives-up']).toContain('4 times (the first send and 3 retransmissions)');
  });

  it('grades the wrong senders as their Python twins are graded', async () => {
    const [noRetransmission, noAlternation, ignoresBit] = await Promise.all([gradeSender('no-retransmission'), gradeSender('no-alternation'), gradeSender('ignores-ack-bit')]);
    expect(noRetransmission.score.score).toBe(45);
    expect(noRetransmission.grader.statuses()).toMatchObject({ 'lost-data': 'failed', 'lost-ack': 'failed', 'stale-ack': 'passed', timeout: 'failed', 'gives-up': 'failed' });
    expect(noAlternation.score.score).toBe(25);
    expect(noAlternation.feedback.alternates).toContain('has the same bit as the packet before it');
    expect(ignoresBit.score.score).toBe(75);
    expect(ignoresBit.feedback['stale-ack']).toContain('Right away');
  });

  it('fails a sender that sends nothing, pointing at sys.argv', async () => {
    const result = await gradeSender('silent');
    expect(result.score.score).toBe(0);
    expect(result.feedback['packet-format']).toContain('sys.argv[1]');
  });
});

describe('abp-receiver suite', () => {
  it('gives a correct receiver full marks from three client runs', async () => {
    const result = await gradeReceiver('correct');
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.grader.starts).toHaveLength(3);
  });

  it('grades the wrong receivers as their Python twins are graded', async () => {
    const [printsRepeats, noReack] = await Promise.all([gradeReceiver('prints-repeats'), gradeReceiver('no-reack')]);
    expect(printsRepeats.grader.statuses()).toEqual({ acks: 'passed', 'clean-channel': 'passed', 'reacks-repeats': 'passed', 'prints-once': 'failed', 'lossy-channel': 'failed' });
    expect(noReack.grader.statuses()).toEqual({ acks: 'passed', 'clean-channel': 'passed', 'reacks-repeats': 'failed', 'prints-once': 'passed', 'lossy-channel': 'failed' });
    expect(noReack.feedback['lossy-channel']).toContain('Our sender gave up on');
  });

  it('fails a receiver that never says hello: we cannot know where it is', async () => {
    const quick = { ...receiver, limits: { ...receiver.limits, clientRunMs: 300 } };
    const result = await runFakePeer(quick, (request) => startFakeReceiver('no-hello', request), { suites });
    expect(result.score.score).toBe(0);
    expect(result.grader.results().every((r) => r.status === 'timeout')).toBe(true);
    expect(result.feedback.acks).toContain('Start by sending `H`');
  });
});
