import type { GraderConfig } from '../config.js';
import { redactRedisUrl, redisConnectionOptions } from '../queue-connection.js';
import { connectDocker } from '../sandbox/docker-connection.js';
import { GradingWorker, loadWorkerConfig } from '../worker/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandLine, withNewline } from './command-line.js';
import { untilSignal } from '../until-signal.js';

const USAGE = 'usage: sockgrade worker [--redis URL] [--concurrency N] [--queue NAME] [--verbose]';

/**
 * `sockgrade worker`: grading capacity for a running service. Started on any Docker host
 * that reaches the service's Redis; runs until SIGTERM or SIGINT, then finishes (or hands
 * back) its running jobs and exits 0.
 */
export async function workerCommand(
  argv: string[],
  io: CliIo,
  deps: { distDir: string; config: GraderConfig; env: NodeJS.ProcessEnv; stop?: Promise<unknown> },
): Promise<number> {
  const parsed = parseCommandLine(argv, { redis: { type: 'string' }, concurrency: { type: 'string' }, queue: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE, io);
  if (parsed === null || parsed === 'help') return 2;
  if (parsed.positionals.length > 0) {
    io.stderr(`unexpected argument \`${parsed.positionals[0]}\`\n${withNewline(USAGE)}`);
    return 2;
  }
  const { values } = parsed;
  const config = loadWorkerConfig(
    {
      ...(values.redis !== undefined ? { redisUrl: values.redis } : {}),
      ...(values.concurrency !== undefined ? { concurrency: values.concurrency } : {}),
      ...(values.queue !== undefined ? { queueName: values.queue } : {}),
    },
    deps.env,
  );
  const verbose = Boolean(values.verbose) || deps.config.debug;
  const log = (line: string) => io.stderr(`[worker] ${line}\n`);
  const worker = await GradingWorker.start({
    connection: redisConnectionOptions(config.redisUrl, 'worker'),
    docker: await connectDocker(),
    distDir: deps.distDir,
    imageSource: deps.config.imageSource,
    queueName: config.queueName,
    concurrency: config.concurrency,
    shutdownGraceMs: config.shutdownGraceMs,
    lockDurationMs: config.lockDurationMs,
    stalledIntervalMs: config.stalledIntervalMs,
    log,
    ...(verbose ? { runLog: log } : {}),
  });
  io.stderr(
    `[worker] grading jobs of queue ${config.queueName} on ${redactRedisUrl(config.redisUrl)}, ${config.concurrency} at a time; Ctrl-C or SIGTERM stops it\n`,
  );
  await (deps.stop ?? untilSignal());
  io.stderr('[worker] stopping: finishing running jobs…\n');
  await worker.close();
  io.stderr('[worker] stopped\n');
  return 0;
}
