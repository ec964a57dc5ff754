import type { z } from 'zod';
import { BadRequestError } from '../errors.js';

/**
 * The body checked against `schema`, or a 400 naming the first wrong field the way the
 * existing routes do: "`score`: Expected number, received string."
 */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BadRequestError(`\`${issue.path.join('.') || 'body'}\`: ${issue.message}.`);
}
