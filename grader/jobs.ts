/**
 * The grading queue's contract: queue name, job ids, the job payload and its options.
 * This is what web/ may import from the grader; it pulls in no Docker code.
 */
import { z } from 'zod';
import type { JobsOptions } from 'bullmq';
import { assignmentDefinitionSchema } from './assignment-schema.js';
import type { GradingReport } from './report.js';
import { DEFAULT_SUBMISSION_LIMITS, formatBytes, type SubmissionFiles } from './submission-files.js';
import { submissionNamesProblem } from './submission-names.js';
import { TIMING_MARKS } from './timings/index.js';

/** @defaultValue queue name of the service and of `sockgrade worker` */
export const GRADING_QUEUE_NAME = 'sockgrade-grading';

/** A job carries the files themselves (workers hold no database), so they are capped. */
export const MAX_JOB_FILES_BYTES = DEFAULT_SUBMISSION_LIMITS.maxTotalBytes;
export const MAX_JOB_FILES = DEFAULT_SUBMISSION_LIMITS.maxFiles;

/** Submission ids are short random strings: `[A-Za-z0-9_-]`, so a job id never has a `:`. */
export const SUBMISSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const JOB_ID_PATTERN = /^sub-([A-Za-z0-9_-]{1,64})(?:\.g([1-9][0-9]{0,8}))?$/;

/**
 * The job id of one grading of a submission: `sub-<id>` for the first, `sub-<id>.g<n>`
 * for the n-th regrade. BullMQ job ids must not contain `:` (it builds Redis keys from
 * them) and must not be all digits (those look like its own counter ids). One grading,
 * one job id: enqueueing twice is a no-op, and a late event of an earlier grading names
 * its generation, so it cannot overwrite the result of a later one.
 */
export function jobIdFor(submissionId: string, generation = 0): string {
  if (!SUBMISSION_ID_PATTERN.test(submissionId)) throw new JobPayloadError(`\`${submissionId}\` is not a submission id.`);
  if (!Number.isSafeInteger(generation) || generation < 0) throw new JobPayloadError(`\`${generation}\` is not a grading generation.`);
  return generation === 0 ? `sub-${submissionId}` : `sub-${submissionId}.g${generation}`;
}

/** The submission and generation a job id names, or null when the job is not one of ours. */
export function parseJobId(jobId: string | undefined): { submissionId: string; generation: number } | null {
  const match = JOB_ID_PATTERN.exec(jobId ?? '');
  return match ? { submissionId: match[1]!, generation: match[2] ? Number(match[2]) : 0 } : null;
}

/** The submission id in a job id, or null when the job is not one of ours. */
export function submissionIdOfJob(jobId: string | undefined): string | null {
  return parseJobId(jobId)?.submissionId ?? null;
}

/** A job that can never be graded as it is (bad payload): the worker fails it without retries. */
export class JobPayloadError extends Error {
  readonly code = 'JOB_INVALID';
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes a canonical base64 string decodes to, without decoding it. */
export function base64DecodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64.test(text);
}

/** Files by name, contents base64: JSON-safe for any bytes. */
export const encodedFilesSchema = z.record(z.string(), z.string()).superRefine((files, ctx) => {
  const names = Object.keys(files);
  if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'The submission has no files.' });
  if (names.length > MAX_JOB_FILES) ctx.addIssue({ code: 'custom', message: `The submission has more than ${MAX_JOB_FILES} files.` });
  const nameProblem = submissionNamesProblem(names);
  if (nameProblem) ctx.addIssue({ code: 'custom', message: nameProblem });
  let total = 0;
  for (const [name, content] of Object.entries(files)) {
    if (!isBase64(content)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `The content of \`${name}\` is not base64.` });
      return;
    }
    total += base64DecodedLength(content);
  }
  if (total > MAX_JOB_FILES_BYTES) {
    ctx.addIssue({ code: 'custom', message: `The submission is larger than ${formatBytes(MAX_JOB_FILES_BYTES)}.` });
  }
});

export const gradingJobSchema = z
  .object({
    submissionId: z.string().regex(SUBMISSION_ID_PATTERN),
    /** 0 for the first grading, n for the n-th regrade: part of the job id. */
    generation: z.number().int().nonnegative().default(0),
    assignment: assignmentDefinitionSchema,
    files: encodedFilesSchema,
  })
  .strict();

export type GradingJobData = z.input<typeof gradingJobSchema>;

/**
 * Checks a payload on enqueue and again on pick-up (Redis is shared; what comes out is
 * not trusted more than what goes in). With `jobId`, the payload must belong to it.
 */
export function parseGradingJob(data: unknown, jobId?: string): z.output<typeof gradingJobSchema> {
  const parsed = gradingJobSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new JobPayloadError(`Invalid grading job${where}: ${issue.message}`);
  }
  if (jobId !== undefined && jobId !== jobIdFor(parsed.data.submissionId, parsed.data.generation)) {
    throw new JobPayloadError(`Job \`${jobId}\` carries grading ${parsed.data.generation} of submission \`${parsed.data.submissionId}\`.`);
  }
  return parsed.data;
}

export function encodeFiles(files: ReadonlyMap<string, Buffer>): Record<string, string> {
  return Object.fromEntries([...files].map(([name, content]) => [name, content.toString('base64')]));
}

export function decodeFiles(files: Record<string, string>): SubmissionFiles {
  return new Map(Object.entries(files).map(([name, content]) => [name, Buffer.from(content, 'base64')]));
}

/** What a running job reports after each test, for the API's status and event stream. */
export interface GradingJobProgress {
  testsDone: number;
  testsTotal: number;
  /** The test that just finished. */
  test?: { id: string; status: string };
}

export const gradingJobProgressSchema: z.ZodType<GradingJobProgress> = z.object({
  testsDone: z.number().int().nonnegative(),
  testsTotal: z.number().int().nonnegative(),
  test: z.object({ id: z.string(), status: z.string() }).optional(),
});

const comparePayloadSchema = z.object({
  text: z.string().nullable(),
  hex: z.string().optional(),
  bytes: z.number(),
  shownBytes: z.number().optional(),
});

/** A test's expected vs received (checks/types.ts `Comparison`). */
const comparisonSchema = z.object({ expected: comparePayloadSchema, received: comparePayloadSchema, label: z.string().optional() });

const timingMarksSchema = z.object(Object.fromEntries(TIMING_MARKS.map((mark) => [mark, z.number().finite().optional()])));

/** A report's `timings`; never a reason to refuse a report (see `gradingReportSchema`). */
const gradingTimingsSchema = z.object({
  startedAt: z.string().datetime(),
  marks: timingMarksSchema,
  phases: z.array(z.object({ phase: z.enum(TIMING_MARKS), ms: z.number().finite(), machineCpuMs: z.number().finite().nullable() })).max(TIMING_MARKS.length),
  tests: z.array(z.object({ id: z.string().max(200), startMs: z.number().finite(), endMs: z.number().finite() })).max(1000),
});

/**
 * A job's result as the API receives it: the report of `sockgrade grade --json`. Checked
 * loosely (the shape the API relies on) and stored as it came.
 */
export const gradingReportSchema: z.ZodType<GradingReport, z.ZodTypeDef, unknown> = z
  .object({
    assignment: z.string(),
    score: z.number(),
    maxScore: z.number(),
    durationMs: z.number(),
    tests: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          score: z.number(),
          maxScore: z.number(),
          status: z.enum(['passed', 'failed', 'error', 'timeout']),
          feedback: z.string(),
          transcript: z.array(z.any()),
          compare: comparisonSchema.optional(),
          output: z.object({ stdout: z.string(), stderr: z.string(), cutBytes: z.number() }).optional(),
        })
        .passthrough(),
    ),
    logs: z.object({ stdout: z.string(), stderr: z.string() }),
    groups: z
      .array(
        z.object({
          visibility: z.enum(['visible', 'hidden-until-deadline', 'hidden']),
          tests: z.array(z.string()),
          durationMs: z.number(),
          logs: z.object({ stdout: z.string(), stderr: z.string() }),
        }),
      )
      .optional(),
    // Diagnostics, not the grade: malformed ones are dropped, the report still counts.
    timings: gradingTimingsSchema.optional().catch(undefined),
  })
  .passthrough();

/**
 * Job options of every grading job. Retries are for our faults only (Docker down, image
 * missing): a student's failing program is a report, never a thrown error, and a bad
 * payload fails at once with `UnrecoverableError`. The API removes a completed job once
 * its report is in the database; these bounds only apply while no API records results
 * (it is down): long enough to collect them at its next start, short enough that Redis,
 * which holds every job's files in memory, does not fill up.
 */
export const GRADING_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 2_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 1_000 },
} as const satisfies JobsOptions;
