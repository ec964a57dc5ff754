// Calls to our own API: the browser sends the session cookie, we add the CSRF token on
// every request that may change something (web/auth/csrf.ts).

let csrfToken = null;

/** Set after sign-in (and from `GET /api/session`); cleared at sign-out. */
export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

/** Listeners told when any call answers 401: the session has ended. */
const unauthorizedListeners = new Set();
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function headersFor(method, json) {
  const headers = { Accept: 'application/json' };
  if (json) headers['Content-Type'] = 'application/json';
  if (csrfToken && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

async function send(method, path, init, signal) {
  let response;
  try {
    response = await fetch(path, { method, credentials: 'same-origin', signal, ...init });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { status: 0, data: null, headers: new Headers() };
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401 && path !== '/api/session') for (const listener of unauthorizedListeners) listener();
  return { status: response.status, data, headers: response.headers };
}

/**
 * `api('GET', '/api/assignments')` → `{status, data, headers}`; status 0 when the server
 * could not be reached. Never throws, except an AbortError when `signal` aborted.
 */
export function api(method, path, body, { signal } = {}) {
  const json = body !== undefined;
  return send(method, path, { headers: headersFor(method, json), body: json ? JSON.stringify(body) : undefined }, signal);
}

/** A multipart POST (the hand-in): the browser sets the multipart Content-Type itself. */
export function upload(path, formData, { signal } = {}) {
  return send('POST', path, { headers: headersFor('POST', false), body: formData }, signal);
}

/**
 * Server-Sent Events: `events('/api/submissions/x/events', {status(data) {…}, done(data) {…}}, {signal})`.
 * Each handler gets the event's parsed JSON. The stream closes on `signal` or after `done`
 * (the server ends it then; EventSource would otherwise reconnect). `error(event)` is
 * told when the connection drops (EventSource retries by itself unless closed).
 */
export function events(path, handlers, { signal } = {}) {
  const source = new EventSource(path, { withCredentials: true });
  const close = () => source.close();
  for (const [name, handler] of Object.entries(handlers)) {
    if (name === 'error') continue;
    source.addEventListener(name, (event) => {
      let data = null;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (name === 'done') close();
      handler(data);
    });
  }
  source.addEventListener('error', (event) => handlers.error?.(event, source));
  signal?.addEventListener('abort', close, { once: true });
  return { close };
}

/** The server's message for a failed call, or one of ours when there was no answer. */
export function problemOf(result, t) {
  if (result.status === 0) return t('error.unreachable');
  return result.data?.error?.message ?? t('error.status', { status: result.status });
}
