/**
 * Issue #11: a server that answers nothing must not cost the full reply wait on every test.
 * Once a test waited its whole reply time and not one byte came back, the server has shown
 * that it does not answer; later tests of the same run wait only {@link SHORT_REPLY_MS}
 * (param `silentReplyMs`) and their feedback says why. Any byte on a later test ends this:
 * the next test waits the full time again. Kept per run, keyed by the run's
 * {@link StudentView} (one object per started server), so checks stay plain functions.
 */
import { formatDuration } from './deadline.js';
import { isParamNumber, type NumberParamKey, type ParamSchema, paramDefaults, readParams } from './param-schema.js';
import type { CheckContextBase, StudentView } from '../suite.js';
import type { TestOutcome } from '../types.js';

/** How long later tests wait for a server that answered nothing before. */
export const SHORT_REPLY_MS = 250;

/** The param of this wrapper: every wrapped check takes it, so its schema spreads this in. */
export const SILENCE_PARAMS = paramDefaults({ silentReplyMs: SHORT_REPLY_MS });

export interface SilenceOptions<S extends ParamSchema> {
  /** The checks' params, whose defaults give the full waits. */
  params: S;
  /**
   * The params that are waits for the server (the first is the reply wait, e.g. `replyMs`):
   * after an earlier silent test each is cut to the short wait for the check.
   */
  waitParams: readonly [NumberParamKey<S>, ...NumberParamKey<S>[]];
}

type SilenceContext = Pick<CheckContextBase, 'params' | 'test'> & { student: StudentView };

/** The earlier test that found the server silent. */
interface Silence {
  testName: string;
  waitedMs: number;
}

const silences = new WeakMap<StudentView, Silence>();

/**
 * Wraps a server check: after an earlier silent test it runs with the short waits; a test
 * with any byte received (in its transcript) ends the silence, a `timeout` without one
 * starts it.
 */
export function silenceAware<C extends SilenceContext, S extends ParamSchema>(check: (ctx: C) => Promise<TestOutcome>, options: SilenceOptions<S>): (ctx: C) => Promise<TestOutcome> {
  return async (ctx) => {
    const fullMs = readParams(options.params, ctx.params)[options.waitParams[0]] as number;
    const silence = silences.get(ctx.student);
    const shortMs = Math.min(fullMs, readParams(SILENCE_PARAMS, ctx.params).silentReplyMs);
    const outcome = await check(silence ? { ...ctx, params: shortened(ctx.params, options.waitParams, shortMs) } : ctx);
    if (outcome.transcript.some((entry) => entry.dir === 'recv')) {
      silences.delete(ctx.student);
      return outcome;
    }
    if (outcome.status !== 'timeout') return outcome;
    if (!silence) {
      silences.set(ctx.student, { testName: ctx.test.name, waitedMs: fullMs });
      return outcome;
    }
    const note = `Your server had not answered the test "${silence.testName}" either (we waited ${formatDuration(silence.waitedMs)} there) and has sent nothing since, so here we waited only ${formatDuration(shortMs)}.`;
    return { ...outcome, feedback: `${outcome.feedback}\n\n${note}` };
  };
}

/** Every check of a suite wrapped by {@link silenceAware}. */
export function silenceAwareChecks<M extends Readonly<Record<string, (ctx: never) => Promise<TestOutcome>>>, S extends ParamSchema>(checks: M, options: SilenceOptions<S>): M {
  // The same keys (and, for `defineAssignment`, the same declared params) as given; every
  // check's context is a server check's, which has what `silenceAware` reads.
  const wrap = (check: unknown) => silenceAware(check as (ctx: SilenceContext) => Promise<TestOutcome>, options);
  return Object.fromEntries(Object.entries(checks).map(([id, check]) => [id, wrap(check)])) as unknown as M;
}

function shortened(params: Record<string, unknown>, names: readonly string[], shortMs: number): Record<string, unknown> {
  const copy = { ...params };
  // A wait the test does not give becomes the short wait itself, whatever its default.
  for (const name of names) {
    const given = params[name];
    copy[name] = isParamNumber(given) ? Math.min(given, shortMs) : shortMs;
  }
  return copy;
}
