import { describe, expect, it } from 'vitest';
import { suites } from '../index.js';
import { loadSuites, SUITE_FOLDERS } from './suite-loader.js';

describe('the peer’s suite loader', () => {
  it('lists every registered suite, and loads the very suite object of the registry', async () => {
    expect(Object.keys(SUITE_FOLDERS).sort()).toEqual(Object.keys(suites).sort());
    for (const id of Object.keys(suites)) {
      const loaded = await loadSuites(id);
      expect(loaded[id]).toBe(suites[id]);
    }
  });

  it('loads only the family of the suite asked for', async () => {
    expect(Object.keys(await loadSuites('echo-tcp-server')).sort()).toEqual(['echo-tcp-client', 'echo-tcp-server', 'echo-udp-client', 'echo-udp-server']);
  });

  it('falls back to every suite for an id it does not know', async () => {
    expect(await loadSuites('some-new-suite')).toBe(suites);
    expect(await loadSuites(undefined)).toBe(suites);
    expect(await loadSuites('constructor')).toBe(suites);
  });
});
