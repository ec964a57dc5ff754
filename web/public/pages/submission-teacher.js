// The teacher's controls on a report (issue #9): regrade, and a manual score override
// with a comment, kept beside the automatic score and undoable. submission.js calls
// this only when the viewer is a teacher.
import { api } from '../lib/api.js';
import { append, h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, register, t } from '../lib/i18n.js';
import { errorMessage, teacherStyles } from './teacher-kit.js';

register({
  en: {
    'subTeacher.title': 'Teacher',
    'subTeacher.regrade': 'Regrade',
    'subTeacher.regraded': 'Queued for grading again.',
    'subTeacher.override': 'Override the score',
    'subTeacher.current': 'Teacher override: {score} of {max} (automatic score {automatic}).',
    'subTeacher.comment': 'Comment for the student (required)',
    'subTeacher.score': 'Score (0 to {max})',
    'subTeacher.save': 'Save override',
    'subTeacher.saved': 'Override saved.',
    'subTeacher.undo': 'Undo override',
    'subTeacher.undone': 'Override undone.',
    'subTeacher.history': 'Override history',
    'subTeacher.historyEntry': '{at}: {by} set {score} ({comment})',
    'subTeacher.historyUndone': ', undone by {by} at {at}',
    'subTeacher.notGraded': 'The score can be overridden once the submission is graded.',
  },
  de: {
    'subTeacher.title': 'Lehrkraft',
    'subTeacher.regrade': 'Neu bewerten',
    'subTeacher.regraded': 'Zur erneuten Bewertung eingereiht.',
    'subTeacher.override': 'Punkte überschreiben',
    'subTeacher.current': 'Von der Lehrkraft gesetzt: {score} von {max} (automatisch {automatic}).',
    'subTeacher.comment': 'Kommentar für die*den Studierende*n (Pflicht)',
    'subTeacher.score': 'Punkte (0 bis {max})',
    'subTeacher.save': 'Überschreibung speichern',
    'subTeacher.saved': 'Überschreibung gespeichert.',
    'subTeacher.undo': 'Überschreibung zurücknehmen',
    'subTeacher.undone': 'Überschreibung zurückgenommen.',
    'subTeacher.history': 'Verlauf der Überschreibungen',
    'subTeacher.historyEntry': '{at}: {by} setzte {score} ({comment})',
    'subTeacher.historyUndone': ', zurückgenommen von {by} am {at}',
    'subTeacher.notGraded': 'Die Punkte lassen sich überschreiben, sobald die Abgabe bewertet ist.',
  },
});

/**
 * `container`: an empty <section> below the score; `submission`: what
 * `GET /api/submissions/:id` answered; `reload()` fetches and draws the report again.
 */
export async function renderTeacherControls(container, ctx, submission, reload) {
  teacherStyles();
  const { signal } = ctx;
  const id = encodeURIComponent(submission.id);
  const status = h('p', { id: 'teacher-status', class: 'message', role: 'status' });
  const regrade = h('button', { type: 'button', id: 'regrade', class: 'secondary' }, t('subTeacher.regrade'));
  regrade.addEventListener('click', async () => {
    regrade.disabled = true;
    const result = await api('POST', `/api/submissions/${id}/regrade`, undefined, { signal });
    regrade.disabled = false;
    if (result.status !== 202) return void replace(status, errorMessage(result, t));
    // Drawn afresh, so the page follows the new grading live like any unfinished one.
    await ctx.navigate(location.pathname, { replace: true });
  });
  append(container, h('h2', {}, t('subTeacher.title')), h('div', { class: 'actions' }, regrade), status);

  const max = submission.override?.maxScore ?? submission.maxScore;
  if (submission.maxScore === null || submission.maxScore === undefined) {
    append(container, h('p', { class: 'muted' }, t('subTeacher.notGraded')));
    return;
  }
  const section = h('section', { class: 'panel', id: 'override', 'aria-labelledby': 'override-title' }, h('h3', { id: 'override-title' }, t('subTeacher.override')));
  if (submission.override) {
    const undo = h('button', { type: 'button', id: 'override-undo', class: 'secondary' }, t('subTeacher.undo'));
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      const result = await api('DELETE', `/api/submissions/${id}/override`, undefined, { signal });
      undo.disabled = false;
      if (result.status !== 200) return void replace(status, errorMessage(result, t));
      await reload();
    });
    append(section, 
      h(
        'p',
        { id: 'override-current' },
        t('subTeacher.current', { score: formatNumber(submission.override.score), max: formatNumber(max), automatic: formatNumber(submission.override.automaticScore) }),
      ),
      h('blockquote', { class: 'override-comment' }, submission.override.comment),
      undo,
    );
  }
  const score = h('input', { id: 'override-score', type: 'number', min: 0, max, step: 'any', required: true, inputmode: 'decimal', value: submission.override?.score ?? '' });
  const comment = h('textarea', { id: 'override-comment', maxlength: 1000, required: true, rows: 3 });
  const formStatus = h('div', { id: 'override-message', 'aria-live': 'polite' });
  const form = h(
    'form',
    { id: 'override-form', class: 'stack' },
    h('label', { for: 'override-score' }, t('subTeacher.score', { max: formatNumber(max) })),
    score,
    h('label', { for: 'override-comment' }, t('subTeacher.comment')),
    comment,
    h('button', { type: 'submit' }, t('subTeacher.save')),
    formStatus,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await api('PUT', `/api/submissions/${id}/override`, { score: Number(score.value), comment: comment.value }, { signal });
    if (result.status !== 200) return void replace(formStatus, errorMessage(result, t));
    await reload();
  });
  append(section, form);
  append(container, section);

  const history = await api('GET', `/api/submissions/${id}/override`, undefined, { signal });
  if (history.status === 200 && history.data.history.length > 0) {
    append(container, 
      h('h3', {}, t('subTeacher.history')),
      h(
        'ul',
        { id: 'override-history' },
        history.data.history.map((entry) =>
          h(
            'li',
            {},
            t('subTeacher.historyEntry', { at: formatDateTime(entry.setAt), by: entry.setBy ?? '?', score: formatNumber(entry.score), comment: entry.comment }),
            entry.undoneAt ? t('subTeacher.historyUndone', { by: entry.undoneBy ?? '?', at: formatDateTime(entry.undoneAt) }) : '',
          ),
        ),
      ),
    );
  }
}
