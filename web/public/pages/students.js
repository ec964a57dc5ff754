// Teacher page (issue #9): a placeholder until dashteacher builds it.
import { h } from '../lib/dom.js';

export const strings = {
  en: { 'students.title': 'Students' },
  de: { 'students.title': 'Studierende' },
};

export async function render(main, { t }) {
  main.append(h('h1', {}, t('students.title')), h('p', {}, t('placeholder.text')));
}
