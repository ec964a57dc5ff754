import { describe, expect, it } from 'vitest';
import { commonTopFolder, isJunkEntry, normalizeEntryName } from './archive-names.js';

describe('normalizeEntryName', () => {
  it.each([
    ['./hw1/a.py', 'hw1/a.py'],
    ['././a.py', 'a.py'],
    ['hw1/', 'hw1'],
    ['./', ''],
    ['.', ''],
    ['../a.py', '../a.py'],
    ['/etc/x', '/etc/x'],
  ])('%s → %s', (raw, name) => {
    expect(normalizeEntryName(raw)).toBe(name);
  });
});

describe('isJunkEntry', () => {
  it.each(['__MACOSX/hw1/._a.py', 'hw1/.DS_Store', 'hw1/._a.py', 'lib/__pycache__/x.cpython-311.pyc', 'old.pyc', 'Thumbs.db'])('skips %s', (name) => {
    expect(isJunkEntry(name)).toBe(true);
  });
  it.each(['server.py', 'hw1/MACOSX.py', 'pyc.txt', '.env', 'lib/pycache.py'])('keeps %s', (name) => {
    expect(isJunkEntry(name)).toBe(false);
  });
});

describe('commonTopFolder', () => {
  it('finds the one folder every file sits in', () => {
    expect(commonTopFolder(['hw1/a.py', 'hw1/lib/b.py'])).toBe('hw1');
    expect(commonTopFolder(['hw1/a.py'])).toBe('hw1');
  });
  it('finds none when a file is at the top or folders differ', () => {
    expect(commonTopFolder(['hw1/a.py', 'b.py'])).toBeNull();
    expect(commonTopFolder(['hw1/a.py', 'hw2/b.py'])).toBeNull();
    expect(commonTopFolder([])).toBeNull();
  });
});
