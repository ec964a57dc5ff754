import { z } from 'zod';
import { assignmentFileSchema } from '../assignment-file-schema.js';

/**
 * A scripted assignment file (issue #14, `kind: scripted`): no base; the tests are
 * scripts the generic reference peer runs. Deadline, late policy, budget, visibility and
 * limits are those of every assignment file. The steps themselves are checked by
 * `compileScript`, which words its own messages (a did-you-mean per step key).
 */

export const FRAMINGS = ['raw', 'line', 'crlf', 'nul', 'length-prefixed'] as const;
export const PROBES = ['none', 'echo', 'speaks-first'] as const;

const ms = (max: number) => z.number().int('must be a whole number of milliseconds').min(0, 'must not be negative').max(max, `must be at most ${max} ms`);

const scriptedTest = z
  .object({
    id: z.string().max(64, 'is longer than 64 characters').regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes, e.g. `set-then-get`'),
    name: z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    /** Left out: the sum of the steps' points. */
    points: z.number().min(0, 'must not be negative').max(10_000, 'must be at most 10000').optional(),
    visibility: assignmentFileSchema.shape.visibility,
    /** `role: server`: the steps of our clients. */
    script: z.array(z.unknown()).min(1, 'has no steps; write at least a `connect` (or `socket`), a `send` and an `expect`').optional(),
    /** `role: client`: our mock server's steps, played on every connection of the program. */
    server: z.array(z.unknown()).optional(),
    /** `role: client`: argv after the host and port we pass. */
    args: z.array(z.union([z.string(), z.number()])).max(20, 'has more than 20 arguments').optional(),
    /** `role: client`: what we type on stdin (then it is closed). */
    stdin: z.string().max(64 * 1024, 'is longer than 65536 characters').optional(),
    /** `role: client`: what the program must print (text, line, regex, number or json). */
    stdout: z.unknown().optional(),
    /** `role: client`: the exit code it must end with. */
    exitCode: z.number().int('must be a whole number').min(0, 'must be 0 to 255').max(255, 'must be 0 to 255').optional(),
  })
  .strict();

export const scriptedFileSchema = assignmentFileSchema
  .omit({ basedOn: true, openBase: true, params: true, tests: true })
  .extend({
    kind: z.literal('scripted'),
    /** `server`: students write a server, our script is its clients; `client`: students write a client, our script is the server (TCP). */
    role: z.enum(['server', 'client']),
    transport: z.enum(['tcp', 'udp']),
    /** Where messages end on every TCP connection unless a `connect` says otherwise. @defaultValue 'raw' */
    framing: z.enum(FRAMINGS).optional(),
    /** For `length-prefixed`: the prefix's bytes, big-endian. @defaultValue 4 */
    prefixBytes: z.union([z.literal(1), z.literal(2), z.literal(4)]).optional(),
    /** A server that listens on several sockets: which answers like the protocol. @defaultValue 'none' (the first) */
    probe: z.enum(PROBES).optional(),
    timing: z
      .object({ replyMs: ms(60_000).optional(), settleMs: ms(10_000).optional(), graceMs: ms(10_000).optional(), exitReportMs: ms(10_000).optional() })
      .strict()
      .optional(),
    wireFaults: z
      .object({ writeMode: z.enum(['whole', 'coalesced', 'bytewise', 'chunked']).optional(), readDelayMs: ms(1000).optional() })
      .strict()
      .optional(),
    tests: z.array(scriptedTest).min(1, 'lists no test; a scripted assignment needs at least one'),
  });

export type ScriptedFile = z.infer<typeof scriptedFileSchema>;

/** Fields of each object of a scripted file, for did-you-mean on unknown keys (see describeIssue). */
export const SCRIPTED_FIELDS: Record<string, readonly string[]> = {
  '': Object.keys(scriptedFileSchema.shape),
  description: ['en', 'de'],
  tests: Object.keys(scriptedTest.shape),
  limits: ['startupMs', 'testMs', 'clientRunMs', 'runMs'],
  late: ['policy', 'penaltyPercentPerDay', 'maxDaysLate'],
  budget: ['submissions', 'perHours'],
  timing: ['replyMs', 'settleMs', 'graceMs', 'exitReportMs'],
  wireFaults: ['writeMode', 'readDelayMs'],
};
