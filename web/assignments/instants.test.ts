import { describe, expect, it } from 'vitest';
import { formatInstant, formatWait, parseDeadline } from './instants.js';

describe('parseDeadline and formatInstant', () => {
  it.each([
    ['2026-12-20T23:59:00+01:00', '2026-12-20T22:59:00.000Z', 60, '2026-12-20T23:59:00+01:00'],
    ['2026-07-01T08:30-04:30', '2026-07-01T13:00:00.000Z', -270, '2026-07-01T08:30:00-04:30'],
    ['2026-07-01T08:30:15.25Z', '2026-07-01T08:30:15.250Z', 0, '2026-07-01T08:30:15Z'],
  ])('reads %s as %s and shows it in its own offset', (text, utc, offset, shown) => {
    expect(parseDeadline(text)).toEqual({ ok: true, ms: Date.parse(utc), utcOffsetMinutes: offset });
    expect(formatInstant(Date.parse(utc), offset)).toBe(shown);
  });

  it.each([
    ['2026-12-20T24:00:00Z', '`2026-12-20T24:00:00Z` is not a real date and time'],
    ['2026-12-20T23:00:00+15:00', '`2026-12-20T23:00:00+15:00` has a UTC offset that no place on Earth uses'],
    ['next friday', expect.stringMatching(/^`next friday` is not a date and time in ISO 8601; write e\.g\. /)],
  ])('refuses %s', (text, problem) => {
    expect(parseDeadline(text)).toEqual({ ok: false, problem });
  });
});

describe('formatWait', () => {
  it.each([
    [400, '1 second'],
    [40_000, '40 seconds'],
    [60_000, '1 minute'],
    [61_000, '2 minutes'],
    [2 * 3_600_000 + 5 * 60_000, '2 hours 5 minutes'],
    [3_600_000, '1 hour'],
    [3 * 86_400_000 + 3_600_000, '3 days 1 hour'],
  ])('says %i ms as %s', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});
