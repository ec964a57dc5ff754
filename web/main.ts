/**
 * `sockgrade serve` (and `npm start`): the service in one process. The launcher
 * `bin/sockgrade.js` hands `serve` here; the grader's CLI cannot, because the grader
 * must not import web/ (layers: web → grader → checks).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactRedisUrl } from '../grader/queue-connection.js';
import { loadServiceConfig } from './config.js';
import { startService } from './service.js';
import { tokenLines } from './teacher-token.js';
import { untilSignal } from '../grader/until-signal.js';

/** dist/ — this file is dist/web/main.js once compiled. */
const DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServeIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: ServeIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Runs until SIGINT/SIGTERM (or `stop` settles), then shuts down in order. Exit code 0, or 1 with one sentence. */
export async function runServe(argv: string[], io: ServeIo = processIo, stop?: Promise<unknown>): Promise<number> {
  if (argv.length > 0) {
    io.stderr('usage: sockgrade serve   (configured by environment: PORT, HOST, REDIS_URL, SOCKGRADE_DATA_DIR, … — see the README)\n');
    return 2;
  }
  const log = (line: string) => io.stderr(`[sockgrade] ${line}\n`);
  // Everything the service (and the redis-server it starts) creates is its owner's alone:
  // the database, its -wal and -shm, Redis's AOF, the teacher token (issue #12).
  process.umask(0o077);
  try {
    const config = loadServiceConfig(process.env);
    const service = await startService(config, { distDir: DIST_DIR, log });
    const lines = [
      `sockgrade is running at ${service.url}`,
      ...tokenLines(service.teacherToken, service.url),
      `  data: ${config.dataDir}   redis: ${service.privateRedis ? `private redis-server, ${redactRedisUrl(service.redisUrl)}` : redactRedisUrl(service.redisUrl)}`,
      `  grading: ${config.workerConcurrency > 0 ? `${config.workerConcurrency} at a time in this process` : 'no worker in this process (start `sockgrade worker`)'}`,
      'Ctrl-C stops it.',
    ];
    io.stdout(`${lines.join('\n')}\n`);
    const signal = await (stop ?? untilSignal());
    log(`${typeof signal === 'string' ? signal : 'stop'}: finishing running gradings, then stopping`);
    await service.close();
    log('stopped');
    return 0;
  } catch (error) {
    const coded = error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
    io.stderr(coded ? `${(error as Error).message}\n` : `sockgrade serve failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
