// The dashboard's boot (issue #9): who is signed in, the header, then the router. Plain
// ES modules, no build step, no outside resources (CSP `default-src 'self'`). Every
// string from the server goes in as text (lib/dom.js).
import { api, onUnauthorized, problemOf, setCsrfToken } from './lib/api.js';
import { h, replace } from './lib/dom.js';
import { language, setLanguage, t } from './lib/i18n.js';
import { startRouter } from './lib/router.js';

const byId = (id) => document.getElementById(id);
const main = byId('main');
let user = null;
let router = null;

/** Nav links per role: real links, so they open in a new tab, can be copied, work without the router. */
function navLinks() {
  if (!user) return [];
  const links = [['/', 'nav.home']];
  if (user.role === 'teacher') links.push(['/assignments', 'nav.assignments'], ['/gradebook', 'nav.gradebook'], ['/students', 'nav.students']);
  return links;
}

function markCurrentLink() {
  for (const link of byId('nav').querySelectorAll('a')) {
    const href = link.getAttribute('href');
    const current = href === '/' ? location.pathname === '/' : location.pathname === href || location.pathname.startsWith(`${href}/`);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** The header in the current language, for the current user (or nobody). */
function renderHeader() {
  byId('skip-link').textContent = t('app.skip');
  byId('lang-label').textContent = t('lang.label');
  byId('lang').value = language();
  const nav = byId('nav');
  nav.setAttribute('aria-label', t('nav.label'));
  replace(nav, navLinks().map(([href, key]) => h('a', { href }, t(key))));
  nav.hidden = !user;
  byId('who').hidden = !user;
  byId('who').textContent = user ? t('user.signedInAs', { name: user.name, role: t(`user.role.${user.role}`) }) : '';
  byId('signout').hidden = !user;
  byId('signout').textContent = t('signout.button');
  markCurrentLink();
}

/** The sign-in form, at whatever URL was asked for: after signing in, that page shows. */
function showSignIn(message = '') {
  user = null;
  setCsrfToken(null);
  router?.stop();
  renderHeader();
  const status = h('p', { id: 'signin-message', class: 'message', role: 'status' }, message);
  const name = h('input', { name: 'name', id: 'signin-name', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', { name: 'password', id: 'signin-password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
  const button = h('button', { type: 'submit' }, t('signin.submit'));
  const form = h(
    'form',
    { id: 'signin-form', class: 'stack' },
    h('label', { for: 'signin-name' }, t('signin.name')),
    name,
    h('label', { for: 'signin-password' }, t('signin.password')),
    password,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = t('signin.busy');
    const result = await api('POST', '/api/session', { name: name.value, password: password.value });
    button.disabled = false;
    if (result.status !== 201) {
      status.textContent = problemOf(result, t);
      return;
    }
    form.reset();
    await signedIn(result.data);
  });
  replace(main, h('section', { id: 'signin', class: 'signin' }, h('h1', {}, t('signin.title')), form, status));
  document.title = `${t('signin.title')} · ${t('app.name')}`;
  name.focus();
}

async function signedIn(session) {
  user = session.user;
  setCsrfToken(session.csrfToken);
  renderHeader();
  router ??= startRouter(main, { getUser: () => user, onRendered: markCurrentLink });
  await router.render();
}

byId('lang').addEventListener('change', (event) => {
  setLanguage(event.target.value);
  if (user) {
    renderHeader();
    router?.render();
  } else showSignIn();
});

byId('signout').addEventListener('click', async () => {
  const result = await api('DELETE', '/api/session');
  if (result.status !== 204) {
    alertInMain(problemOf(result, t));
    return;
  }
  showSignIn(t('signout.done'));
});

function alertInMain(message) {
  main.prepend(h('p', { class: 'message error', role: 'alert' }, message));
}

onUnauthorized(() => {
  if (user) showSignIn(t('signin.expired'));
});

const session = await api('GET', '/api/session');
if (session.status === 200) await signedIn(session.data);
else showSignIn(session.status === 401 ? '' : problemOf(session, t));
