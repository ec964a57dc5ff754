import { parseArgs } from 'node:util';

/** What one `npm run bench:service` run measures; flags win over the environment. */
export interface BenchOptions {
  /** Submissions in the burst, one per student. `--count`, `BENCH_COUNT`. @defaultValue 200 */
  count: number;
  /**
   * Grading runs of the service's in-process worker. `--concurrency`, `BENCH_CONCURRENCY`.
   * @defaultValue 8: the best of 2, 4, 6, 8, 10, 12 and 16 in 40-submission bursts on the
   * 2-core machine. A hanging submission mostly waits for its timeouts, so more runs than
   * cores pay off; 6 to 10 are within the noise, from 12 on each run only gets slower.
   */
  concurrency: number;
  /**
   * Submissions graded one by one with `sockgrade grade`, a stratified sample of the same mix;
   * 0 skips the baseline. `--baseline-sample`, `BENCH_BASELINE_SAMPLE`; `--baseline-all`
   * grades all `count`. @defaultValue 20
   */
  baselineSample: number;
  /** Shuffles the burst's order of correct, wrong and hanging submissions. `--seed`. @defaultValue 1 */
  seed: number;
  /** How long the burst may take to be graded before the bench fails. `--timeout-s`. @defaultValue 20 min */
  timeoutMs: number;
  /** Prints the service's log lines as they come. `--verbose`. @defaultValue false */
  verbose: boolean;
  /**
   * Concurrencies to compare (`--sweep 4,6,8,12`): the burst once per value, a table of
   * throughput, latency and CPU per grading, no one-by-one baseline. Empty: one burst at
   * `concurrency`. @defaultValue []
   */
  sweep: number[];
}

export class BenchUsageError extends Error {
  readonly code = 'BENCH_USAGE';
}

export const USAGE =
  'usage: node dist/bench/service-bench.js [--count N] [--concurrency N | --sweep N,N,…] [--baseline-sample N | --baseline-all] [--seed N] [--timeout-s N] [--verbose]';

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        count: { type: 'string' },
        concurrency: { type: 'string' },
        'baseline-sample': { type: 'string' },
        'baseline-all': { type: 'boolean', default: false },
        seed: { type: 'string' },
        'timeout-s': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        sweep: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const count = integer('--count', values.count ?? env.BENCH_COUNT, 200, 1);
  const sample = integer('--baseline-sample', values['baseline-sample'] ?? env.BENCH_BASELINE_SAMPLE, 20, 0);
  return {
    count,
    concurrency: integer('--concurrency', values.concurrency ?? env.BENCH_CONCURRENCY, 8, 1),
    baselineSample: values['baseline-all'] ? count : Math.min(sample, count),
    seed: integer('--seed', values.seed, 1, 0),
    timeoutMs: integer('--timeout-s', values['timeout-s'], 20 * 60, 1) * 1000,
    verbose: values.verbose,
    sweep: values.sweep === undefined ? [] : values.sweep.split(',').map((part) => integer('--sweep', part.trim(), 1, 1)),
  };
}

function integer(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new BenchUsageError(`${flag} must be a whole number ≥ ${min}, not \`${raw}\`.\n${USAGE}`);
  return value;
}
