// `/gradebook` (teacher, issue #9): a row per student, a column per assignment, latest or
// best, late marks and overrides marked, sort by any column, filter by name, CSV export.
// Built once with DOM calls; sorting and filtering only reorder or hide the rows, so
// 200 × 20 stays fast.
import { api } from '../lib/api.js';
import { append, h } from '../lib/dom.js';
import { formatNumber, language } from '../lib/i18n.js';
import { errorMessage, teacherStyles } from './teacher-kit.js';

export const strings = {
  en: {
    'gradebook.title': 'Gradebook',
    'gradebook.mode': 'Score that counts',
    'gradebook.mode.latest': 'Latest graded submission',
    'gradebook.mode.best': 'Best graded submission',
    'gradebook.filter': 'Filter by name',
    'gradebook.csv': 'Download CSV',
    'gradebook.student': 'Student',
    'gradebook.total': 'Total',
    'gradebook.sortBy': 'Sort by {column}',
    'gradebook.legend': '* teacher override (automatic score in the tooltip) · +Nd late by N days · … newer submission pending · ! grading error',
    'gradebook.override': 'teacher override, automatic score {automatic}',
    'gradebook.late': 'late by {days} days',
    'gradebook.pending': 'a newer submission is being graded',
    'gradebook.error': 'grading error: {error}',
    'gradebook.count': '{shown} of {total} students',
    'gradebook.none': 'No students yet.',
    'gradebook.caption': 'Scores per student and assignment ({mode})',
  },
  de: {
    'gradebook.title': 'Notenübersicht',
    'gradebook.mode': 'Zählende Punkte',
    'gradebook.mode.latest': 'Neueste bewertete Abgabe',
    'gradebook.mode.best': 'Beste bewertete Abgabe',
    'gradebook.filter': 'Nach Name filtern',
    'gradebook.csv': 'CSV herunterladen',
    'gradebook.student': 'Studierende*r',
    'gradebook.total': 'Summe',
    'gradebook.sortBy': 'Nach {column} sortieren',
    'gradebook.legend': '* von der Lehrkraft gesetzt (automatische Punkte im Tooltip) · +NT N Tage zu spät · … neuere Abgabe wird bewertet · ! Bewertungsfehler',
    'gradebook.override': 'von der Lehrkraft gesetzt, automatisch {automatic}',
    'gradebook.late': '{days} Tage zu spät',
    'gradebook.pending': 'eine neuere Abgabe wird bewertet',
    'gradebook.error': 'Bewertungsfehler: {error}',
    'gradebook.count': '{shown} von {total} Studierenden',
    'gradebook.none': 'Noch keine Studierenden.',
    'gradebook.caption': 'Punkte je Studierende*r und Aufgabe ({mode})',
  },
};

/**
 * One cell: the score (a link to the counted submission) and its marks, each with words
 * for screen readers. This runs 4000 times for 200 × 20, so it calls the DOM directly
 * and formats with one cached Intl.NumberFormat (toLocaleString builds one per call).
 */
function cellElement(cell, t, number) {
  const td = document.createElement('td');
  td.className = cell?.override ? 'num override' : 'num';
  if (!cell) return td;
  const score = cell.score === null ? '–' : number.format(cell.score);
  if (cell.submissionId) {
    const link = document.createElement('a');
    link.href = `/submissions/${encodeURIComponent(cell.submissionId)}`;
    link.textContent = score;
    td.append(link);
  } else td.textContent = score;
  const mark = (cls, text, words) => h('span', { class: `mark ${cls}`, title: words }, h('span', { 'aria-hidden': 'true' }, text), h('span', { class: 'visually-hidden' }, ` (${words})`));
  if (cell.override) td.append(mark('override', '*', t('gradebook.override', { automatic: number.format(cell.automaticScore) })));
  if (cell.late) td.append(mark('late', language() === 'de' ? `+${cell.daysLate}T` : `+${cell.daysLate}d`, t('gradebook.late', { days: cell.daysLate })));
  if (cell.pending) td.append(mark('pending', '…', t('gradebook.pending')));
  if (cell.error) td.append(mark('error', '!', t('gradebook.error', { error: cell.error })));
  return td;
}

/** The rows, built once: each keeps its sort keys (name, then one per assignment, then the total). */
function buildRows(book, t) {
  const number = new Intl.NumberFormat(language() === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
  return book.students.map((student) => {
    const keys = [student.name.toLowerCase()];
    const row = document.createElement('tr');
    row.dataset.student = String(student.id);
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = student.name;
    row.append(name);
    for (const assignment of book.assignments) {
      const cell = student.grades[assignment.id];
      keys.push(cell?.score ?? -1);
      row.append(cellElement(cell, t, number));
    }
    keys.push(student.total);
    const total = document.createElement('td');
    total.className = 'num total';
    total.textContent = number.format(student.total);
    row.append(total);
    return { row, keys, name: keys[0] };
  });
}

export async function render(main, { t, query, signal, navigate }) {
  teacherStyles();
  const mode = query.get('mode') === 'best' ? 'best' : 'latest';
  append(main, h('h1', {}, t('gradebook.title')));
  const result = await api('GET', `/api/gradebook?mode=${mode}`, undefined, { signal });
  if (result.status !== 200) return void append(main, errorMessage(result, t));
  const book = result.data;

  const modeSelect = h(
    'select',
    { id: 'gradebook-mode', onchange: () => navigate(`/gradebook?mode=${modeSelect.value}`, { replace: true }) },
    ['latest', 'best'].map((value) => h('option', { value, selected: value === mode }, t(`gradebook.mode.${value}`))),
  );
  const filter = h('input', { id: 'gradebook-filter', type: 'search', autocomplete: 'off' });
  const count = h('p', { id: 'gradebook-count', class: 'muted', role: 'status' });
  append(main, 
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'gradebook-mode' }, t('gradebook.mode'), modeSelect),
      h('label', { for: 'gradebook-filter' }, t('gradebook.filter'), filter),
      h('a', { id: 'gradebook-csv', class: 'button', href: `/api/gradebook?format=csv&mode=${mode}`, download: '' }, t('gradebook.csv')),
    ),
    h('p', { class: 'legend' }, t('gradebook.legend')),
  );
  if (book.students.length === 0) return void append(main, h('p', {}, t('gradebook.none')));

  const rows = buildRows(book, t);
  const tbody = h('tbody', {}, rows.map((r) => r.row));
  const columns = [t('gradebook.student'), ...book.assignments.map((a) => a.id), t('gradebook.total')];
  const headers = columns.map((label, index) => {
    const title = index > 0 && index <= book.assignments.length ? `${book.assignments[index - 1].title} (max ${formatNumber(book.assignments[index - 1].maxScore)})` : undefined;
    const button = h('button', { type: 'button', class: 'sort', title, 'aria-label': t('gradebook.sortBy', { column: title ? `${label}: ${title}` : label }) }, label);
    const th = h('th', { scope: 'col', class: index === 0 ? '' : 'num', 'aria-sort': 'none' }, button);
    button.addEventListener('click', () => sortBy(index, th));
    return th;
  });
  let sorted = { index: 0, direction: 'ascending' };
  headers[0].setAttribute('aria-sort', 'ascending');

  function sortBy(index, th) {
    const direction = sorted.index === index && sorted.direction === 'ascending' ? 'descending' : 'ascending';
    sorted = { index, direction };
    const sign = direction === 'ascending' ? 1 : -1;
    rows.sort((a, b) => {
      const x = a.keys[index];
      const y = b.keys[index];
      const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return sign * order || a.name.localeCompare(b.name);
    });
    for (const header of headers) header.setAttribute('aria-sort', 'none');
    th.setAttribute('aria-sort', direction);
    tbody.append(...rows.map((r) => r.row)); // moving nodes: no rebuild
  }

  function applyFilter() {
    const wanted = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      r.row.hidden = wanted !== '' && !r.name.includes(wanted);
      if (!r.row.hidden) shown += 1;
    }
    count.textContent = t('gradebook.count', { shown, total: rows.length });
  }
  filter.addEventListener('input', applyFilter);

  append(main, 
    h(
      'div',
      { class: 'table-scroll' },
      h('table', { id: 'gradebook' }, h('caption', { class: 'visually-hidden' }, t('gradebook.caption', { mode: t(`gradebook.mode.${mode}`) })), h('thead', {}, h('tr', {}, headers)), tbody),
    ),
    count,
  );
  applyFilter();
}
