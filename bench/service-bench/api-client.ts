/** A submission as `GET /api/submissions[/:id]` shows it (the fields the bench reads). */
export interface SubmissionView {
  id: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  score: number | null;
  maxScore: number | null;
  error: string | null;
}

export class ApiError extends Error {
  readonly code = 'BENCH_API_ERROR';
}

/** The service's JSON API over real HTTP, as a class's scripts would call it. */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  /** Answers the body of a reply with status `expect`; anything else is an `ApiError` naming the call. */
  async call<T>(method: string, path: string, token: string, opts: { body?: unknown; expect?: number } = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status !== (opts.expect ?? 200)) {
      throw new ApiError(`${method} ${path} answered ${response.status}, expected ${opts.expect ?? 200}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
  }
}
