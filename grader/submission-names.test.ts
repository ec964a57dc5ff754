import { describe, expect, it } from 'vitest';
import { submissionNameProblem, submissionNamesProblem } from './submission-names.js';

describe('submissionNameProblem', () => {
  it('accepts plain and nested relative names', () => {
    for (const name of ['server.py', 'lib/kodierung.py', '.hidden', 'a b/ü.py', 'x..y.py']) expect(submissionNameProblem(name)).toBeNull();
  });

  it.each([
    ['', /empty name/],
    ['../evil.py', /contains `\.\.`/],
    ['lib/../../evil.py', /contains `\.\.`/],
    ['..', /contains `\.\.`/],
    ['/etc/passwd', /absolute path/],
    ['C:/evil.py', /drive letter/],
    ['lib\\evil.py', /backslash/],
    ['lib//x.py', /empty or `\.` folder/],
    ['./x.py', /empty or `\.` folder/],
    ['lib/', /empty or `\.` folder/],
    ['a\u0000.py', /control character/],
    ['x'.repeat(256), /has 256 bytes \(UTF-8\), at most 255/],
    // Issue #12: 130 × `é` is 130 characters but 260 bytes, more than a Linux file name holds.
    ['é'.repeat(130), /has 260 bytes \(UTF-8\), at most 255/],
    [`${'é'.repeat(128)}/x.py`, /the folder "é{40}…" has 256 bytes/],
    [`${'a/'.repeat(600)}x.py`, /1204 bytes long; a path may have at most 1024 bytes/],
    ['__proto__', /not allowed/],
  ])('refuses %j', (name, message) => {
    expect(submissionNameProblem(name)).toMatch(message);
  });

  it('counts bytes per name, not characters: 127 × `é` (254 bytes) fits, also as a folder and in a long path', () => {
    expect(submissionNameProblem('é'.repeat(127))).toBeNull();
    expect(submissionNameProblem(`${'é'.repeat(127)}/${'ü'.repeat(126)}.py`)).toBeNull();
    expect(submissionNameProblem(`${'ab/'.repeat(300)}x.py`)).toBeNull();
  });

  it('refuses a name that is a file and a folder at once', () => {
    expect(submissionNamesProblem(['a.py', 'a.py/b.py'])).toMatch(/both a file and a folder/);
    expect(submissionNamesProblem(['lib/a.py', 'lib/b.py', 'server.py'])).toBeNull();
  });
});
