/**
 * An API on 127.0.0.1:0 over a real in-memory SQLite store and a queue fake that checks
 * payloads like the real one: for HTTP tests of routes that need no worker.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { jobIdFor, parseGradingJob, type GradingJobData } from '../../grader/jobs.js';
import { createApp, type AppDeps } from '../app.js';
import { loadAssignmentCatalog } from '../assignment-catalog.js';
import { hashApiToken, hashPassword, newApiToken, type ScryptParams } from '../auth/index.js';
import { SubmissionEvents } from '../events/submission-events.js';
import type { GradingQueuePort } from '../queue/grading-queue.js';
import { openStore, type Store } from '../store/index.js';

/**
 * A cheap scrypt cost for tests (1 MiB, about a millisecond), so a test signing in a
 * few times does not spend seconds hashing. The harness's app uses it unless a test
 * passes `auth.hashing`; one test proves the real default (web/auth/password-upgrade.test.ts).
 */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/** A password hash at `TEST_SCRYPT`: for users a test signs in as. */
export function testPasswordHash(password: string): Promise<string> {
  return hashPassword(password, TEST_SCRYPT);
}

export class FakeQueue implements GradingQueuePort {
  readonly jobs: ReturnType<typeof parseGradingJob>[] = [];
  readonly discarded: string[] = [];
  /** Job ids a worker holds: `discard` cannot take them out. */
  readonly held = new Set<string>();
  /** How long `discard` takes, as a round trip to Redis does: lets parallel requests interleave. */
  discardDelayMs = 0;
  fail = false;

  async enqueue(job: GradingJobData): Promise<void> {
    if (this.fail) throw new Error('Redis is down');
    this.jobs.push(parseGradingJob(job));
  }

  async enqueueMany(jobs: GradingJobData[]): Promise<void> {
    for (const job of jobs) await this.enqueue(job);
  }

  async discard(submissionId: string, generation: number): Promise<boolean> {
    const jobId = jobIdFor(submissionId, generation);
    if (this.discardDelayMs) await new Promise((resolve) => setTimeout(resolve, this.discardDelayMs));
    if (this.held.has(jobId)) return false;
    this.discarded.push(jobId);
    return true;
  }

  jobIds(): string[] {
    return this.jobs.map((job) => jobIdFor(job.submissionId, job.generation));
  }
}

export interface ApiResponse {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** What `request` sends besides the method and path. */
export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Cookies, `X-CSRF-Token`, `Origin`, a `Content-Type` for a raw body. */
  headers?: Record<string, string>;
  /** Sent as JSON, with its Content-Type. */
  json?: unknown;
  /** Sent as it is: FormData (which sets its own Content-Type) or a raw string or bytes. */
  body?: RequestInit['body'];
}

export interface ApiHarness {
  store: Store;
  queue: FakeQueue;
  events: SubmissionEvents;
  base: string;
  /** A user with a fresh API token; with `passwordHash` it can sign in with a password too. */
  addUser(name: string, role: 'student' | 'teacher', options?: { passwordHash?: string }): { id: number; token: string };
  /** A JSON request; a string `body` is sent as it is, with the JSON Content-Type (for broken JSON). */
  api(method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse>;
  /** Any request `api` cannot make: multipart or raw bodies, cookies, CSRF and origin headers. */
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function startApiHarness(options: Partial<Omit<AppDeps, 'store' | 'queue' | 'events'>> = {}): Promise<ApiHarness> {
  const store = openStore(':memory:');
  const queue = new FakeQueue();
  const events = new SubmissionEvents();
  const auth = { ...options.auth, hashing: options.auth?.hashing ?? { params: TEST_SCRYPT } };
  const server: Server = createServer(createApp({ store, queue, events, ...options, auth }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  async function request(method: string, path: string, init: RequestOptions = {}): Promise<ApiResponse> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (CSV, SSE, an empty 204): the test reads `text`.
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }
  return {
    store,
    queue,
    events,
    base,
    addUser(name, role, options = {}) {
      const user = store.users.create({ name, role, ...options });
      const token = newApiToken();
      store.users.addToken(user.id, hashApiToken(token), 'test');
      return { id: user.id, token };
    },
    api(method, path, token, body) {
      if (typeof body === 'string') return request(method, path, { token, headers: { 'content-type': 'application/json' }, body });
      return request(method, path, { token, json: body });
    },
    request,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      store.close();
    },
  };
}

/** The harness with teachers' assignment files (name → YAML or JSON) in a scratch folder of their own, removed by `close`. */
export async function startApiHarnessWithFiles(files: Record<string, string>, options: Partial<Omit<AppDeps, 'store' | 'queue' | 'events' | 'assignments'>> = {}): Promise<ApiHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'sockgrade-assignment-files-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const harness = await startApiHarness({ ...options, assignments: await loadAssignmentCatalog(dir) });
  return {
    ...harness,
    async close() {
      await harness.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One parsed Server-Sent Event. */
export interface SseEvent {
  event: string;
  data: any;
}

/**
 * Reads an SSE stream until the server closes it (or `signal` aborts), parsing events
 * per the WHATWG rules the server uses: `event:` and one `data:` line, blank line ends.
 */
export async function readEventStream(url: string, token: string, onEvent: (event: SseEvent) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, ...(signal ? { signal } : {}) });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = new Map(block.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]));
      if (fields.has('event')) onEvent({ event: fields.get('event')!, data: JSON.parse(fields.get('data') ?? 'null') });
    }
  }
}
