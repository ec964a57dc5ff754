/**
 * The `Date:` field's format, RFC 5322 §3.3: `[day-of-week ","] day month year hour ":"
 * minute [":" second] zone`, e.g. `Thu, 21 May 1998 05:33:29 -0700`. The obsolete forms
 * of §4.3 (`GMT`, `EST`, a two-digit year) are accepted, as every mail reader does; a
 * trailing comment like `(CEST)` too.
 */

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONE = String.raw`(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Za-ik-z])`;
const DATE = new RegExp(
  String.raw`^(?:(${DAYS.join('|')})\s*,\s*)?(\d{1,2})\s+(${MONTHS.join('|')})\s+(\d{2}|\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+${ZONE}\s*(?:\([^()]*\))?$`,
  'i',
);

/** True when `value` is a date-time RFC 5322 allows, with a day, hour, minute and second that exist. */
export function isRfc5322Date(value: string): boolean {
  const match = DATE.exec(value.trim());
  if (!match) return false;
  const day = Number(match[2]);
  const hour = Number(match[5]);
  const minute = Number(match[6]);
  const second = match[7] === undefined ? 0 : Number(match[7]);
  return day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}
