/**
 * The `abp-receiver` suite: the student's program receives lines from our sender with the
 * alternating-bit protocol and prints them, while the channel in between loses, doubles
 * and delays packets and loses acknowledgements on a schedule drawn from the run's seed.
 */
import type { ClientCheck, ClientSuite } from '../suite.js';
import { type Finding, finish, packetName } from './abp-feedback.js';
import { describeSchedule } from './fault-schedule.js';
import { type ReceiverObservation, type ReceiverScenarioName, receiverScenario } from './receiver-scenario.js';
import { judgeAcks, judgeDelivered, judgeNoDoubles, judgeReacks } from './receiver-verdicts.js';
import { withParams } from '../define-assignment.js';
import { readParams } from '../lib/param-schema.js';
import { receiverCheckParams } from './abp-params.js';

function scheduleOf(obs: ReceiverObservation): string {
  return describeSchedule(obs.episodes, 'receiver', { seed: obs.seed, delayMs: obs.params.delayMs, packetName: (i) => packetName(obs.payloads, i) });
}

/** A check that judges the test's scenario: `params.scenario`, else `fallback`. */
function single(judge: (obs: ReceiverObservation) => Finding, fallback: ReceiverScenarioName) {
  const params = receiverCheckParams(fallback);
  return withParams(params)<ClientCheck>(async (ctx) => {
    const obs = await receiverScenario(ctx, readParams(params, ctx.params).scenario);
    return finish(ctx, obs.transcript, judge(obs), scheduleOf(obs));
  });
}

export const abpReceiverSuite = {
  id: 'abp-receiver',
  role: 'client',
  transport: 'udp',
  checks: {
    acks: single(judgeAcks, 'clean'),
    delivery: single(judgeDelivered, 'clean'),
    'reacks-repeats': single(judgeReacks, 'duplicates'),
    'prints-once': single(judgeNoDoubles, 'duplicates'),
  },
} satisfies ClientSuite;
