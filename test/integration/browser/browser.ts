/**
 * Shared helpers for the dashboard's browser tests (issue #9): Debian's chromium driven
 * by playwright-core (never a browser download), signing in through the real form,
 * screenshots at desktop and phone width, and a log of script errors.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go: `test-artifacts/screenshots/<page>-<width>.png` (git-ignored). */
export const SCREENSHOT_DIR = resolve('test-artifacts', 'screenshots');

/** The two widths every page is shown at: a laptop and a small phone. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
] as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}, and it is missing. Install the Debian package: \`apt-get install chromium\` ` +
        '(scripts/host-setup.sh should install it). The test never downloads a browser.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** An HTTP server on 127.0.0.1:0 for `handler`; resolves its base URL. */
export async function listen(handler: RequestListener): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

/**
 * Collects what would show in the console as a problem: script errors, CSP violations,
 * failed loads, and any `alert`/`confirm` dialog (which an injected script would open).
 */
export function watchProblems(page: Page): { problems: string[]; dialogs: string[] } {
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  page.on('pageerror', (error) => void problems.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { problems, dialogs };
}

/** What Chromium logs for the 401 of `GET /api/session` before signing in: expected, not a problem. */
export const UNAUTHORIZED_LOG = 'Failed to load resource: the server responded with a status of 401 (Unauthorized)';

/** The problems but the 401s Chromium logs before signing in. */
export function unexpectedProblems(problems: readonly string[]): string[] {
  return problems.filter((problem) => problem !== UNAUTHORIZED_LOG);
}

/** Signs in through the form at `url` (any page path: that page shows afterwards). */
export async function signIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url);
  await page.locator('#signin-form').waitFor();
  await page.getByLabel(/^(Name)$/).fill(name);
  await page.getByLabel(/^(Password|Passwort)$/).fill(password);
  await page.locator('#signin-form button[type=submit]').click();
  await page.locator('#who').waitFor({ state: 'visible' });
}

/** The page as it is now, at both widths: `<dir>/<name>-1280.png` and `<name>-375.png`. Restores the viewport. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  const written: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const path = join(SCREENSHOT_DIR, `${name}-${viewport.width}.png`);
    await page.screenshot({ path, fullPage: true });
    written.push(path);
  }
  if (before) await page.setViewportSize(before);
  return written;
}

/** Whether the page is wider than its viewport (a phone would have to scroll sideways). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * Every visible text whose colour has less than `min`:1 contrast (WCAG 2.x relative
 * luminance) against the first opaque background behind it. Returns them as
 * `text (ratio)` for a readable failure; [] when all pass.
 */
export function lowContrastTexts(page: Page, min = 4.5): Promise<string[]> {
  return page.evaluate((minimum) => {
    const parse = (color: string): [number, number, number, number] => {
      const m = color.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const background = (el: Element | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] >= 0.99) return bg;
      }
      return [255, 255, 255, 1];
    };
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el || !el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('[hidden], .visually-hidden, .skip-link, option')) continue;
      const fg = parse(style.color);
      const l1 = luminance(fg);
      const l2 = luminance(background(el));
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < minimum) bad.push(`${text.slice(0, 40)} (${ratio.toFixed(2)}:1)`);
    }
    return bad;
  }, min);
}
