import { describe, expect, it } from 'vitest';
import { checkRoster, csvFields } from './roster.js';

const rules = {
  nameProblem: (name: string) => (/^[A-Za-z0-9._@-]+$/.test(name) ? null : 'use letters, digits, `.`, `_`, `@` and `-` only'),
  exists: (name: string) => name.toLowerCase() === 'taken',
};

describe('checkRoster', () => {
  it('reads names with and without passwords after an optional header, skipping blank lines', () => {
    const { entries, problems } = checkRoster('\uFEFFName,Password\r\nada,correct-horse\r\n\r\n  bob  \n"cleo","pa,ss""word"\n', rules);
    expect(problems).toEqual([]);
    expect(entries.map(({ line, name, generated }) => [line, name, generated])).toEqual([
      [2, 'ada', false],
      [4, 'bob', true],
      [5, 'cleo', false],
    ]);
    expect(entries[0]!.password).toBe('correct-horse');
    expect(entries[1]!.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(entries[2]!.password).toBe('pa,ss"word');
  });

  it('reports every bad line with its number: bad name, duplicate, existing user, short password, extra fields, open quote', () => {
    const csv = ['ada', 'no spaces', 'ADA', 'taken', 'dan,short', 'eve,a,b', '"fay', ',password1'].join('\n');
    expect(checkRoster(csv, rules).problems).toEqual([
      { line: 2, name: 'no spaces', message: '`no spaces` is not a valid name: use letters, digits, `.`, `_`, `@` and `-` only' },
      { line: 3, name: 'ADA', message: '`ADA` is already on line 1' },
      { line: 4, name: 'taken', message: 'there is already a user `taken`' },
      { line: 5, name: 'dan', message: 'the password is 5 characters; use at least 8, or leave it empty to have one generated' },
      { line: 6, name: 'eve', message: 'has 3 fields; write `name` or `name,password`' },
      { line: 7, name: null, message: 'a quote (`"`) is not closed' },
      { line: 8, name: '', message: 'the name is empty' },
    ]);
  });

  it('refuses an empty roster', () => {
    expect(checkRoster('name,password\n\n', rules).problems).toEqual([{ line: 1, name: null, message: 'the roster holds no names; write one `name[,password]` per line' }]);
  });

  it('splits CSV fields as RFC 4180 says', () => {
    expect(csvFields('a,"b,c",""')).toEqual(['a', 'b,c', '']);
    expect(csvFields('"open')).toBeNull();
  });
});
