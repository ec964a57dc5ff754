/**
 * The `abp-sender` suite: the student's program sends the lines it reads to our receiver
 * with the alternating-bit protocol, and the channel in between loses, doubles and delays
 * packets and acknowledgements on a schedule drawn from the run's seed.
 */
import type { ClientCheck, ClientCheckContext, ClientSuite } from '../suite.js';
import type { TestOutcome } from '../types.js';
import { type Finding, finish, packetName } from './abp-feedback.js';
import { describeSchedule } from './fault-schedule.js';
import { type SenderObservation, type SenderScenarioName, senderScenario } from './sender-scenario.js';
import {
  judgeAlternates,
  judgeDelivery,
  judgeGivesUp,
  judgeIgnoresStaleAck,
  judgePacketFormat,
  judgeResendsAfterLostAck,
  judgeResendsLostData,
  judgeTimeout,
} from './sender-verdicts.js';
import { withParams } from '../define-assignment.js';
import { readParams } from '../lib/param-schema.js';
import { SENDER_DEFAULTS, senderCheckParams } from './abp-params.js';

function scheduleOf(obs: SenderObservation): string {
  if (obs.dropAll) return 'The channel\'s schedule in this test: every packet is lost, none ever arrives.';
  return describeSchedule(obs.episodes, 'sender', { seed: obs.seed, delayMs: obs.params.delayMs, packetName: (i) => packetName(obs.payloads, i), struck: (i) => obs.triggered.has(i) });
}

function outcome(ctx: ClientCheckContext, obs: SenderObservation, finding: Finding): TestOutcome {
  return finish(ctx, obs.transcript, finding, scheduleOf(obs));
}

/** A check that judges the test's scenario: `params.scenario`, else `fallback`. */
/** A check that judges the test's scenario: `params.scenario`, else `fallback`. */
function single(judge: (obs: SenderObservation) => Finding, fallback: SenderScenarioName = 'clean') {
  const params = senderCheckParams(fallback);
  return withParams(params)<ClientCheck>(async (ctx) => {
    const obs = await senderScenario(ctx, readParams(params, ctx.params).scenario);
    return outcome(ctx, obs, judge(obs));
  });
}

/** The timeout is measured in the scenarios where packets are repeated after silence. */
const timeoutCheck: ClientCheck = async (ctx) => {
  const observations: SenderObservation[] = [];
  for (const name of ['data-loss', 'ack-loss', 'dead'] as const) observations.push(await senderScenario(ctx, name));
  for (const obs of observations) ctx.transcript.include(obs.transcript);
  const finding = judgeTimeout(observations);
  const feedback = `${finding.feedback}\n\nWe measured in the tests on lost packets, lost acknowledgements and giving up.`.replaceAll('{entry}', ctx.assignment.entry);
  return { status: finding.status, feedback, transcript: ctx.transcript.entries() };
};

export const abpSenderSuite = {
  id: 'abp-sender',
  role: 'client',
  transport: 'udp',
  checks: {
    'packet-format': single(judgePacketFormat),
    alternates: single(judgeAlternates),
    delivery: single(judgeDelivery),
    'resends-lost-data': single(judgeResendsLostData, 'data-loss'),
    'resends-after-lost-ack': single(judgeResendsAfterLostAck, 'ack-loss'),
    'ignores-stale-ack': single(judgeIgnoresStaleAck, 'stale-ack'),
    'timeout-in-range': withParams(SENDER_DEFAULTS)(timeoutCheck),
    'gives-up': single(judgeGivesUp, 'dead'),
  },
} satisfies ClientSuite;
