import express, { Router } from 'express';
import { existsSync } from 'node:fs';
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

/** `GET /` and its files: the sign-in page (`web/public/`). */
export function publicRouter(dir: string = publicDir()): Router {
  const router = Router();
  router.use(
    express.static(dir, {
      index: 'index.html',
      dotfiles: 'ignore',
      setHeaders: (res) => {
        res.setHeader('Content-Security-Policy', PAGE_CSP);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        // Revalidated on every load (ETag): a new version of the page shows at once.
        res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  return router;
}
