// Small formatting shared by the pages: scores, statuses, times left.
import { formatNumber, register, t } from './i18n.js';

/** `85/100`, or `–` before there is a score. */
export function scoreText(score, maxScore) {
  if (score === null || score === undefined) return '–';
  return maxScore === null || maxScore === undefined ? formatNumber(score) : `${formatNumber(score)}/${formatNumber(maxScore)}`;
}

/** A submission's status in the interface's language (unknown ones as they are). */
export function statusText(status) {
  const key = `status.${status}`;
  const text = t(key);
  return text === key ? String(status) : text;
}

/** `3 days 4 hours`, `2 hours 5 minutes`, `4 minutes` until (positive) or since (negative) `ms`. */
export function durationText(ms) {
  const minutes = Math.max(0, Math.ceil(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [];
  if (days) parts.push(t(days === 1 ? 'time.day' : 'time.days', { n: days }));
  if (hours) parts.push(t(hours === 1 ? 'time.hour' : 'time.hours', { n: hours }));
  if (!days && (mins || !hours)) parts.push(t(mins === 1 ? 'time.minute' : 'time.minutes', { n: mins }));
  return parts.slice(0, 2).join(' ');
}

/** `in 3 days 4 hours` / `ended 2 hours ago` for a deadline. */
export function deadlineLeft(deadline, now = Date.now()) {
  const at = new Date(deadline).getTime();
  if (Number.isNaN(at)) return '';
  return at >= now ? t('time.left', { time: durationText(at - now) }) : t('time.ago', { time: durationText(now - at) });
}

register({
  en: {
    'time.day': '{n} day',
    'time.days': '{n} days',
    'time.hour': '{n} hour',
    'time.hours': '{n} hours',
    'time.minute': '{n} minute',
    'time.minutes': '{n} minutes',
    'time.left': '{time} left',
    'time.ago': 'ended {time} ago',
  },
  de: {
    'time.day': '{n} Tag',
    'time.days': '{n} Tage',
    'time.hour': '{n} Stunde',
    'time.hours': '{n} Stunden',
    'time.minute': '{n} Minute',
    'time.minutes': '{n} Minuten',
    'time.left': 'noch {time}',
    'time.ago': 'seit {time} vorbei',
  },
});
