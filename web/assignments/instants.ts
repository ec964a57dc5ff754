/**
 * Deadlines as teachers write them and times as students read them: ISO 8601 with the
 * teacher's UTC offset, because a deadline without a zone means a different moment on
 * the server than in the classroom.
 */

const WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export type ParsedDeadline = { ok: true; ms: number; utcOffsetMinutes: number } | { ok: false; problem: string };

/** `2026-12-20T23:59:00+01:00` (or `…Z`) to milliseconds and the offset it was written in. */
export function parseDeadline(text: string): ParsedDeadline {
  const example = '`2026-12-20T23:59:00+01:00` (23:59 in Berlin in winter) or `2026-12-20T22:59:00Z` (UTC)';
  if (DATE_ONLY.test(text)) return { ok: false, problem: `\`${text}\` is a day without a time; write the exact moment with its time zone, e.g. ${example}` };
  if (WITHOUT_ZONE.test(text)) {
    return { ok: false, problem: `\`${text}\` has no time zone, so it would mean a different moment on the server than in class; add the offset, e.g. ${example}` };
  }
  const match = WITH_ZONE.exec(text);
  if (!match) return { ok: false, problem: `\`${text}\` is not a date and time in ISO 8601; write e.g. ${example}` };
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(match[6] ?? 0);
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutesPart = Number(match[11] ?? 0);
  const utcOffsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over into March; a teacher who wrote that meant something else.
  const valid =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) return { ok: false, problem: `\`${text}\` is not a real date and time` };
  if (offsetHours > 14 || offsetMinutesPart >= 60) return { ok: false, problem: `\`${text}\` has a UTC offset that no place on Earth uses` };
  return { ok: true, ms: local - utcOffsetMinutes * 60_000, utcOffsetMinutes };
}

/** `2026-12-20T23:59:00+01:00`: the moment in the given offset, to the second. */
export function formatInstant(ms: number, utcOffsetMinutes = 0): string {
  const local = new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  if (utcOffsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(utcOffsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${utcOffsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A wait as a person says it, rounded up: "40 seconds", "12 minutes", "2 hours 5 minutes", "3 days 1 hour". */
export function formatWait(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms < 60_000) return plural(Math.max(1, Math.ceil(ms / 1000)), 'second');
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${plural(hours % 24, 'hour')}`;
}
