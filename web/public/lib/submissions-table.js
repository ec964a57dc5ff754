// A table of submissions (newest first), each row linking to its report.
import { h } from './dom.js';
import { formatDateTime, register, t } from './i18n.js';
import { scoreText, statusText } from './format.js';

register({
  en: { 'subs.student': 'Student', 'subs.assignment': 'Assignment', 'subs.status': 'Status', 'subs.score': 'Score', 'subs.submitted': 'Submitted', 'subs.none': 'No submissions yet.', 'subs.open': 'Report' },
  de: { 'subs.student': 'Studierende*r', 'subs.assignment': 'Aufgabe', 'subs.status': 'Status', 'subs.score': 'Punkte', 'subs.submitted': 'Abgegeben', 'subs.none': 'Noch keine Abgaben.', 'subs.open': 'Bericht' },
});

/**
 * `submissions` as `GET /api/submissions` lists them. `withStudent`: a column with the
 * owner's name (teachers). Every value goes in as text.
 */
export function submissionsTable(submissions, { withStudent = false, caption } = {}) {
  const head = [withStudent && ['subs.student', 'student'], ['subs.assignment', 'assignment'], ['subs.status', 'status'], ['subs.score', 'score'], ['subs.submitted', 'time']].filter(Boolean);
  const rows = submissions.map((s) =>
    h(
      'tr',
      { dataset: { id: s.id, status: s.status } },
      withStudent && h('td', { class: 'student' }, s.user?.name ?? `#${s.user?.id}`),
      h('td', { class: 'assignment' }, h('a', { href: `/submissions/${encodeURIComponent(s.id)}` }, s.assignment)),
      h('td', { class: 'status' }, statusText(s.status)),
      h('td', { class: 'score' }, scoreText(s.score, s.maxScore)),
      h('td', { class: 'time' }, formatDateTime(s.createdAt)),
    ),
  );
  const table = h(
    'table',
    { id: 'submissions', class: withStudent ? 'with-student' : '' },
    caption && h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, head.map(([key, cls]) => h('th', { scope: 'col', class: cls }, t(key))))),
    h('tbody', {}, rows),
  );
  return h('div', { class: 'table-scroll' }, table);
}
