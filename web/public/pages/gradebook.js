// Teacher page (issue #9): a placeholder until dashteacher builds it.
import { h } from '../lib/dom.js';

export const strings = {
  en: { 'gradebook.title': 'Gradebook' },
  de: { 'gradebook.title': 'Notenübersicht' },
};

export async function render(main, { t }) {
  main.append(h('h1', {}, t('gradebook.title')), h('p', {}, t('placeholder.text')));
}
