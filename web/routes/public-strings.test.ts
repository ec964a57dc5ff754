import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publicDir } from './public-router.js';

// Every text of the interface in English and German (issue #9). The page modules are
// plain browser ES modules; importing them needs only what i18n.js reads at load.
describe('the dashboard’s strings', () => {
  it('has each key in both English and German, in every page and shared module', async () => {
    // defineProperty: newer Node versions have a read-only global `navigator`.
    Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en-US'] }, configurable: true });
    Object.defineProperty(globalThis, 'document', { value: { documentElement: {} }, configurable: true });
    const dir = publicDir();
    const modules: string[] = [];
    for (const folder of ['lib', 'pages']) {
      for (const name of await readdir(join(dir, folder))) if (name.endsWith('.js')) modules.push(join(dir, folder, name));
    }
    const i18n = await import(pathToFileURL(join(dir, 'lib/i18n.js')).href);
    for (const file of modules) {
      const module = await import(pathToFileURL(file).href);
      if (module.strings) i18n.register(module.strings);
    }
    expect(modules.length).toBeGreaterThan(15);
    expect(i18n.missingTranslations()).toEqual([]);
    // And the check can fail.
    i18n.register({ en: { 'probe.only-en': 'x' } });
    expect(i18n.missingTranslations()).toEqual(['de: probe.only-en']);
  });
});
