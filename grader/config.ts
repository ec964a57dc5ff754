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
  /**
   * How long `sockgrade grade` keeps its pod running after a clean run for the next
   * `sockgrade grade` (issue #11: the next grading starts the student's container only);
   * 0 removes it at once. @defaultValue 300
   */
  keepPodSeconds: z.number().int().min(0).max(3600).default(300),
});

export type GraderConfig = z.infer<typeof graderConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadGraderConfig(env: NodeJS.ProcessEnv): GraderConfig {
  const parsed = graderConfigSchema.safeParse({
    imageSource: env.SOCKGRADE_IMAGE_SOURCE || undefined,
    debug: env.SOCKGRADE_DEBUG ? env.SOCKGRADE_DEBUG !== '0' : undefined,
    keepPodSeconds: env.SOCKGRADE_KEEP_POD_SECONDS ? Number(env.SOCKGRADE_KEEP_POD_SECONDS) : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = ({ imageSource: 'SOCKGRADE_IMAGE_SOURCE', debug: 'SOCKGRADE_DEBUG', keepPodSeconds: 'SOCKGRADE_KEEP_POD_SECONDS' } as const)[issue.path[0] as keyof GraderConfig];
    throw new ConfigError(`${variable} is invalid: ${issue.message}.`);
  }
  return parsed.data;
}
