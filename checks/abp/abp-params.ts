/**
 * The knobs a teacher can turn (assignment or test `params`), each with the default the
 * exercise sheets describe. If you change a default here, change the sheet's numbers too.
 */
import { numberParam } from '../lib/params.js';

/** Grading a student's sender: our side is the receiver behind a lossy channel. */
export interface SenderParams {
  /** Retransmissions of one packet before the sender must give up (so `retries + 1` sends). @defaultValue 3 */
  retries: number;
  /** Shortest accepted retransmission timeout. @defaultValue 200 */
  timeoutMinMs: number;
  /** Longest accepted retransmission timeout; the sheet asks for 500 ms. @defaultValue 1000 */
  timeoutMaxMs: number;
  /** Payload lines in the mixed `lossy` scenario. @defaultValue 8 */
  payloads: number;
  /** Share of the packets after the first that the `lossy` scenario disturbs (0..1). @defaultValue 0.75 */
  faultDensity: number;
  /** How long a delayed acknowledgement is held; longer than the sheet's timeout, shorter than giving up. @defaultValue 600 */
  delayMs: number;
}

/** Grading a student's receiver: our side is the sender behind a lossy channel. */
export interface ReceiverParams {
  /** Our sender's retransmission timeout. @defaultValue 300 */
  peerTimeoutMs: number;
  /** Our sender's retransmissions of one packet before it gives up. @defaultValue 6 */
  peerRetries: number;
  /** Payload lines in the mixed `lossy` scenario. @defaultValue 8 */
  payloads: number;
  /** Share of the data packets after the first that the `lossy` scenario disturbs (0..1). @defaultValue 0.75 */
  faultDensity: number;
  /** How long a delayed data packet is held; longer than our timeout, so a copy follows it. @defaultValue 450 */
  delayMs: number;
  /** After the acknowledgement we waited for: how long we wait for the ones still owed for copies. @defaultValue 150 */
  settleMs: number;
}

export const SENDER_DEFAULTS: Readonly<SenderParams> = Object.freeze({
  retries: 3,
  timeoutMinMs: 200,
  timeoutMaxMs: 1000,
  payloads: 8,
  faultDensity: 0.75,
  delayMs: 600,
});

export const RECEIVER_DEFAULTS: Readonly<ReceiverParams> = Object.freeze({
  peerTimeoutMs: 300,
  peerRetries: 6,
  payloads: 8,
  faultDensity: 0.75,
  delayMs: 450,
  settleMs: 150,
});

export function senderParams(params: Record<string, unknown>): SenderParams {
  const d = SENDER_DEFAULTS;
  const timeoutMinMs = numberParam(params, 'timeoutMinMs', d.timeoutMinMs);
  return {
    retries: Math.min(20, Math.floor(numberParam(params, 'retries', d.retries))),
    timeoutMinMs,
    timeoutMaxMs: Math.max(timeoutMinMs, numberParam(params, 'timeoutMaxMs', d.timeoutMaxMs)),
    payloads: clampInt(numberParam(params, 'payloads', d.payloads), 1, 12),
    faultDensity: Math.min(1, numberParam(params, 'faultDensity', d.faultDensity)),
    delayMs: numberParam(params, 'delayMs', d.delayMs),
  };
}

export function receiverParams(params: Record<string, unknown>): ReceiverParams {
  const d = RECEIVER_DEFAULTS;
  return {
    peerTimeoutMs: Math.max(50, numberParam(params, 'peerTimeoutMs', d.peerTimeoutMs)),
    peerRetries: Math.min(20, Math.floor(numberParam(params, 'peerRetries', d.peerRetries))),
    payloads: clampInt(numberParam(params, 'payloads', d.payloads), 1, 12),
    faultDensity: Math.min(1, numberParam(params, 'faultDensity', d.faultDensity)),
    delayMs: numberParam(params, 'delayMs', d.delayMs),
    settleMs: numberParam(params, 'settleMs', d.settleMs),
  };
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}
