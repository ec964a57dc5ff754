import { describe, expect, it } from 'vitest';
import { COURSE_ANSWERS } from './guess-params.js';
import { classifyLine, collapseRuns, comparePrinted, mentionsNumber, printedAnswers } from './printed-answers.js';

describe('classifyLine', () => {
  it.each([
    ['-', 'smaller'],
    ['+', 'larger'],
    ['=', 'correct'],
    ['Antwort: -', 'smaller'],
    ['Antwort vom Server: "+"', 'larger'],
    ['Die gesuchte Zahl ist kleiner.', 'smaller'],
    ['Die gesuchte Zahl ist größer.', 'larger'],
    ['Die gesuchte Zahl ist groesser', 'larger'],
    ['Dein Versuch ist zu groß!', 'smaller'],
    ['Zu klein!', 'larger'],
    ['too high', 'smaller'],
    ['Too low, try again', 'larger'],
    ['The secret number is smaller', 'smaller'],
    ['Richtig! Die Zahl war 37.', 'correct'],
    ['Gewonnen!', 'correct'],
    ['Dein Tipp: Die gesuchte Zahl ist kleiner', 'smaller'],
  ] as const)('%j shows %s', (line, meaning) => {
    expect(classifyLine(line, COURSE_ANSWERS)).toBe(meaning);
  });

  it('is not fooled by arrows', () => {
    expect(classifyLine('85 -> +', COURSE_ANSWERS)).toBe('larger');
    expect(classifyLine('Antwort: "=".', COURSE_ANSWERS)).toBe('correct');
  });

  it.each(['Gib eine Zahl zwischen 1-100 ein:', '-->', 'a+b', 'Versuch: 50', 'Zahl: -5', '', 'Verbunden mit 127.0.0.1', 'Kleinigkeit'])('%j shows no answer', (line) => {
    expect(classifyLine(line, COURSE_ANSWERS)).toBeNull();
  });

  it('takes the first answer in a line', () => {
    expect(classifyLine('zu groß, also kleiner', COURSE_ANSWERS)).toBe('smaller');
    expect(classifyLine('größer als 50? Nein: kleiner', COURSE_ANSWERS)).toBe('larger');
  });

  it('knows the words a teacher configured', () => {
    const words = { smaller: 'K', larger: 'G', correct: 'R' };
    expect(classifyLine('K', words)).toBe('smaller');
    expect(classifyLine('-', words)).toBeNull();
    expect(classifyLine('Kiste', words)).toBeNull();
  });
});

describe('comparePrinted', () => {
  const printed = (...lines: string[]) => printedAnswers(lines.join('\n'), COURSE_ANSWERS);

  it('matches one printed answer per answer, with the result after it', () => {
    expect(comparePrinted(['smaller', 'larger', 'correct'], printed('Tipp?', 'kleiner', 'Tipp?', 'größer', 'Richtig!', 'Die Zahl war 37, gewonnen'))).toEqual({ kind: 'match' });
  });

  it('treats the symbol and a sentence for one answer as one', () => {
    expect(comparePrinted(['smaller', 'larger', 'correct'], printed('-', 'kleiner', '+', 'größer', '=', 'Richtig'))).toEqual({ kind: 'match' });
  });

  it('finds the opposite meaning and where', () => {
    const result = comparePrinted(['smaller', 'larger', 'correct'], printed('kleiner', 'kleiner', 'Richtig'));
    expect(result).toMatchObject({ kind: 'opposite', index: 1, printed: { line: 1, text: 'kleiner' } });
  });

  it('reports a missing answer', () => {
    expect(comparePrinted(['smaller', 'larger', 'correct'], printed('kleiner', 'größer'))).toEqual({ kind: 'missing', index: 2 });
    expect(comparePrinted(['smaller'], printed('nichts'))).toEqual({ kind: 'missing', index: 0 });
  });

  it('reports a different answer', () => {
    expect(comparePrinted(['smaller', 'correct'], printed('kleiner', 'größer'))).toMatchObject({ kind: 'other', index: 1 });
  });

  it('keeps answers that repeat, shown once or twice each', () => {
    expect(comparePrinted(['larger', 'larger', 'correct'], printed('größer', 'größer', 'Richtig'))).toEqual({ kind: 'match' });
    expect(comparePrinted(['larger', 'larger', 'correct'], printed('+', 'größer', '+', 'größer', '=', 'Richtig'))).toEqual({ kind: 'match' });
    expect(comparePrinted(['larger', 'larger', 'correct'], printed('größer', 'Richtig'))).toMatchObject({ kind: 'other', index: 1 });
  });

  it('collapses runs by key', () => {
    expect(collapseRuns([1, 1, 2, 2, 2, 1])).toEqual([1, 2, 1]);
  });
});

describe('mentionsNumber', () => {
  it('finds a number standing alone', () => {
    expect(mentionsNumber('Die Zahl war 37.', 37)).toBe(true);
    expect(mentionsNumber('37', 37)).toBe(true);
    expect(mentionsNumber('(37)', 37)).toBe(true);
    expect(mentionsNumber('137', 37)).toBe(false);
    expect(mentionsNumber('370', 37)).toBe(false);
    expect(mentionsNumber('3.7', 7)).toBe(false);
    expect(mentionsNumber('37.5', 37)).toBe(false);
    expect(mentionsNumber('nach 5 Versuchen', 5)).toBe(true);
  });
});
