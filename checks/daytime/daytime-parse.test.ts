import { describe, expect, it } from 'vitest';
import { instantOf, parseDaytime } from './daytime-parse.js';

/** The instant of the (first) reading, as ISO UTC, or a short reason why there is none. */
function read(text: string): string {
  const r = parseDaytime(text);
  if (r.unixSeconds !== null) return `unix ${r.unixSeconds}`;
  if (!r.time) return r.dates.length ? 'date only' : 'nothing';
  const date = r.dates[0];
  if (!date) return 'time only';
  return new Date(instantOf(date, r.time, r.zone)).toISOString();
}

const AT = '2024-01-03T09:05:07.000Z';

describe('parseDaytime: what Python prints for 2024-01-03 09:05:07 UTC', () => {
  it.each([
    ['time.ctime()', 'Wed Jan  3 09:05:07 2024'],
    ['ctime with CRLF', 'Wed Jan  3 09:05:07 2024\r\n'],
    ['%c in the C locale', 'Wed Jan 3 09:05:07 2024'],
    ['date(1)', 'Wed Jan  3 09:05:07 UTC 2024'],
    ['email.utils.formatdate()', 'Wed, 03 Jan 2024 09:05:07 -0000'],
    ['formatdate(localtime=True)', 'Wed, 03 Jan 2024 09:05:07 +0000'],
    ['formatdate(usegmt=True)', 'Wed, 03 Jan 2024 09:05:07 GMT'],
    ['str(datetime.now())', '2024-01-03 09:05:07.123456'],
    ['isoformat()', '2024-01-03T09:05:07.123456'],
    ['isoformat() with zone', '2024-01-03T09:05:07.123456+00:00'],
    ['ISO with Z', '2024-01-03T09:05:07Z'],
    ['ISO basic', '20240103T090507Z'],
    ['German', '03.01.2024 09:05:07'],
    ['German, short', '3.1.2024 9:05:07'],
    ['German, two-digit year', '03.01.24 09:05:07'],
    ['German with Uhr', '03.01.2024, 09:05:07 Uhr'],
    ['German, time first', '09:05:07 Uhr, 03.01.2024'],
    ['German, in a sentence', 'Es ist 09:05:07 am 03.01.2024.'],
    ['German month name', 'Mittwoch, 3. Januar 2024, 09:05:07 Uhr'],
    ['German month name, upper case', 'MITTWOCH, 3. JANUAR 2024 09:05:07'],
    ['RFC 867 style', 'Wednesday, January 3, 2024 09:05:07-UTC'],
    ['RFC 867 second style', '03 JAN 24 09:05:07 UTC'],
    ['%x %X', '01/03/24 09:05:07'],
    ['US long', 'January 3rd, 2024 at 9:05:07 AM'],
    ['12-hour clock', '01/03/2024 09:05:07 a.m.'],
    ['British day first', '3 January 2024 09:05:07'],
    ['dashed with month name', '03-Jan-2024 09:05:07'],
    ['year first with slashes', '2024/01/03 09:05:07'],
    ['multi-line', 'Datum: 03.01.2024\nUhrzeit: 09:05:07\n'],
    ['struct_time', 'time.struct_time(tm_year=2024, tm_mon=1, tm_mday=3, tm_hour=9, tm_min=5, tm_sec=7, tm_wday=2, tm_yday=3, tm_isdst=0)'],
  ])('%s: %j', (_name, text) => {
    expect(read(text).slice(0, 19)).toBe(AT.slice(0, 19));
  });
});

describe('parseDaytime: zones', () => {
  it.each([
    ['2024-01-03T10:05:07+01:00', AT],
    ['2024-01-03T10:05:07+0100', AT],
    ['2024-01-03 04:05:07-05:00', AT],
    ['Wed, 03 Jan 2024 04:05:07 -0500', AT],
    ['03.01.2024 10:05:07 MEZ', AT],
    ['03.01.2024 10:05:07 CET', AT],
    ['03.01.2024 11:05:07 (MESZ)', AT],
    ['03.01.2024 10:05:07 UTC+1', AT],
    ['03.01.2024 10:05:07 GMT+01:00', AT],
    ['Wednesday, January 3, 2024 01:05:07-PST', AT],
    ['03 JAN 24 01:05:07 PST', AT],
    ['UTC 03.01.2024 09:05:07', AT],
    ['Wed Jan  3 10:05:07 CET 2024', AT],
  ])('%j', (text, instant) => {
    expect(read(text)).toBe(instant);
  });

  it('keeps what was written and the offset', () => {
    expect(parseDaytime('2024-01-03T10:05:07+01:00').zone).toEqual({ offsetMinutes: 60, text: '+01:00' });
    expect(parseDaytime('Tuesday, February 22, 1982 17:37:43-PST').zone).toEqual({ offsetMinutes: -480, text: 'PST' });
    expect(parseDaytime('03.01.2024 10:05:07 Uhr').zone).toBeNull();
  });

  it('reads the examples of RFC 867 itself', () => {
    expect(read('Tuesday, February 22, 1982 17:37:43-PST')).toBe('1982-02-23T01:37:43.000Z');
    expect(read('02 FEB 82 07:59:01 PST')).toBe('1982-02-02T15:59:01.000Z');
  });

  it('does not take a date for a zone, nor an unknown word', () => {
    expect(parseDaytime('09:05:07-03.01.2024').zone).toBeNull();
    expect(read('09:05:07-03.01.2024')).toBe(AT);
    expect(parseDaytime('03.01.2024 09:05:07 XYZ').zone).toBeNull();
  });
});

describe('parseDaytime: partial and odd replies', () => {
  it('finds a time without a date, and a date without a time', () => {
    expect(read('09:05:07')).toBe('time only');
    expect(parseDaytime('Es ist 9:05 Uhr').time).toEqual({ hour: 9, minute: 5, second: 0, millis: 0, hasSeconds: false });
    expect(read('03.01.2024')).toBe('date only');
    expect(read('3. Januar')).toBe('nothing');
    expect(read('Hallo')).toBe('nothing');
    expect(read('')).toBe('nothing');
  });

  it('recognizes a Unix timestamp', () => {
    expect(read('1704272707.123456')).toBe('unix 1704272707.123456');
    expect(read('1704272707')).toBe('unix 1704272707');
  });

  it('gives both readings of an ambiguous slashed date, month first', () => {
    expect(parseDaytime('03/01/2024 09:05:07').dates).toEqual([
      { year: 2024, month: 3, day: 1 },
      { year: 2024, month: 1, day: 3 },
    ]);
    expect(parseDaytime('13/01/2024 09:05:07').dates).toEqual([{ year: 2024, month: 1, day: 13 }]);
    expect(parseDaytime('03-01-2024 09:05:07').dates[0]).toEqual({ year: 2024, month: 1, day: 3 });
  });

  it('reads 12-hour times, and German "am" as a word', () => {
    expect(parseDaytime('02:05:07 PM').time?.hour).toBe(14);
    expect(parseDaytime('12:05:07 AM').time?.hour).toBe(0);
    expect(parseDaytime('12:05:07 PM').time?.hour).toBe(12);
    expect(parseDaytime('12:05:07 am 03.01.2024').time?.hour).toBe(12);
    expect(parseDaytime('14:05:07 am 03.01.2024').time?.hour).toBe(14);
  });

  it('rejects impossible values', () => {
    expect(read('31.02.2024 09:05:07')).toBe('time only');
    expect(read('03.13.2024 09:05:07')).toBe('time only');
    expect(read('03.01.2024 25:05:07')).toBe('date only');
    expect(read('03.01.2024 09:65:07')).toBe('date only');
    expect(read('29.02.2024 09:05:07')).toBe('2024-02-29T09:05:07.000Z');
    expect(read('29.02.2023 09:05:07')).toBe('time only');
  });

  it('maps two-digit years like strftime %y', () => {
    expect(parseDaytime('01.01.68 00:00:00').dates[0]?.year).toBe(2068);
    expect(parseDaytime('01.01.69 00:00:00').dates[0]?.year).toBe(1969);
  });

  it('keeps milliseconds and a leap second', () => {
    expect(parseDaytime('2024-01-03 09:05:07,5').time?.millis).toBe(500);
    expect(read('2016-12-31 23:59:60')).toBe('2016-12-31T23:59:59.000Z');
  });

  it('survives garbage', () => {
    for (const text of ['::::', '99:99:99', '\u0000\u0001', '+01:00', '−−', 'a'.repeat(10_000), '1:2:3', '12:345']) {
      expect(() => parseDaytime(text)).not.toThrow();
    }
    expect(read('+01:00')).toBe('nothing');
  });
});
