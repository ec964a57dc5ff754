import { z } from 'zod';
import { TEST_VISIBILITIES, type TestVisibility } from './assignment-policy.js';

/**
 * One teacher-defined assignment file, as written. Every object is strict: a typo such
 * as `deadlne` is an error, never a setting that silently does nothing. Messages here
 * finish the sentence "<file>:<line>: <path>: …"; `describeIssue` words the rest.
 */

export const ASSIGNMENT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID_RULE = 'use lowercase letters, digits and single dashes, e.g. `echo-ws2026`';

/** Bounds of teacher limits: the whole run at most 10 minutes, so a class's burst still drains. */
export const LIMIT_BOUNDS = {
  startupMs: { min: 100, max: 120_000 },
  testMs: { min: 100, max: 120_000 },
  clientRunMs: { min: 100, max: 120_000 },
  runMs: { min: 1_000, max: 600_000 },
} as const;

const id = z.string().max(64, 'is longer than 64 characters').regex(ASSIGNMENT_ID_PATTERN, ID_RULE);
const text = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);
const params = z.record(z.string(), z.unknown());
const visibility = z.enum(TEST_VISIBILITIES as [TestVisibility, ...TestVisibility[]]);

const limitMs = (name: keyof typeof LIMIT_BOUNDS) =>
  z
    .number()
    .int('must be a whole number of milliseconds')
    .min(LIMIT_BOUNDS[name].min, `must be at least ${LIMIT_BOUNDS[name].min} ms`)
    .max(LIMIT_BOUNDS[name].max, `must be at most ${LIMIT_BOUNDS[name].max} ms (${LIMIT_BOUNDS[name].max / 60_000} minutes)`);

/** Kept as written (no trim): leading spaces and the final newline are Markdown too. */
const markdown = z.string().max(100_000, 'is longer than 100000 characters').refine((value) => value.trim() !== '', 'is empty');
const description = z.union([
  markdown,
  z
    .object({ en: markdown.optional(), de: markdown.optional() })
    .strict()
    .refine((value) => value.en !== undefined || value.de !== undefined, 'needs `en:` or `de:` (or both) with the exercise sheet in Markdown'),
]);

const testEntry = z
  .object({
    id,
    /** A new test copied from this test of the base, with its own id, name and params. */
    from: z.string().optional(),
    name: text(200).optional(),
    points: z.number().min(0, 'must not be negative').max(10_000, 'must be at most 10000').optional(),
    /** Merged over the base test's params. */
    params: params.optional(),
    visibility: visibility.optional(),
  })
  .strict();

const late = z
  .object({
    policy: z.enum(['accept', 'reject', 'penalty']),
    penaltyPercentPerDay: z.number().gt(0, 'must be more than 0').max(100, 'must be at most 100').optional(),
    maxDaysLate: z.number().gt(0, 'must be more than 0').max(365, 'must be at most 365').optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.policy === 'penalty' && value.penaltyPercentPerDay === undefined) {
      ctx.addIssue({ code: 'custom', path: ['penaltyPercentPerDay'], message: 'is missing: say how many percent of the score a late day costs, e.g. `penaltyPercentPerDay: 10`' });
    }
    if (value.policy !== 'penalty' && value.penaltyPercentPerDay !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['penaltyPercentPerDay'], message: `has no effect with \`policy: ${value.policy}\`; use \`policy: penalty\` or remove it` });
    }
    if (value.policy === 'reject' && value.maxDaysLate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['maxDaysLate'], message: 'has no effect with `policy: reject` (nothing is taken after the deadline); use `accept` or `penalty`, or remove it' });
    }
  });

const budget = z
  .object({
    submissions: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000'),
    perHours: z.number().gt(0, 'must be more than 0').max(24 * 14, 'must be at most 336 (two weeks)'),
  })
  .strict();

export const assignmentFileSchema = z
  .object({
    id,
    /** The built-in assignment whose check suite, role, transport, runtime and tests this one starts from. */
    basedOn: z.string(),
    /**
     * Students may still hand in to the base: without it, the base is closed to them, so
     * it cannot serve as an oracle for this file's hidden tests. @defaultValue false
     */
    openBase: z.boolean().optional(),
    title: text(200),
    summary: text(500).optional(),
    description: description.optional(),
    entry: z.string().optional(),
    /** The language students write in (issue #14); the entry defaults to its name for the role. @defaultValue the base's */
    runtime: z.enum(['python', 'c', 'java']).optional(),
    params: params.optional(),
    tests: z.array(testEntry).min(1, 'lists no test; list at least one, or leave `tests` out to keep all of the base').optional(),
    limits: z
      .object({
        startupMs: limitMs('startupMs').optional(),
        testMs: limitMs('testMs').optional(),
        clientRunMs: limitMs('clientRunMs').optional(),
        runMs: limitMs('runMs').optional(),
      })
      .strict()
      .optional(),
    /** Of every test without its own `visibility`. @defaultValue 'visible' */
    visibility: visibility.optional(),
    deadline: z.string().optional(),
    late: late.optional(),
    budget: budget.optional(),
  })
  .strict();

export type AssignmentFile = z.infer<typeof assignmentFileSchema>;
export type AssignmentFileTest = NonNullable<AssignmentFile['tests']>[number];
