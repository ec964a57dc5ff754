import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { PAGE_CSP } from './public-router.js';

let harness: ApiHarness;
beforeAll(async () => {
  harness = await startApiHarness();
});
afterAll(() => harness.close());

describe('the dashboard pages (issue #9)', () => {
  it('answers index.html with the strict CSP on every page path, so reloads and bookmarks work', async () => {
    const shell = await harness.request('GET', '/');
    expect(shell.status).toBe(200);
    expect(shell.text).toContain('<main id="main"');
    for (const path of ['/', '/assignments', '/assignments/echo-tcp-server', '/assignments/echo-tcp-server/stats', '/submissions/abc', '/gradebook', '/students']) {
      const page = await harness.request('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy'), path).toBe(PAGE_CSP);
      expect(page.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(page.text, path).toBe(shell.text);
    }
  });

  it('serves the modules and the highlight.js theme, and still 404s unknown paths and API paths as JSON', async () => {
    for (const path of ['/app.js', '/lib/router.js', '/pages/not-found.js']) {
      const file = await harness.request('GET', path);
      expect(file.status, path).toBe(200);
      expect(file.headers.get('content-type'), path).toMatch(/javascript/);
    }
    const theme = await harness.request('GET', '/vendor/highlight.css');
    expect(theme.status).toBe(200);
    expect(theme.headers.get('content-type')).toMatch(/^text\/css/);
    expect(theme.text).toContain('.hljs');
    for (const path of ['/nope', '/submissions', '/submissions/a/b', '/assignments/a/b/c', '/vendor/other.css']) {
      const missing = await harness.request('GET', path);
      expect(missing.status, path).toBe(404);
      expect(missing.body, path).toEqual({ error: { code: 'NOT_FOUND', message: `There is no GET ${path}.` } });
    }
  });
});
