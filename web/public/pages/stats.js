// Teacher page (issue #9): a placeholder until dashteacher builds it.
import { h } from '../lib/dom.js';

export const strings = {
  en: { 'stats.title': 'Assignment statistics' },
  de: { 'stats.title': 'Statistik der Aufgabe' },
};

export async function render(main, { t }) {
  main.append(h('h1', {}, t('stats.title')), h('p', {}, t('placeholder.text')));
}
