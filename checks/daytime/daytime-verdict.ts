/**
 * Judging a daytime reply against the real time: is there a date and a time, and is it
 * the time it was when the server answered? Pure logic; the checks supply the window
 * between our request and its reply. When the time is off, we look for the usual cause:
 * a zone added by hand, `%I` for `%H`, `%M` (minutes) for `%m` (month), a clock read once.
 */
import { type CalendarDate, type ClockTime, type DaytimeReading, instantOf } from './daytime-parse.js';

/** When the server can have read its clock: from our request to its reply (ms since the epoch). */
export interface ClockWindow {
  fromMs: number;
  toMs: number;
}

export interface ReadableVerdict {
  ok: boolean;
  /** One or two sentences for the student. */
  feedback: string;
}

export interface TimeVerdict {
  ok: boolean;
  /** Start of the second (or minute) the reply names, ms since the epoch; null when there is no time. */
  instantMs: number | null;
  /** Reply minus real time in ms, 0 inside the window; null when there is no time. */
  offMs: number | null;
  /** For feedback: what we read, how far off, the likely cause. */
  feedback: string;
}

const EXAMPLES = '`time.ctime()` gives `Wed Jan  3 09:05:07 2024`, `str(datetime.datetime.now())` gives `2024-01-03 09:05:07.123456`';

/** Does the reply name a date (day, month, year) and a time of day? */
export function judgeReadable(reading: DaytimeReading): ReadableVerdict {
  if (reading.unixSeconds !== null) {
    return {
      ok: false,
      feedback: `That is a Unix timestamp (seconds since 1 January 1970): exact, but no person can read it. A daytime server sends the date and time as text for people: ${EXAMPLES}.`,
    };
  }
  const date = reading.dates[0];
  if (reading.time && date) {
    const ambiguous = reading.dates.length > 1 ? ' (day and month could be swapped here, so we try both)' : '';
    return { ok: true, feedback: `We read it as ${describe(date, reading.time, reading)}${ambiguous}.` };
  }
  if (reading.time) {
    return { ok: false, feedback: `We found a time (${clock(reading.time)}) but no date. A daytime server sends both: day, month and year, and the time. ${capitalize(EXAMPLES)}.` };
  }
  if (date) {
    return { ok: false, feedback: `We found a date (${isoDate(date)}) but no time of day. A daytime server sends both, with hours, minutes and seconds. ${capitalize(EXAMPLES)}.` };
  }
  return { ok: false, feedback: `We found neither a date nor a time in it. ${capitalize(EXAMPLES)}; \`time.strftime("%d.%m.%Y %H:%M:%S")\` gives \`03.01.2024 09:05:07\`.` };
}

interface Candidate {
  lowMs: number;
  spanMs: number;
  date: CalendarDate | null;
  time: ClockTime | null;
}

/** Is the time in the reply within `toleranceMs` of the real time in `window`? */
export function judgeTime(reading: DaytimeReading, window: ClockWindow, toleranceMs: number): TimeVerdict {
  const candidates = candidatesOf(reading, window);
  if (candidates.length === 0) {
    return { ok: false, instantMs: null, offMs: null, feedback: `We found no time in it, so we cannot tell whether it is right. ${capitalize(EXAMPLES)}.` };
  }
  const best = candidates.reduce((a, b) => (Math.abs(gapOf(b.lowMs, b.spanMs, window)) < Math.abs(gapOf(a.lowMs, a.spanMs, window)) ? b : a));
  const offMs = gapOf(best.lowMs, best.spanMs, window);
  const real = `The real time was ${utc(window.toMs)}`;
  const readAs = best.date && best.time ? `We read ${describe(best.date, best.time, reading)}. ` : best.time ? `We read the time of day ${clock(best.time)}${zoneNote(reading)}. ` : '';
  const allowance = `we allow ±${formatSpan(toleranceMs)}`;
  if (Math.abs(offMs) <= toleranceMs) {
    const close = offMs === 0 ? 'exactly right' : `${formatSpan(Math.abs(offMs))} ${offMs > 0 ? 'ahead' : 'behind'}, close enough`;
    return { ok: true, instantMs: best.lowMs, offMs, feedback: `${readAs}${real}: ${close} (${allowance}).` };
  }
  const direction = offMs > 0 ? 'ahead' : 'behind';
  const cause = likelyCause(best, reading, window, toleranceMs, offMs);
  // For the sentence, middle against middle: a truncated second must not turn 1 h into 59 min 59 s.
  const nominalMs = best.lowMs + best.spanMs / 2 - (window.fromMs + window.toMs) / 2;
  return {
    ok: false,
    instantMs: best.lowMs,
    offMs,
    feedback: `${readAs}${real}, so your time is ${formatSpan(Math.abs(nominalMs))} ${direction} (${allowance}).${cause ? `\n\nLikely cause: ${cause}` : ''}`,
  };
}

/**
 * Several answers over `requestSpanMs`: a server that read its clock once, at start,
 * sends the same second every time. Null when the answers move on as they should.
 */
export function staleClockCause(instantsMs: number[], requestSpanMs: number, precisionMs = 1000): string | null {
  if (instantsMs.length < 2 || requestSpanMs < precisionMs) return null;
  const moved = Math.max(...instantsMs) - Math.min(...instantsMs);
  if (moved >= precisionMs) return null;
  return `your answers all name the same moment, although our requests were ${formatSpan(requestSpanMs)} apart. Your server seems to read the clock once, when it starts. Read it anew for every request: call \`time.ctime()\` (or \`datetime.now()\`) inside the loop.`;
}

function candidatesOf(reading: DaytimeReading, window: ClockWindow): Candidate[] {
  if (reading.unixSeconds !== null) return [{ lowMs: Math.floor(reading.unixSeconds * 1000), spanMs: 1000, date: null, time: null }];
  const time = reading.time;
  if (!time) return [];
  const spanMs = time.hasSeconds ? 1000 : 60_000;
  if (reading.dates.length > 0) return reading.dates.map((date) => ({ lowMs: instantOf(date, time, reading.zone), spanMs, date, time }));
  // A time without a date: compare it with the real time of day, around midnight too.
  return [-1, 0, 1].map((days) => ({ lowMs: instantOf(utcDate(window.fromMs + days * 86_400_000), time, reading.zone), spanMs, date: null, time }));
}

/** Distance of [lowMs, lowMs + spanMs) from the window; positive when the reply is ahead. */
function gapOf(lowMs: number, spanMs: number, window: ClockWindow): number {
  if (lowMs > window.toMs) return lowMs - window.toMs;
  if (lowMs + spanMs <= window.fromMs) return lowMs + spanMs - window.fromMs;
  return 0;
}

function likelyCause(best: Candidate, reading: DaytimeReading, window: ClockWindow, toleranceMs: number, offMs: number): string | null {
  const fits = (lowMs: number): boolean => Math.abs(gapOf(lowMs, best.spanMs, window)) <= toleranceMs;
  const zone = reading.zone;
  for (let hours = -14; hours <= 14; hours += 1) {
    if (hours === 0 || !fits(best.lowMs - hours * 3_600_000)) continue;
    const amount = `${Math.abs(hours)} hour${Math.abs(hours) === 1 ? '' : 's'}`;
    if (Math.abs(hours) === 12 && best.time && best.time.hour < 12) {
      return 'your time is exactly 12 hours off: did you use `%I` (hours 1–12) without `%p`? For the 24-hour clock use `%H`.';
    }
    if (zone && zone.offsetMinutes === -hours * 60) {
      return `you labelled the time \`${zone.text}\` (UTC${signed(zone.offsetMinutes)}), but the clock time itself is UTC. Our sandbox's clock runs on UTC, so \`time.localtime()\` and \`datetime.now()\` give UTC there. Either write UTC (or no zone at all), or really convert to ${zone.text}, e.g. with \`datetime.now(ZoneInfo("Europe/Berlin"))\`.`;
    }
    if (zone) return `your time is exactly ${amount} ${hours > 0 ? 'ahead' : 'behind'} for the zone \`${zone.text}\` you wrote. Check the offset you add or the zone you name.`;
    return `your time is exactly ${amount} ${hours > 0 ? 'ahead of' : 'behind'} UTC. A time without a zone counts as UTC here: that is the clock of our sandbox, and of most servers. If you send German time on purpose, say so by adding the zone, e.g. \`+01:00\` or \`MEZ\`; or simply send the time as the clock gives it.`;
  }
  if (best.time && best.date) {
    const local = utcDate(window.toMs + (zone?.offsetMinutes ?? 0) * 60_000);
    const localMinute = new Date(window.toMs + (zone?.offsetMinutes ?? 0) * 60_000).getUTCMinutes();
    if (fits(instantOf(local, best.time, zone))) {
      const sent = best.date;
      if (sent.year === local.year && sent.day === local.day && sent.month === localMinute) {
        return `the time of day is right, but the month is ${sent.month}, which is the current minute: in \`strftime\`, \`%M\` means minutes and \`%m\` means month.`;
      }
      if (sent.year === local.year && sent.day === local.month && sent.month === local.day) {
        return `the time of day is right, but day and month are swapped: you sent ${isoDate(sent)}, today is ${isoDate(local)}.`;
      }
      return `the time of day is right, but the date is not: you sent ${isoDate(sent)}, today is ${isoDate(local)} (${zone ? zone.text : 'UTC'}).`;
    }
    if (best.time.minute === local.month && fits(instantOf(best.date, { ...best.time, minute: localMinute }, zone))) {
      return `the minutes are ${best.time.minute}, which is the current month: in \`strftime\`, \`%m\` means month and \`%M\` means minutes.`;
    }
  }
  if (offMs < 0 && -offMs < 10 * 60_000) {
    return 'your time lags behind. Does your server read the clock only once, when it starts? Read it anew for every request, inside the loop.';
  }
  return null;
}

function describe(date: CalendarDate, time: ClockTime, reading: DaytimeReading): string {
  const zone = reading.zone;
  const local = `${isoDate(date)} ${clock(time)}`;
  if (!zone) return `${local} (no zone given, so UTC)`;
  if (zone.offsetMinutes === 0) return `${local} ${zone.text}`;
  return `${local} ${zone.text}, that is ${utc(instantOf(date, time, zone))}`;
}

function zoneNote(reading: DaytimeReading): string {
  return reading.zone ? ` ${reading.zone.text}` : ' (no zone given, so UTC)';
}

function clock(time: ClockTime): string {
  const parts = [time.hour, time.minute, ...(time.hasSeconds ? [time.second] : [])];
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}

function isoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function utcDate(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `2024-01-03 09:05:07 UTC` */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function signed(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** `4 s`, `2 min 5 s`, `1 h 30 min`, `3 days 2 h`: a span as a student reads it. */
export function formatSpan(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return `${days} day${days === 1 ? '' : 's'}${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${minutes ? ` ${minutes} min` : ''}`;
  return `${minutes} min${seconds ? ` ${seconds} s` : ''}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
