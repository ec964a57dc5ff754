import { z } from 'zod';
import type { AssignmentDefinition } from '../checks/types.js';

const positiveMs = z.number().int().positive();

/**
 * An assignment definition as it travels in a job: the built-in one with any teacher
 * overrides applied. Unknown keys are kept (`passthrough`), so a field added to
 * `AssignmentDefinition` reaches the peer even before this schema learns about it.
 */
export const assignmentDefinitionSchema: z.ZodType<AssignmentDefinition> = z
  .object({
    id: z.string().min(1).max(100),
    title: z.string(),
    summary: z.string(),
    description: z.object({ en: z.string(), de: z.string() }).passthrough(),
    role: z.enum(['server', 'client']),
    transport: z.enum(['tcp', 'udp']),
    suite: z.string().min(1),
    entry: z.string().min(1),
    runtime: z
      .object({
        id: z.enum(['python', 'c', 'java']).optional(),
        image: z.string().min(1),
        command: z.array(z.string()).min(1),
        build: z
          .object({
            command: z.array(z.string()).min(1),
            compiler: z.string().min(1),
            timeoutMs: positiveMs,
            outputBytes: z.number().int().positive(),
            memoryBytes: z.number().int().positive(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
    otherRuntimes: z.array(z.enum(['python', 'c', 'java'])).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    hostnames: z.array(z.string()).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    tests: z
      .array(
        z
          .object({
            id: z.string().min(1),
            name: z.string(),
            points: z.number().nonnegative(),
            params: z.record(z.string(), z.unknown()).optional(),
            visibility: z.enum(['visible', 'hidden-until-deadline', 'hidden']).optional(),
          })
          .passthrough(),
      )
      .min(1),
    limits: z.object({ startupMs: positiveMs, testMs: positiveMs, clientRunMs: positiveMs, runMs: positiveMs }).passthrough(),
    resources: z
      .object({
        memoryBytes: z.number().int().positive(),
        nanoCpus: z.number().int().positive(),
        pids: z.number().int().positive(),
        openFiles: z.number().int().positive(),
        fileSizeBytes: z.number().int().positive(),
        tmpBytes: z.number().int().positive(),
        workBytes: z.number().int().positive(),
        outputBytes: z.number().int().positive(),
      })
      .passthrough(),
  })
  .passthrough();
