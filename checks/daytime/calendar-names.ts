/**
 * Month names and time-zone abbreviations a student's daytime server may print: English
 * (Python's C locale: `time.ctime()`, `%B`, `%b`) and German (written by hand, or a
 * `de_DE` locale), each as it appears in the wild, lower case without a trailing dot.
 */

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, mai: 5, juni: 6, juli: 7, oktober: 10, dezember: 12,
  mär: 3, mrz: 3, okt: 10, dez: 12,
};

/** The month (1–12) a name stands for, or null. */
export function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? null;
}

/** A regex alternation of all month names, longest first so `Januar` wins over `Jan`. */
export const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * Zone abbreviations and their offset from UTC in minutes. Ambiguous ones (IST, BST…)
 * mean the most likely thing for this course; `MEZ`/`MESZ` are the German names of CET/CEST.
 */
const ZONES: Record<string, number> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0,
  WEST: 60, BST: 60, CET: 60, MEZ: 60,
  CEST: 120, MESZ: 120, EET: 120, OEZ: 120,
  EEST: 180, OESZ: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, JST: 540,
};

/** Offset in minutes of a zone abbreviation (upper case as written), or null. */
export function zoneOffsetMinutes(name: string): number | null {
  return Object.prototype.hasOwnProperty.call(ZONES, name) ? (ZONES[name] as number) : null;
}

/** Alternation of the zone names for a search anywhere in the text (`Z` only right after a time). */
export const ZONE_NAME_PATTERN = Object.keys(ZONES)
  .filter((name) => name !== 'Z')
  .sort((a, b) => b.length - a.length)
  .join('|');
