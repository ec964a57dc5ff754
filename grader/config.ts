import { z } from 'zod';

/**
 * The grader's settings from the environment: parsed once at start-up and passed down,
 * so no module reads `process.env` on its own and a typo fails at once with a sentence.
 */
const graderConfigSchema = z.object({
  /** Where sandbox images come from; see `grader/sandbox/images/image-source.ts`. @defaultValue 'auto' */
  imageSource: z.enum(['auto', 'debootstrap', 'pull']).default('auto'),
  /** Print every Docker call of a run to stderr. @defaultValue false */
  debug: z.boolean().default(false),
});

export type GraderConfig = z.infer<typeof graderConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadGraderConfig(env: NodeJS.ProcessEnv): GraderConfig {
  const parsed = graderConfigSchema.safeParse({
    imageSource: env.SOCKGRADE_IMAGE_SOURCE || undefined,
    debug: env.SOCKGRADE_DEBUG ? env.SOCKGRADE_DEBUG !== '0' : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = issue.path[0] === 'imageSource' ? 'SOCKGRADE_IMAGE_SOURCE' : 'SOCKGRADE_DEBUG';
    throw new ConfigError(`${variable} is invalid: ${issue.message}.`);
  }
  return parsed.data;
}
