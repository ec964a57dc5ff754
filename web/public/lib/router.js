// The history-API router: a URL per page (reload and bookmarks work, since the server
// answers index.html on every page path: web/routes/public-router.ts PAGE_PATHS).
import { register, t } from './i18n.js';
import { replace } from './dom.js';

/**
 * The pages. `teacher: true`: a student gets the not-found page (the API refuses them
 * anyway). A page module exports `async function render(main, ctx)` and optionally
 * `strings = {en: {…}, de: {…}}`.
 */
export const routes = [
  { pattern: '/', page: './pages/home.js' },
  { pattern: '/assignments', page: './pages/assignments.js', teacher: true },
  { pattern: '/assignments/:id', page: './pages/assignment.js' },
  { pattern: '/assignments/:id/stats', page: './pages/stats.js', teacher: true },
  { pattern: '/submissions/:id', page: './pages/submission.js' },
  { pattern: '/gradebook', page: './pages/gradebook.js', teacher: true },
  { pattern: '/students', page: './pages/students.js', teacher: true },
];
const NOT_FOUND = './pages/not-found.js';

/** `/assignments/:id` against `/assignments/echo` → `{id: 'echo'}`; null when it does not match. */
export function match(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const got = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

function resolveRoute(path, user) {
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (params && (!route.teacher || user?.role === 'teacher')) return { route, params };
  }
  return { route: { pattern: null, page: NOT_FOUND }, params: {} };
}

const moduleUrl = (page) => new URL(page, new URL('/', location.href)).href;

/**
 * Starts routing into `main`. `getUser()` is who is signed in now. Returns
 * `{navigate, render}`; `render()` draws the current URL again (after a language switch).
 */
export function startRouter(main, { getUser, onRendered }) {
  let controller = null;
  let generation = 0;

  async function render({ focus = false } = {}) {
    controller?.abort();
    controller = new AbortController();
    const mine = ++generation;
    const signal = controller.signal;
    const user = getUser();
    const { route, params } = resolveRoute(location.pathname, user);
    let module;
    try {
      module = await import(moduleUrl(route.page));
    } catch (error) {
      if (mine !== generation) return;
      replace(main, String(error?.message ?? error));
      return;
    }
    if (mine !== generation) return;
    if (module.strings) register(module.strings);
    main.setAttribute('aria-busy', 'true');
    replace(main);
    const ctx = { user, params, query: new URLSearchParams(location.search), t, navigate, signal, route: route.pattern };
    try {
      await module.render(main, ctx);
    } catch (error) {
      if (signal.aborted) return;
      console.error(error);
    } finally {
      if (mine === generation) main.removeAttribute('aria-busy');
    }
    if (mine !== generation) return;
    const heading = main.querySelector('h1, h2');
    document.title = heading?.textContent ? `${heading.textContent} · ${t('app.name')}` : t('app.name');
    // After a navigation, keyboard and screen-reader users start at the new page's heading.
    if (focus && heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
    onRendered?.(route.pattern);
  }

  function navigate(path, { replace: replaceEntry = false } = {}) {
    const url = new URL(path, location.href);
    if (replaceEntry) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    window.scrollTo(0, 0);
    return render({ focus: true });
  }

  // Same-origin links to a page are handled here; everything else (the CSV download,
  // another site, a new tab, a modifier key) is left to the browser.
  document.addEventListener('click', (event) => {
    if (!getUser() || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    if (!routes.some((route) => match(route.pattern, url.pathname))) return;
    event.preventDefault();
    if (url.href === location.href) return;
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => {
    if (getUser()) render({ focus: true });
  });

  return { navigate, render, stop: () => controller?.abort() };
}
