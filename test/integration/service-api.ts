import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadServiceConfig, type ServiceConfig } from '../../web/config.js';
import { fixturesDir } from './harness.js';

/**
 * The service's settings as `npm start` reads them, from these variables only (not the
 * test process's environment: a REDIS_URL there must not replace the private Redis
 * these tests stop and start). Port 0 on loopback.
 */
export function serviceConfigFrom(env: Record<string, string>): ServiceConfig {
  return loadServiceConfig({ PORT: '0', HOST: '127.0.0.1', ...env });
}

export type ServiceApi = (method: string, path: string, token: string | undefined, body?: unknown) => Promise<{ status: number; body: any }>;

/** JSON over real HTTP with a bearer token, as a CLI or CI client talks to the service. */
export function serviceApi(url: string): ServiceApi {
  return async (method, path, token, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
}

/** A student account made by the teacher; returns its API token. */
export async function addStudent(api: ServiceApi, teacherToken: string, name: string): Promise<string> {
  const { status, body } = await api('POST', '/api/users', teacherToken, { name });
  if (status !== 201) throw new Error(`could not add ${name}: ${status} ${JSON.stringify(body)}`);
  return body.token as string;
}

/** The JSON upload of a fixture submission: `{assignment, files: {name: base64}}`. */
export async function fixtureUpload(assignment: string, caseName: string): Promise<{ assignment: string; files: Record<string, string> }> {
  const source = await readFile(resolve(fixturesDir, assignment, caseName, 'server.py'));
  return { assignment, files: { 'server.py': source.toString('base64') } };
}

/** What `expected.json` says the fixture `<assignment>/<case>` scores, test by test. */
export async function expectedFixture(key: string): Promise<{ score: number; maxScore: number; statuses: Record<string, string> }> {
  const all = JSON.parse(await readFile(resolve(fixturesDir, 'expected.json'), 'utf8')) as Record<string, { score: number; maxScore: number; statuses: Record<string, string> }>;
  const { score, maxScore, statuses } = all[key] ?? {};
  if (score === undefined || maxScore === undefined || !statuses) throw new Error(`expected.json has no ${key}`);
  return { score, maxScore, statuses };
}

/** The same three figures of a graded submission, from `GET /api/submissions/:id`. */
export function gradedAs(submission: { report: { score: number; maxScore: number; tests: { id: string; status: string }[] } | null }) {
  const report = submission.report;
  if (!report) return null;
  return { score: report.score, maxScore: report.maxScore, statuses: Object.fromEntries(report.tests.map((test) => [test.id, test.status])) };
}

/** Polls until the submission is `done` or `error`; returns its last view either way. */
export async function waitUntilFinished(api: ServiceApi, id: string, token: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api('GET', `/api/submissions/${id}`, token);
    if (body.status === 'done' || body.status === 'error' || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * How often each event of one job was published on the queue's event stream
 * (`bull:<queue>:events`): the record of what workers did, independent of the database,
 * whose guarded updates would hide a second result.
 */
export async function jobEventCounts(redisUrl: string, queueName: string, jobId: string): Promise<Record<string, number>> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const entries = await redis.xrange(`bull:${queueName}:events`, '-', '+');
    const counts: Record<string, number> = {};
    for (const [, fields] of entries) {
      const values = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!);
      if (values.get('jobId') !== jobId) continue;
      const event = values.get('event')!;
      counts[event] = (counts[event] ?? 0) + 1;
    }
    return counts;
  } finally {
    redis.disconnect();
  }
}
