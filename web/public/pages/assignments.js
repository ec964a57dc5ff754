// Teacher page (issue #9): a placeholder until dashteacher builds it.
import { h } from '../lib/dom.js';

export const strings = {
  en: { 'assignments.title': 'Assignments' },
  de: { 'assignments.title': 'Aufgaben' },
};

export async function render(main, { t }) {
  main.append(h('h1', {}, t('assignments.title')), h('p', {}, t('placeholder.text')));
}
