import { defineAssignment } from '../define-assignment.js';
import { DEFAULT_LIMITS } from '../lib/defaults.js';
import { RECEIVER_DEFAULTS, SENDER_DEFAULTS } from './abp-params.js';
import { receiverDescription } from './descriptions-receiver.js';
import { senderDescription } from './descriptions-sender.js';
import { abpReceiverSuite } from './receiver-checks.js';
import { abpSenderSuite } from './sender-checks.js';

/**
 * Six client runs for the sender (each about 1–3 s for a correct one, the give-up run
 * `(retries + 1) × timeoutMaxMs + 2 s` at most), three for the receiver.
 */
const limits = { ...DEFAULT_LIMITS, clientRunMs: 10_000, runMs: 120_000 };

export const abpSender = defineAssignment(abpSenderSuite, {
  id: 'abp-sender',
  title: 'Alternating-bit protocol: sender',
  summary: 'A UDP sender that delivers lines reliably over a lossy channel: sequence bit, timer, retransmission, giving up.',
  description: senderDescription,
  params: { ...SENDER_DEFAULTS },
  tests: [
    { id: 'packet-format', name: 'Packets in the agreed format', points: 10, params: { check: 'packet-format', scenario: 'clean' } },
    { id: 'alternates', name: 'The sequence bit alternates', points: 10, params: { check: 'alternates', scenario: 'clean' } },
    { id: 'clean-channel', name: 'A perfect channel: every line once, in order', points: 15, params: { check: 'delivery', scenario: 'clean' } },
    { id: 'lost-data', name: 'A lost packet is sent again', points: 15, params: { check: 'resends-lost-data', scenario: 'data-loss' } },
    { id: 'lost-ack', name: 'A lost acknowledgement: the packet is sent again', points: 10, params: { check: 'resends-after-lost-ack', scenario: 'ack-loss' } },
    { id: 'stale-ack', name: 'An old acknowledgement is ignored', points: 10, params: { check: 'ignores-stale-ack', scenario: 'stale-ack' } },
    { id: 'lossy-channel', name: 'A bad channel: every line once, in order', points: 15, params: { check: 'delivery', scenario: 'lossy' } },
    { id: 'timeout', name: 'The retransmission timeout', points: 5, params: { check: 'timeout-in-range' } },
    { id: 'gives-up', name: 'Gives up when nothing gets through', points: 10, params: { check: 'gives-up', scenario: 'dead' } },
  ],
  limits,
});

export const abpReceiver = defineAssignment(abpReceiverSuite, {
  id: 'abp-receiver',
  title: 'Alternating-bit protocol: receiver',
  summary: 'A UDP receiver that acknowledges every packet and prints each line exactly once, in order, over a lossy channel.',
  description: receiverDescription,
  params: { ...RECEIVER_DEFAULTS },
  tests: [
    { id: 'acks', name: 'Hello, then an acknowledgement per packet', points: 10, params: { check: 'acks', scenario: 'clean' } },
    { id: 'clean-channel', name: 'A perfect channel: every line printed once, in order', points: 20, params: { check: 'delivery', scenario: 'clean' } },
    { id: 'reacks-repeats', name: 'Repeats are acknowledged again', points: 25, params: { check: 'reacks-repeats', scenario: 'duplicates' } },
    { id: 'prints-once', name: 'Repeats are not printed again', points: 25, params: { check: 'prints-once', scenario: 'duplicates' } },
    { id: 'lossy-channel', name: 'A bad channel: every line printed once, in order', points: 20, params: { check: 'delivery', scenario: 'lossy' } },
  ],
  limits: { ...limits, runMs: 60_000 },
});

export const abpAssignments = [abpSender, abpReceiver];
