/** Why a request to the service did not give what was asked; `message` is for the user. */
export class ServiceError extends Error {
  constructor(
    /** `NETWORK`, `TIMEOUT`, or the service's own code (`DEADLINE_PASSED`, `BUDGET_EXHAUSTED`, …). */
    readonly code: string,
    message: string,
    /** The HTTP status, when the service answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServiceError';
  }
}

export interface ServiceRequest {
  method?: string;
  token?: string;
  json?: unknown;
  body?: FormData;
  accept?: string;
  /** For the request and its whole answer; with `stream`, until the headers only. @defaultValue 30 s */
  timeoutMs?: number;
  /** The body is an event stream, read for as long as it takes (under the reader's own idle timeout). */
  stream?: boolean;
  signal?: AbortSignal;
}

/** Talks to one sockgrade service with Node's own fetch. */
export class ServiceClient {
  constructor(readonly baseUrl: string) {}

  /** The response when it is 2xx; otherwise a `ServiceError` with the service's message. */
  async request(path: string, req: ServiceRequest = {}): Promise<Response> {
    const timeoutMs = req.timeoutMs ?? 30_000;
    // A timer of our own rather than AbortSignal.timeout: for a stream it must stop once
    // the headers are in, or it would cut the stream after `timeoutMs`.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    timer.unref();
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: req.method ?? 'GET',
        headers: {
          ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
          ...(req.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(req.accept ? { accept: req.accept } : {}),
        },
        body: req.json !== undefined ? JSON.stringify(req.json) : req.body,
        signal,
      });
    } catch (error) {
      clearTimeout(timer);
      if (req.signal?.aborted) throw req.signal.reason;
      if (timeout.signal.aborted) throw new ServiceError('TIMEOUT', `The sockgrade service at ${this.baseUrl} did not answer within ${timeoutMs / 1000} s.`, undefined, { cause: error });
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new ServiceError('NETWORK', `Cannot reach the sockgrade service at ${this.baseUrl} (${detail}).`, undefined, { cause: error });
    }
    if (req.stream) clearTimeout(timer);
    if (response.ok) return response;
    throw await errorOf(response, this.baseUrl);
  }

  async json<T>(path: string, req: ServiceRequest = {}): Promise<T> {
    const response = await this.request(path, req);
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason;
      throw new ServiceError('BAD_ANSWER', `The answer of ${this.baseUrl} to ${path} broke off or is not JSON (${(error as Error).message}).`, response.status, { cause: error });
    }
  }
}

/** The service's `{error: {code, message}}`, or a sentence naming the status when it is something else (a proxy's page). */
async function errorOf(response: Response, baseUrl: string): Promise<ServiceError> {
  const text = await response.text().catch(() => '');
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  const code = typeof body?.error?.code === 'string' ? body.error.code : `HTTP_${response.status}`;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `${baseUrl} answered ${response.status} ${response.statusText}.`;
  const retryAfter = response.headers.get('retry-after');
  return new ServiceError(code, retryAfter && response.status === 429 ? `${message} (try again in ${retryAfter} s)` : message, response.status);
}
