import { describe, expect, it } from 'vitest';
import { entryNameHint, missingEntryMessage } from './entry-name-hint.js';

const server = { entry: 'server.py', role: 'server' as const };

describe('feedback for a missing entry file (issue #13)', () => {
  it('hints at upper/lower case when Server.py came instead of server.py', () => {
    expect(missingEntryMessage(server, ['Server.py'])).toBe(
      'Your submission has no `server.py`, so there was no server to test. Files found: `Server.py`. `Server.py` differs from `server.py` only in upper/lower case: file names are case-sensitive here (unlike on Windows or macOS), so rename it to `server.py`. Name your server program `server.py` and submit it at the top level.',
    );
  });

  it('hints at a folder when the entry is nested', () => {
    expect(entryNameHint('client.py', ['abgabe/client.py', 'README.txt'])).toBe('`abgabe/client.py` is inside a folder: put `client.py` at the top level of your submission, not in a folder.');
  });

  it('shows control characters in file names escaped, never raw', () => {
    const text = missingEntryMessage(server, ['\u001b[2J\u001b[Hserver.py', 'a\nb.py']);
    expect(text).toContain('`\\x1b[2J\\x1b[Hserver.py`');
    expect(text).toContain('`a\\nb.py`');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('gives no hint when nothing resembles the entry, and says when the submission is empty', () => {
    expect(entryNameHint('server.py', ['main.py'])).toBeNull();
    expect(missingEntryMessage(server, [])).toContain('The submission is empty.');
  });

  it('names every accepted file and its language when the assignment takes C and Java too (issue #14)', () => {
    const echo = { ...server, otherRuntimes: ['c', 'java'] as ('c' | 'java')[] };
    expect(missingEntryMessage(echo, ['server.cpp'])).toBe(
      'Your submission has no `server.py`, `server.c` or `Server.java`, so there was no server to test. Files found: `server.cpp`. Name your server program `server.py` (Python), `server.c` (C) or `Server.java` (Java) and submit it at the top level.',
    );
    expect(missingEntryMessage(echo, ['server.java'])).toContain('`server.java` differs from `Server.java` only in upper/lower case');
  });
});
