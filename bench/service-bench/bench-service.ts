import { randomBytes } from 'node:crypto';
import { loadServiceConfig } from '../../web/config.js';
import { startService, type RunningService } from '../../web/service.js';
import type { ApiClient } from './api-client.js';
import { mapLimited } from './map-limited.js';

export interface BenchService {
  service: RunningService;
  /** The teacher API token set through `adminToken`. */
  teacherToken: string;
}

/**
 * The service as `npm start` runs it, with its own data dir: a private `redis-server`, a fresh
 * SQLite database, the HTTP API on a free loopback port and an in-process worker.
 */
export async function startBenchService(opts: { dataDir: string; concurrency: number; distDir: string; log: (line: string) => void }): Promise<BenchService> {
  const teacherToken = `sgk_bench_${randomBytes(16).toString('hex')}`;
  // Through the environment's names, so defaults derived from the data dir (teachers'
  // assignment files) follow it instead of pointing into the working directory.
  const config = loadServiceConfig({
    SOCKGRADE_DATA_DIR: opts.dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SOCKGRADE_ADMIN_TOKEN: teacherToken,
    SOCKGRADE_WORKER_CONCURRENCY: String(opts.concurrency),
  });
  const service = await startService(config, { distDir: opts.distDir, log: opts.log });
  return { service, teacherToken };
}

/** One student account per submission (no password: the API token is all a script needs); answers their tokens. */
export async function createStudents(api: ApiClient, teacherToken: string, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `student-${String(i + 1).padStart(3, '0')}`);
  return mapLimited(names, 8, async (name) => {
    const created = await api.call<{ token: string }>('POST', '/api/users', teacherToken, { body: { name, role: 'student' }, expect: 201 });
    return created.token;
  });
}
