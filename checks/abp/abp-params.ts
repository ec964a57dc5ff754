/**
 * The knobs a teacher can turn (assignment or test `params`), each with the default the
 * exercise sheets describe. If you change a default here, change the sheet's numbers too.
 */
import { oneOf, paramDefaults, readParams } from '../lib/param-schema.js';

/**
 * Grading a student's sender: our side is the receiver behind a lossy channel. Each param
 * typed once with its default (issue #14); the assignment gives them all (`assignments.ts`).
 */
export const SENDER_DEFAULTS = paramDefaults({
  /** Retransmissions of one packet before the sender must give up (so `retries + 1` sends); at most 20. */
  retries: 3,
  /** Shortest accepted retransmission timeout. */
  timeoutMinMs: 200,
  /** Longest accepted retransmission timeout (at least `timeoutMinMs`); the sheet asks for 500 ms. */
  timeoutMaxMs: 1000,
  /** Payload lines in the mixed `lossy` scenario, 1..12. */
  payloads: 8,
  /** Share of the packets after the first that the `lossy` scenario disturbs (0..1). */
  faultDensity: 0.75,
  /** How long a delayed acknowledgement is held; longer than the sheet's timeout, shorter than giving up. */
  delayMs: 600,
});

/** Grading a student's receiver: our side is the sender behind a lossy channel. */
export const RECEIVER_DEFAULTS = paramDefaults({
  /** Our sender's retransmission timeout (at least 50). */
  peerTimeoutMs: 300,
  /** Our sender's retransmissions of one packet before it gives up; at most 20. */
  peerRetries: 6,
  /** Payload lines in the mixed `lossy` scenario, 1..12. */
  payloads: 8,
  /** Share of the data packets after the first that the `lossy` scenario disturbs (0..1). */
  faultDensity: 0.75,
  /** How long a delayed data packet is held; longer than our timeout, so a copy follows it. */
  delayMs: 450,
  /** After the acknowledgement we waited for: how long we wait for the ones still owed for copies. */
  settleMs: 150,
});

export type SenderScenarioName = 'clean' | 'data-loss' | 'ack-loss' | 'stale-ack' | 'lossy' | 'dead';
export type ReceiverScenarioName = 'clean' | 'duplicates' | 'lossy';

export const SENDER_SCENARIOS: readonly SenderScenarioName[] = ['clean', 'data-loss', 'ack-loss', 'stale-ack', 'lossy', 'dead'];
export const RECEIVER_SCENARIOS: readonly ReceiverScenarioName[] = ['clean', 'duplicates', 'lossy'];

/**
 * A sender check judging one scenario: `scenario`, by default the one the check is for. An
 * unknown name falls back to that default too (before issue #14 a sender check took `clean`
 * then, unlike the receiver's; no built-in test gives one).
 */
export function senderCheckParams(scenario: SenderScenarioName) {
  return paramDefaults({ ...SENDER_DEFAULTS, scenario: oneOf(SENDER_SCENARIOS, scenario) });
}

/** A receiver check judging one scenario: `scenario`, by default the one the check is for. */
export function receiverCheckParams(scenario: ReceiverScenarioName) {
  return paramDefaults({ ...RECEIVER_DEFAULTS, scenario: oneOf(RECEIVER_SCENARIOS, scenario) });
}

/** The sender params after their bounds. */
export interface SenderParams {
  retries: number;
  timeoutMinMs: number;
  timeoutMaxMs: number;
  payloads: number;
  faultDensity: number;
  delayMs: number;
}

/** The receiver params after their bounds. */
export interface ReceiverParams {
  peerTimeoutMs: number;
  peerRetries: number;
  payloads: number;
  faultDensity: number;
  delayMs: number;
  settleMs: number;
}

export function senderParams(params: Record<string, unknown>): SenderParams {
  const p = readParams(SENDER_DEFAULTS, params);
  return {
    retries: Math.min(20, Math.floor(p.retries)),
    timeoutMinMs: p.timeoutMinMs,
    timeoutMaxMs: Math.max(p.timeoutMinMs, p.timeoutMaxMs),
    payloads: clampInt(p.payloads, 1, 12),
    faultDensity: Math.min(1, p.faultDensity),
    delayMs: p.delayMs,
  };
}

export function receiverParams(params: Record<string, unknown>): ReceiverParams {
  const p = readParams(RECEIVER_DEFAULTS, params);
  return {
    peerTimeoutMs: Math.max(50, p.peerTimeoutMs),
    peerRetries: Math.min(20, Math.floor(p.peerRetries)),
    payloads: clampInt(p.payloads, 1, 12),
    faultDensity: Math.min(1, p.faultDensity),
    delayMs: p.delayMs,
    settleMs: p.settleMs,
  };
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}
