// `/submissions/<id>` (issue #9): the report. Score, each test with points, status and
// feedback, the transcript as a conversation, the program's stdout/stderr. Everything in
// it is student-program-influenced: text nodes only (lib/dom.js), line breaks kept by CSS.
import { api, events, problemOf } from '../lib/api.js';
import { append, h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber } from '../lib/i18n.js';
import { scoreText, statusText } from '../lib/format.js';
import { testStatusText } from '../lib/live-submission.js';
import { comparisonView } from '../lib/compare-view.js';
import { conversation, conversationLegend } from '../lib/transcript-view.js';
import { notFound } from './not-found.js';
import { overrideFact } from './override-note.js';

export const strings = {
  en: {
    'submission.title': 'Report: {assignment}',
    'submission.student': 'Student',
    'submission.status': 'Status',
    'submission.score': 'Score',
    'submission.submitted': 'Handed in',
    'submission.late': 'Late',
    'submission.lateText': '{days} day(s) late, {percent} % off',
    'submission.duration': 'Grading took',
    'submission.error': 'Why it failed',
    'submission.assignment': 'Assignment',
    'submission.tests': 'Tests',
    'submission.hiddenTest': 'Hidden test',
    'submission.hiddenPoints': '{max} points',
    'submission.hiddenAfter': 'Its result is shown after {at}.',
    'submission.hiddenNever': 'Its result is not shown to students.',
    'submission.hiddenSummary': '{count} hidden test(s) worth {points} points are not counted in the score shown.',
    'submission.feedback': 'Feedback',
    'submission.points': '{score} of {max} points',
    'submission.pending': 'Not graded yet: this page updates by itself.',
    'submission.output': 'Your program’s output',
    'submission.stdout': 'Standard output (stdout)',
    'submission.stderr': 'Error output (stderr)',
    'submission.compiler': 'What the compiler said ({compiler}; warnings cost no points)',
    'submission.emptyOutput': '(empty)',
    'submission.lines': '{n} lines',
    'submission.testOutput': 'Printed by your program during this test',
  },
  de: {
    'submission.title': 'Bericht: {assignment}',
    'submission.student': 'Studierende*r',
    'submission.status': 'Status',
    'submission.score': 'Punkte',
    'submission.submitted': 'Abgegeben',
    'submission.late': 'Verspätet',
    'submission.lateText': '{days} Tag(e) zu spät, {percent} % Abzug',
    'submission.duration': 'Bewertungsdauer',
    'submission.error': 'Grund des Fehlers',
    'submission.assignment': 'Aufgabe',
    'submission.tests': 'Tests',
    'submission.hiddenTest': 'Verborgener Test',
    'submission.hiddenPoints': '{max} Punkte',
    'submission.hiddenAfter': 'Das Ergebnis wird nach {at} gezeigt.',
    'submission.hiddenNever': 'Das Ergebnis wird Studierenden nicht gezeigt.',
    'submission.hiddenSummary': '{count} verborgene(r) Test(s) mit {points} Punkten sind in der gezeigten Punktzahl nicht enthalten.',
    'submission.feedback': 'Rückmeldung',
    'submission.points': '{score} von {max} Punkten',
    'submission.pending': 'Noch nicht bewertet: diese Seite aktualisiert sich selbst.',
    'submission.output': 'Ausgabe Ihres Programms',
    'submission.stdout': 'Standardausgabe (stdout)',
    'submission.stderr': 'Fehlerausgabe (stderr)',
    'submission.compiler': 'Meldungen des Compilers ({compiler}; Warnungen kosten keine Punkte)',
    'submission.emptyOutput': '(leer)',
    'submission.lines': '{n} Zeilen',
    'submission.testOutput': 'Ausgabe Ihres Programms während dieses Tests',
  },
};

const FINAL = new Set(['done', 'error', 'superseded']);
/** Output longer than this starts collapsed. */
const LONG_LINES = 25;
const LONG_CHARS = 3000;

function facts(t, s, assignmentTitle, isTeacher) {
  const pairs = [
    ['submission.assignment', h('a', { href: `/assignments/${encodeURIComponent(s.assignment)}` }, assignmentTitle ?? s.assignment), 'assignment'],
    isTeacher && ['submission.student', s.user?.name ?? `#${s.user?.id}`, 'student'],
    ['submission.status', statusText(s.status), 'status'],
    ['submission.score', scoreText(s.score, s.maxScore), 'score'],
    overrideFact(s),
    ['submission.submitted', formatDateTime(s.createdAt), 'time'],
    s.late && ['submission.late', t('submission.lateText', { days: s.late.daysLate, percent: s.late.penaltyPercent }), 'late'],
    s.report && ['submission.duration', `${formatNumber(s.report.durationMs / 1000)} s`, 'duration'],
    s.error && ['submission.error', s.error, 'error'],
  ].filter(Boolean);
  return h('dl', { class: 'facts', id: 'report-facts', dataset: { status: s.status } }, pairs.map(([key, value, cls]) => [h('dt', {}, t(key)), h('dd', { class: cls }, value)]));
}

function testSection(t, test) {
  if (test.hidden) {
    return h(
      'section',
      { class: 'test-result hidden-test', dataset: { test: test.id, status: 'hidden' } },
      h('h3', {}, h('span', {}, t('submission.hiddenTest')), h('span', { class: 'points' }, t('submission.hiddenPoints', { max: formatNumber(test.maxScore) }))),
      h('p', { class: 'muted' }, test.shownAfter ? t('submission.hiddenAfter', { at: formatDateTime(test.shownAfter) }) : t('submission.hiddenNever')),
    );
  }
  return h(
    'section',
    { class: 'test-result', dataset: { test: test.id, status: test.status } },
    h(
      'h3',
      {},
      h('span', { class: 'test-name' }, test.name),
      h(
        'span',
        {},
        h('span', { class: `test-status test-status-${test.status}` }, testStatusText(test.status)),
        ' · ',
        h('span', { class: 'points' }, t('submission.points', { score: formatNumber(test.score), max: formatNumber(test.maxScore) })),
      ),
    ),
    test.feedback && h('p', { class: 'feedback' }, test.feedback),
    test.compare && comparisonView(test.compare),
    conversation(test.transcript),
    testOutput(t, test.output),
  );
}

/** What the program printed while the test ran (issue #13): only the streams it printed on. */
function testOutput(t, output) {
  if (!output || (!output.stdout && !output.stderr)) return null;
  return h(
    'div',
    { class: 'test-output' },
    h('h4', {}, t('submission.testOutput')),
    output.stdout && outputBlock(t, 'submission.stdout', output.stdout, undefined, { stream: 'stdout' }),
    output.stderr && outputBlock(t, 'submission.stderr', output.stderr, undefined, { stream: 'stderr' }),
  );
}

function outputBlock(t, key, text, id, { stream, vars = {} } = {}) {
  const lines = text ? text.split('\n').length : 0;
  const long = lines > LONG_LINES || text.length > LONG_CHARS;
  return h(
    'details',
    { class: 'log', id, open: !long, dataset: stream ? { stream } : undefined },
    h('summary', {}, `${t(key, vars)}${text ? ` — ${t('submission.lines', { n: lines })}` : ''}`),
    h('pre', { class: 'output' }, text || t('submission.emptyOutput')),
  );
}

function report(t, s) {
  const r = s.report;
  if (!r) return [];
  return [
    s.hiddenTests?.count > 0 &&
      h('p', { class: 'muted', id: 'hidden-summary' }, t('submission.hiddenSummary', { count: s.hiddenTests.count, points: formatNumber(s.hiddenTests.maxScore) })),
    h('h2', {}, t('submission.tests')),
    conversationLegend(),
    h('div', { id: 'tests' }, r.tests.map((test) => testSection(t, test))),
    h('h2', {}, t('submission.output')),
    outputBlock(t, 'submission.stdout', r.logs?.stdout ?? '', 'stdout'),
    outputBlock(t, 'submission.stderr', r.logs?.stderr ?? '', 'stderr'),
    // C and Java (issue #14): the compile step's warnings or errors, as the compiler printed them.
    r.build && outputBlock(t, 'submission.compiler', r.build.output ?? '', 'compiler-output', { vars: { compiler: r.build.compiler } }),
  ];
}

export async function render(main, ctx) {
  const { t, params, signal, user } = ctx;
  const path = `/api/submissions/${encodeURIComponent(params.id)}`;
  const result = await api('GET', path, undefined, { signal });
  if (result.status === 404) return void append(main, notFound(t));
  if (result.status !== 200) return void append(main, h('p', { class: 'message error', role: 'alert' }, problemOf(result, t)));
  const assignment = await api('GET', `/api/assignments/${encodeURIComponent(result.data.assignment)}`, undefined, { signal });
  const title = assignment.status === 200 ? assignment.data.title : null;
  const isTeacher = user.role === 'teacher';

  const head = h('h1', {}, t('submission.title', { assignment: title ?? result.data.assignment }));
  const factsBox = h('div', {});
  const pending = h('p', { class: 'message', id: 'report-pending', role: 'status' });
  const teacherBox = h('section', { class: 'teacher-controls', id: 'teacher-controls' });
  const body = h('div', { id: 'report' });
  append(main, head, factsBox, pending, teacherBox, body);

  const draw = async (submission) => {
    replace(factsBox, facts(t, submission, title, isTeacher));
    pending.textContent = FINAL.has(submission.status) ? '' : t('submission.pending');
    replace(body, report(t, submission));
    if (isTeacher) {
      replace(teacherBox);
      const { renderTeacherControls } = await import('./submission-teacher.js');
      await renderTeacherControls(teacherBox, ctx, submission, async () => {
        const again = await api('GET', path, undefined, { signal });
        if (again.status === 200) await draw(again.data);
      });
    }
  };
  await draw(result.data);

  // Not finished: follow it live, and show the report when it comes.
  if (!FINAL.has(result.data.status)) {
    events(
      `${path}/events`,
      {
        status: (submission) => void draw({ ...submission, report: null }),
        done: (submission) => void draw(submission),
      },
      { signal },
    );
  }
}
