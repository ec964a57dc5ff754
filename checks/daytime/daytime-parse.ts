/**
 * Reading the date and time out of a daytime reply. RFC 867 prescribes no syntax ("the
 * daytime should be just one line"), so we read what students actually send: the RFC's
 * own examples (`Tuesday, February 22, 1982 17:37:43-PST`, `02 FEB 82 07:59:01 PST`),
 * `time.ctime()`, ISO 8601 and `str(datetime.now())`, RFC 2822 (`email.utils`), German
 * `03.01.2024 09:05:07` or `3. Januar 2024, 09:05:07 Uhr`, and `time.struct_time`.
 *
 * Pure logic: the parts we found, without judging them. A time without a zone is left
 * without one; the verdict reads it as UTC, the clock of our sandbox.
 */
import { MONTH_PATTERN, monthNumber, ZONE_NAME_PATTERN, zoneOffsetMinutes } from './calendar-names.js';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** False for `09:05`: the reply then only says which minute it is. */
  hasSeconds: boolean;
}

export interface ZoneOffset {
  /** East of UTC is positive: `+01:00` and `MEZ` are 60. */
  offsetMinutes: number;
  /** As written, for feedback. */
  text: string;
}

export interface DaytimeReading {
  /** The date, or two readings when day and month could be swapped (`03/01/2024`), US order first. */
  dates: CalendarDate[];
  time: ClockTime | null;
  zone: ZoneOffset | null;
  /** Set when the whole reply is a Unix timestamp (`1704272707.12`): exact, but not for people. */
  unixSeconds: number | null;
}

const LETTER = 'A-Za-zÄÖÜäöüß';
const NO_READING: DaytimeReading = { dates: [], time: null, zone: null, unixSeconds: null };

export function parseDaytime(input: string): DaytimeReading {
  const text = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (/^\d{9,11}(?:\.\d+)?$/.test(text)) return { ...NO_READING, dates: [], unixSeconds: Number(text) };
  const special = parseStructTime(text) ?? parseCompactIso(text);
  if (special) return special;
  let rest = text;
  let time: ClockTime | null = null;
  let zone: ZoneOffset | null = null;
  const found = findTime(rest);
  if (found) {
    time = found.time;
    const attached = zoneRightAfter(rest.slice(found.end));
    zone = attached?.zone ?? null;
    rest = blankOut(rest, found.start, found.end + (attached?.length ?? 0));
  }
  if (!zone) {
    const named = findNamedZone(rest);
    if (named) {
      zone = named.zone;
      rest = blankOut(rest, named.start, named.end);
    }
  }
  return { dates: findDates(rest), time, zone, unixSeconds: null };
}

/** Milliseconds since the epoch of a date and time; a missing zone counts as UTC. */
export function instantOf(date: CalendarDate, time: ClockTime, zone: ZoneOffset | null): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn the years 0–99 into 1900–1999.
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  d.setUTCHours(time.hour, time.minute, Math.min(time.second, 59), time.millis);
  return d.getTime() - (zone?.offsetMinutes ?? 0) * 60_000;
}

// --- time of day ---------------------------------------------------------------------

// Not right after a digit, colon, dot or sign: `+01:00` is a zone, `12.03:05` nothing.
const TIME = /(?<![\d:.+\-−])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?![\d:])/g;
const MERIDIEM = /^ ?([AaPp])(\.?) ?[Mm]\.?(?![A-Za-z])/;

function findTime(text: string): { time: ClockTime; start: number; end: number } | null {
  for (const match of text.matchAll(TIME)) {
    const [whole, h = '', m = '', s, fraction] = match;
    const start = match.index ?? 0;
    let end = start + whole.length;
    let hour = Number(h);
    const minute = Number(m);
    const second = s === undefined ? 0 : Number(s);
    const meridiem = meridiemAfter(text.slice(end), hour);
    if (meridiem) {
      hour = (hour % 12) + (meridiem.pm ? 12 : 0);
      end += meridiem.length;
    }
    if (hour > 23 || minute > 59 || second > 60) continue;
    const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
    return { time: { hour, minute, second, millis, hasSeconds: s !== undefined }, start, end };
  }
  return null;
}

/**
 * `AM`/`PM` after the time (`%p`). A lower-case `am` followed by more text is German
 * ("14:05:07 am 03.01.2024": on the 3rd), not ante meridiem.
 */
function meridiemAfter(suffix: string, hour: number): { pm: boolean; length: number } | null {
  const m = MERIDIEM.exec(suffix);
  if (!m || hour < 1 || hour > 12) return null;
  const letter = m[1] ?? '';
  if (letter === 'a' && !m[2] && /^ ?am \S/.test(suffix)) return null;
  return { pm: letter.toLowerCase() === 'p', length: m[0].length };
}

// --- zones ---------------------------------------------------------------------------

const NUMERIC_ZONE = /^ ?([+\-−])(\d{1,2})(?::?(\d{2}))?(?![\d.:])/;
// `17:37:43-PST` (RFC 867): the dash separates, it is no sign. `(UTC)`, `GMT+1` too.
const NAMED_ZONE_AFTER = /^ ?-? ?\(?([A-Z]{1,5})\)?(?![A-Za-z])(?: ?([+\-−])(\d{1,2})(?::?(\d{2}))?(?![\d.:]))?/;
const NAMED_ZONE_ANYWHERE = new RegExp(`(?<![A-Za-z])\\(?(${ZONE_NAME_PATTERN})\\)?(?![A-Za-z])(?: ?([+\\-−])(\\d{1,2})(?::?(\\d{2}))?(?![\\d.:]))?`);

/** A zone written right after the time: `Z`, `+01:00`, `-0500`, ` GMT`, `-PST`, ` UTC+1`. */
function zoneRightAfter(suffix: string): { zone: ZoneOffset; length: number } | null {
  const numeric = NUMERIC_ZONE.exec(suffix);
  if (numeric) {
    const offset = signedOffset(numeric[1], numeric[2], numeric[3]);
    if (offset !== null) return { zone: { offsetMinutes: offset, text: numeric[0].trim() }, length: numeric[0].length };
  }
  const named = NAMED_ZONE_AFTER.exec(suffix);
  if (named) {
    const zone = namedZone(named[0], named[1] ?? '', named[2], named[3], named[4]);
    if (zone) return { zone, length: named[0].length };
  }
  return null;
}

function findNamedZone(text: string): { zone: ZoneOffset; start: number; end: number } | null {
  const match = NAMED_ZONE_ANYWHERE.exec(text);
  if (!match) return null;
  const zone = namedZone(match[0], match[1] ?? '', match[2], match[3], match[4]);
  return zone ? { zone, start: match.index, end: match.index + match[0].length } : null;
}

function namedZone(written: string, name: string, sign?: string, hours?: string, minutes?: string): ZoneOffset | null {
  const base = zoneOffsetMinutes(name);
  if (base === null) return null;
  const extra = sign ? signedOffset(sign, hours ?? '0', minutes) : 0;
  if (extra === null) return null;
  return { offsetMinutes: base + extra, text: written.replace(/^ ?-? ?/, '').trim() };
}

function signedOffset(sign: string | undefined, hours: string | undefined, minutes: string | undefined): number | null {
  const h = Number(hours ?? '0');
  const m = Number(minutes ?? '0');
  if (h > 14 || m > 59) return null;
  return (sign === '+' ? 1 : -1) * (h * 60 + m);
}

// --- dates ---------------------------------------------------------------------------

const YEAR_FIRST = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const GERMAN_DOTTED = /(?<![\d.])(\d{1,2})\. ?(\d{1,2})\. ?(\d{4}|\d{2})(?!\d)/;
const DAY_MONTH_NAME = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\.?[\\s,/-]*(${MONTH_PATTERN})\\.?(?![${LETTER}])[\\s,/-]*(\\d{4}|\\d{2})(?!\\d)`, 'iu');
const MONTH_NAME_DAY = new RegExp(`(?<![${LETTER}])(${MONTH_PATTERN})\\.?(?![${LETTER}])[\\s,/-]*(\\d{1,2})(?:st|nd|rd|th)?\\.?(?!\\d)[\\s,/-]*(\\d{4}|\\d{2})(?!\\d)`, 'iu');
const SLASHED = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/;
const DASHED = /(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])/;

type DateParts = [year: string, month: string | number, day: string];

/** The first date pattern that matches, most specific first; ambiguous orders give two readings. */
function findDates(text: string): CalendarDate[] {
  const readings: DateParts[][] = [];
  let m: RegExpExecArray | null;
  if ((m = YEAR_FIRST.exec(text))) readings.push([[m[1] ?? '', m[3] ?? '', m[4] ?? '']]);
  else if ((m = GERMAN_DOTTED.exec(text))) readings.push([[m[3] ?? '', m[2] ?? '', m[1] ?? '']]);
  else if ((m = DAY_MONTH_NAME.exec(text))) readings.push([[m[3] ?? '', monthNumber(m[2] ?? '') ?? 0, m[1] ?? '']]);
  else if ((m = MONTH_NAME_DAY.exec(text))) readings.push([[m[3] ?? '', monthNumber(m[1] ?? '') ?? 0, m[2] ?? '']]);
  // `%x` and `%D` in Python's C locale print month/day/year, so that reading goes first.
  else if ((m = SLASHED.exec(text))) readings.push([[m[3] ?? '', m[1] ?? '', m[2] ?? ''], [m[3] ?? '', m[2] ?? '', m[1] ?? '']]);
  else if ((m = DASHED.exec(text))) readings.push([[m[3] ?? '', m[2] ?? '', m[1] ?? ''], [m[3] ?? '', m[1] ?? '', m[2] ?? '']]);
  const dates: CalendarDate[] = [];
  for (const [year, month, day] of readings.flat()) {
    const date = calendarDate(year, month, day);
    if (date && !dates.some((d) => d.year === date.year && d.month === date.month && d.day === date.day)) dates.push(date);
  }
  return dates;
}

function calendarDate(yearText: string, monthValue: string | number, dayText: string): CalendarDate | null {
  let year = Number(yearText);
  // Two-digit years the POSIX way (`%y`): 69–99 are 19xx, 00–68 are 20xx.
  if (yearText.length === 2) year += year >= 69 ? 1900 : 2000;
  const month = Number(monthValue);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

// --- whole-reply formats ---------------------------------------------------------------

/** `time.struct_time(tm_year=2024, tm_mon=1, tm_mday=3, tm_hour=9, …)`: print(time.localtime()). */
function parseStructTime(text: string): DaytimeReading | null {
  const field = (name: string): number | null => {
    const m = new RegExp(`\\b${name}\\s*=\\s*(\\d+)`).exec(text);
    return m ? Number(m[1]) : null;
  };
  const [year, month, day, hour, minute, second] = ['tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec'].map(field);
  if (year == null || month == null || day == null) return null;
  const date = calendarDate(String(year), month, String(day));
  const time = hour != null && minute != null && hour <= 23 && minute <= 59 ? { hour, minute, second: second ?? 0, millis: 0, hasSeconds: second != null } : null;
  return { dates: date ? [date] : [], time, zone: null, unixSeconds: null };
}

/** ISO 8601 basic format: `20240103T090507Z`. */
function parseCompactIso(text: string): DaytimeReading | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!m) return null;
  const date = calendarDate(m[1] ?? '', m[2] ?? '', m[3] ?? '');
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (!date || hour > 23 || minute > 59 || second > 60) return null;
  const zoneText = m[8];
  const zone = zoneText ? (zoneText === 'Z' ? { offsetMinutes: 0, text: 'Z' } : zoneRightAfter(zoneText)?.zone ?? null) : null;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return { dates: [date], time: { hour, minute, second, millis, hasSeconds: true }, zone, unixSeconds: null };
}

function blankOut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)} ${text.slice(end)}`;
}
