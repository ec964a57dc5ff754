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
    ['x'.repeat(256), /longer than 255/],
    ['__proto__', /not allowed/],
  ])('refuses %j', (name, message) => {
    expect(submissionNameProblem(name)).toMatch(message);
  });

  it('refuses a name that is a file and a folder at once', () => {
    expect(submissionNamesProblem(['a.py', 'a.py/b.py'])).toMatch(/both a file and a folder/);
    expect(submissionNamesProblem(['lib/a.py', 'lib/b.py', 'server.py'])).toBeNull();
  });
});
