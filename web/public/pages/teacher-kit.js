// What the teacher's pages share (issue #9): their stylesheet, error and problem
// messages. Every text from the server goes in as text (lib/dom.js).
import { problemOf } from '../lib/api.js';
import { h } from '../lib/dom.js';

/** The teacher pages' own stylesheet, added once (the page's CSP allows our own files). */
export function teacherStyles() {
  if (document.querySelector('link[data-teacher-css]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: '/teacher.css', 'data-teacher-css': 'true' }));
}

/** A failed call's message, announced to screen readers. */
export function errorMessage(result, t) {
  return h('p', { class: 'message error', role: 'alert' }, problemOf(result, t));
}

/**
 * A 400 with per-line problems (a roster, an assignment file): the message, then each
 * problem as a list item, its `text` (or `Line n: message`) as plain text.
 */
export function problemsBox(result, t, lineText) {
  const problems = result.data?.error?.problems ?? [];
  return h(
    'div',
    { class: 'problems', role: 'alert' },
    h('p', { class: 'message error' }, problemOf(result, t)),
    problems.length > 0 && h('ul', { class: 'problem-list' }, problems.map((problem) => h('li', {}, lineText ? lineText(problem) : problem.text))),
  );
}

/** A secret shown once (a password, a token): selectable text and a note that it will not be shown again. */
export function secretBox(label, secret, note) {
  return h('div', { class: 'secret panel', role: 'status' }, h('p', {}, label), h('code', { class: 'secret-value' }, secret), h('p', { class: 'muted' }, note));
}
