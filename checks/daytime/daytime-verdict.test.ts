import { describe, expect, it } from 'vitest';
import { parseDaytime } from './daytime-parse.js';
import { formatSpan, judgeReadable, judgeTime, staleClockCause } from './daytime-verdict.js';

// The request left at 09:05:07.200 UTC on 2024-01-03, the reply came 50 ms later.
const NOW = Date.UTC(2024, 0, 3, 9, 5, 7, 200);
const window = { fromMs: NOW, toMs: NOW + 50 };
const judge = (text: string, toleranceMs = 5000) => judgeTime(parseDaytime(text), window, toleranceMs);

describe('judgeReadable', () => {
  it('passes a date and a time and says how it read them', () => {
    expect(judgeReadable(parseDaytime('Wed Jan  3 09:05:07 2024'))).toEqual({ ok: true, feedback: 'We read it as 2024-01-03 09:05:07 (no zone given, so UTC).' });
    expect(judgeReadable(parseDaytime('03.01.2024 10:05:07 MEZ')).feedback).toBe('We read it as 2024-01-03 10:05:07 MEZ, that is 2024-01-03 09:05:07 UTC.');
    expect(judgeReadable(parseDaytime('03/01/2024 09:05:07')).feedback).toContain('so we try both');
  });

  it('says what is missing', () => {
    expect(judgeReadable(parseDaytime('09:05:07'))).toMatchObject({ ok: false, feedback: expect.stringContaining('We found a time (09:05:07) but no date.') });
    expect(judgeReadable(parseDaytime('03.01.2024')).feedback).toContain('We found a date (2024-01-03) but no time of day.');
    expect(judgeReadable(parseDaytime('Hallo')).feedback).toContain('We found neither a date nor a time');
    expect(judgeReadable(parseDaytime('1704272707.2')).feedback).toContain('Unix timestamp');
  });
});

describe('judgeTime', () => {
  it.each([
    ['Wed Jan  3 09:05:07 2024', 0],
    ['Wed Jan  3 09:05:03 2024', -3200],
    ['2024-01-03 09:05:11.9', 4650],
    ['2024-01-03T10:05:09+01:00', 1750],
    ['03.01.2024 09:05', 0],
    ['1704272707.1', 0],
    ['09:05:07', 0],
  ])('accepts %j (off by %i ms)', (text, offMs) => {
    const verdict = judge(text);
    expect(verdict.ok).toBe(true);
    expect(verdict.offMs).toBe(offMs);
  });

  it('accepts a time of day near midnight on the other side of it', () => {
    const late = Date.UTC(2024, 0, 3, 23, 59, 59, 900);
    expect(judgeTime(parseDaytime('00:00:01'), { fromMs: late, toMs: late + 10 }, 5000).ok).toBe(true);
  });

  it('takes whichever reading of an ambiguous date fits', () => {
    expect(judge('03/01/2024 09:05:07').ok).toBe(true);
    expect(judge('01/03/2024 09:05:07').ok).toBe(true);
  });

  it('fails a time beyond the tolerance, saying by how much', () => {
    const verdict = judge('Wed Jan  3 09:04:00 2024');
    expect(verdict.ok).toBe(false);
    expect(verdict.feedback).toBe(
      'We read 2024-01-03 09:04:00 (no zone given, so UTC). The real time was 2024-01-03 09:05:07 UTC, so your time is 1 min 7 s behind (we allow ±5 s).\n\n' +
        'Likely cause: your time lags behind. Does your server read the clock only once, when it starts? Read it anew for every request, inside the loop.',
    );
  });

  it('names German time sent without a zone', () => {
    const verdict = judge('03.01.2024 10:05:07');
    expect(verdict.ok).toBe(false);
    expect(verdict.feedback).toContain('your time is 1 h ahead');
    expect(verdict.feedback).toContain('your time is exactly 1 hour ahead of UTC. A time without a zone counts as UTC here');
  });

  it('names UTC labelled as MEZ', () => {
    expect(judge('03.01.2024 09:05:07 MEZ').feedback).toContain('you labelled the time `MEZ` (UTC+1), but the clock time itself is UTC');
  });

  it('names a wrong offset for a zone', () => {
    expect(judge('03.01.2024 12:05:07 +01:00').feedback).toContain('exactly 2 hours ahead for the zone `+01:00`');
  });

  it('names %I without %p', () => {
    const afternoon = Date.UTC(2024, 0, 3, 21, 5, 7, 200);
    const verdict = judgeTime(parseDaytime('03.01.2024 09:05:07'), { fromMs: afternoon, toMs: afternoon + 50 }, 5000);
    expect(verdict.feedback).toContain('did you use `%I`');
  });

  it('names %M in the date and %m in the time', () => {
    // At 09:05 the minute is 5: `%d.%M.%Y` gives 03.05.2024.
    expect(judge('03.05.2024 09:05:07').feedback).toContain('the month is 5, which is the current minute');
    // In January `%H:%m:%S` gives 09:01:07.
    expect(judge('03.01.2024 09:01:07').feedback).toContain('the minutes are 1, which is the current month');
  });

  it('names swapped day and month, and a wrong date', () => {
    expect(judge('2024-03-01 09:05:07').feedback).toContain('day and month are swapped');
    expect(judge('2023-01-03 09:05:07').feedback).toContain('the time of day is right, but the date is not: you sent 2023-01-03, today is 2024-01-03 (UTC).');
  });

  it('fails a reply without a time', () => {
    expect(judge('03.01.2024')).toMatchObject({ ok: false, instantMs: null, offMs: null });
  });
});

describe('staleClockCause', () => {
  it('spots answers that do not move on', () => {
    expect(staleClockCause([NOW, NOW, NOW], 2200)).toContain('read the clock once');
    expect(staleClockCause([NOW, NOW + 1000, NOW + 2000], 2200)).toBeNull();
    expect(staleClockCause([NOW, NOW], 900)).toBeNull();
    expect(staleClockCause([NOW, NOW + 30_000], 900, 60_000)).toBeNull();
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0 s'],
    [4_400, '4 s'],
    [66_000, '1 min 6 s'],
    [3_600_000, '1 h'],
    [5_400_000, '1 h 30 min'],
    [93_600_000, '1 day 2 h'],
  ])('%i ms → %s', (ms, text) => expect(formatSpan(ms)).toBe(text));
});
