// `/submissions/<id>`: the report.
import { api, problemOf } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { scoreText, statusText } from '../lib/format.js';
import { notFound } from './not-found.js';

export const strings = {
  en: { 'submission.title': 'Submission of {assignment}', 'submission.score': 'Score', 'submission.status': 'Status' },
  de: { 'submission.title': 'Abgabe zu {assignment}', 'submission.score': 'Punkte', 'submission.status': 'Status' },
};

export async function render(main, ctx) {
  const { t, params, signal } = ctx;
  const result = await api('GET', `/api/submissions/${encodeURIComponent(params.id)}`, undefined, { signal });
  if (result.status === 404) return void main.append(notFound(t));
  if (result.status !== 200) return void main.append(h('p', { class: 'message error', role: 'alert' }, problemOf(result, t)));
  const submission = result.data;
  main.append(
    h('h1', {}, t('submission.title', { assignment: submission.assignment })),
    h('dl', { class: 'facts' }, h('dt', {}, t('submission.status')), h('dd', { class: 'status' }, statusText(submission.status)), h('dt', {}, t('submission.score')), h('dd', { class: 'score' }, scoreText(submission.score, submission.maxScore))),
  );
  if (ctx.user.role === 'teacher') {
    const container = h('section', { class: 'teacher-controls' });
    main.append(container);
    const { renderTeacherControls } = await import('./submission-teacher.js');
    await renderTeacherControls(container, ctx, submission, () => ctx.navigate(location.pathname, { replace: true }));
  }
}
