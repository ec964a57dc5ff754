// The sign-in page: plain JavaScript, no build step, no outside resources (the CSP is
// `default-src 'self'`). Every string from the server goes in through textContent.

const state = { csrfToken: null };
const byId = (id) => document.getElementById(id);

/** A JSON call to our own API; the browser adds the session cookie, we add the CSRF token. */
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.csrfToken && method !== 'GET') headers['X-CSRF-Token'] = state.csrfToken;
  try {
    const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { status: response.status, data };
  } catch {
    return { status: 0, data: null };
  }
}

function problem(result) {
  if (result.status === 0) return 'Could not reach the sockgrade server. Is it running?';
  return result.data?.error?.message ?? `The server answered ${result.status}.`;
}

function show(section) {
  for (const id of ['loading', 'signin', 'account']) byId(id).hidden = id !== section;
}

function showSignIn(message = '') {
  state.csrfToken = null;
  byId('signin-message').textContent = message;
  byId('submissions').tBodies[0].replaceChildren();
  show('signin');
  byId('signin-form').elements.name.focus();
}

async function showAccount({ user, csrfToken }) {
  state.csrfToken = csrfToken;
  const teacher = user.role === 'teacher';
  byId('who').textContent = `Signed in as ${user.name} (${user.role})`;
  byId('submissions-title').textContent = teacher ? 'All submissions' : 'Your submissions';
  byId('submissions').classList.toggle('with-student', teacher);
  show('account');
  await loadSubmissions();
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
const score = (s) => (s.score === null || s.score === undefined ? '–' : `${s.score}/${s.maxScore}`);

async function loadSubmissions() {
  const body = byId('submissions').tBodies[0];
  const message = byId('submissions-message');
  const result = await api('GET', '/api/submissions');
  if (result.status === 401) return showSignIn('Your sign-in has ended: sign in again.');
  if (result.status !== 200) {
    message.textContent = problem(result);
    return;
  }
  const rows = result.data.submissions.map((s) => {
    const row = document.createElement('tr');
    row.dataset.id = s.id;
    row.dataset.status = s.status;
    for (const [text, className] of [
      [s.user?.name ?? `#${s.user?.id}`, 'student'],
      [s.assignment, 'assignment'],
      [s.status, 'status'],
      [score(s), 'score'],
      [when(s.createdAt), 'time'],
    ]) {
      const cell = row.insertCell();
      cell.className = className;
      cell.textContent = String(text);
    }
    return row;
  });
  body.replaceChildren(...rows);
  message.textContent = rows.length === 0 ? 'No submissions yet.' : '';
}

byId('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('button');
  button.disabled = true;
  byId('signin-message').textContent = 'Signing in…';
  const result = await api('POST', '/api/session', { name: form.elements.name.value, password: form.elements.password.value });
  button.disabled = false;
  if (result.status !== 201) {
    byId('signin-message').textContent = problem(result);
    return;
  }
  form.reset();
  await showAccount(result.data);
});

byId('signout').addEventListener('click', async () => {
  const result = await api('DELETE', '/api/session');
  if (result.status !== 204) {
    byId('submissions-message').textContent = problem(result);
    return;
  }
  showSignIn('Signed out.');
});

const session = await api('GET', '/api/session');
if (session.status === 200) await showAccount(session.data);
else showSignIn(session.status === 401 ? '' : problem(session));
