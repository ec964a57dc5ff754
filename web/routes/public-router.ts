import express, { Router, type Response } from 'express';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where the page's files are. They are served from the source folder `web/public` in
 * both layouts: this module runs as `web/routes/` (vitest, from source) or as
 * `dist/web/routes/` (`npm start`, compiled), and tsc copies no `.html`/`.js`/`.css`.
 * Serving the one source folder needs no copy step in the build and can never serve a
 * stale copy.
 */
export function publicDir(): string {
  const candidates = [resolve(here, '../public'), resolve(here, '../../../web/public')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`The browser page is missing: no index.html in ${candidates.join(' or ')}.`);
  return found;
}

/**
 * No outside resources, no inline script or style, no framing (clickjacking), forms
 * post only to us. The page needs nothing else.
 */
export const PAGE_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The dashboard's pages (issue #9). Each answers the one `index.html`, whose router
 * renders the page from the URL: reloads and bookmarks work. Anything else that is not a
 * file stays a 404.
 */
export const PAGE_PATHS = ['/', '/assignments', '/assignments/:id', '/assignments/:id/stats', '/submissions/:id', '/gradebook', '/students'];

/**
 * highlight.js's theme for the exercise sheets' code: a11y-light is made for WCAG
 * contrast (4.5:1 on its background). Served from node_modules, so nothing is copied.
 */
const VENDOR_FILES: Record<string, string> = {
  'highlight.css': 'highlight.js/styles/a11y-light.min.css',
};

function pageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // Revalidated on every load (ETag): a new version of the page shows at once.
  res.setHeader('Cache-Control', 'no-cache');
}

/** The dashboard: its page paths, its files (`web/public/`) and `/vendor/` styles. */
export function publicRouter(dir: string = publicDir()): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  router.get(PAGE_PATHS, (_req, res) => {
    pageHeaders(res);
    res.sendFile(index);
  });
  const require = createRequire(import.meta.url);
  for (const [name, module] of Object.entries(VENDOR_FILES)) {
    const file = require.resolve(module);
    router.get(`/vendor/${name}`, (_req, res) => {
      pageHeaders(res);
      res.sendFile(file);
    });
  }
  router.use(express.static(dir, { index: false, dotfiles: 'ignore', setHeaders: pageHeaders }));
  return router;
}
