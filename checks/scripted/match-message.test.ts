import { describe, expect, it } from 'vitest';
import { matchMessage, subsetProblem } from './match-message.js';
import { brokenPlaceholder, substitute, variablesIn } from './template.js';

const vars = new Map([['n', '42'], ['name', 'a.b']]);
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('matchMessage', () => {
  it('compares exact text and hex, and says why they differ', () => {
    expect(matchMessage({ kind: 'text', text: 'n=${n}' }, bytes('n=42'), vars)).toEqual({ ok: true, captures: {} });
    expect(matchMessage({ kind: 'hex', hex: 'ff00' }, Buffer.from([0xff, 0]), vars).ok).toBe(true);
    const wrong = matchMessage({ kind: 'text', text: 'OK' }, bytes('OK\n'), vars);
    expect(wrong).toMatchObject({ ok: false, why: 'expected `OK` (2 bytes), but got `OK\\n` (3 bytes). Your answer has a line break at the end that does not belong there.' });
  });

  it('compares a line without its ending', () => {
    expect(matchMessage({ kind: 'line', text: 'OK' }, bytes('OK\r\n'), vars).ok).toBe(true);
    expect(matchMessage({ kind: 'line', text: 'OK' }, bytes('ok\n'), vars)).toMatchObject({ ok: false, why: expect.stringContaining('Only upper and lower case differ.') });
  });

  it('captures named groups, with variables in the pattern taken literally', () => {
    expect(matchMessage({ kind: 'regex', pattern: '^(?<who>\\w+) got ${name}$', flags: '' }, bytes('ada got a.b\n'), vars)).toEqual({ ok: true, captures: { who: 'ada' } });
    // `.` of the variable's value is no wildcard.
    expect(matchMessage({ kind: 'regex', pattern: '^x ${name}$', flags: '' }, bytes('x aXb'), vars).ok).toBe(false);
  });

  it('reads a number with a tolerance, and names a number hidden in text', () => {
    expect(matchMessage({ kind: 'number', value: '${n}', tolerance: 0 }, bytes(' 42\n'), vars).ok).toBe(true);
    expect(matchMessage({ kind: 'number', value: '10', tolerance: 0.5 }, bytes('10.4'), vars).ok).toBe(true);
    expect(matchMessage({ kind: 'number', value: '10', tolerance: 0.5 }, bytes('10.6'), vars)).toMatchObject({ ok: false, why: 'expected the number `10 (± 0.5)`, but got `10.6`.' });
    expect(matchMessage({ kind: 'number', value: '13', tolerance: 0 }, bytes('Quersumme: 13'), vars)).toMatchObject({ ok: false, why: expect.stringContaining('contains the right number, but also other text') });
  });

  it('matches a JSON subset: objects by keys, lists item by item', () => {
    expect(matchMessage({ kind: 'json', subset: { ok: true, items: [{ id: '${n}' }] } }, bytes('{"ok":true,"extra":1,"items":[{"id":"42","x":0}]}'), vars).ok).toBe(true);
    expect(subsetProblem({ items: [1, 2] }, { items: [1] }, vars, '')).toBe('items has 1 items, not 2');
    expect(subsetProblem({ a: { b: 'x' } }, { a: { b: 'y' } }, vars, '')).toBe('a.b is "y", not "x"');
    expect(matchMessage({ kind: 'json', subset: {} }, bytes('not json'), vars)).toMatchObject({ ok: false, why: expect.stringContaining('not valid JSON') });
  });
});

describe('templates', () => {
  it('substitutes known variables, keeps $${ literal and finds broken placeholders', () => {
    expect(substitute('${n} and $${n} and ${other}', vars)).toBe('42 and ${n} and ${other}');
    expect(variablesIn('${a}${b}${a}$${c}')).toEqual(['a', 'b']);
    expect(brokenPlaceholder('x ${1a}')).toBe('${1a}');
    expect(brokenPlaceholder('$${ok} ${fine}')).toBeNull();
  });
});
