// Any URL without a page, a teacher's page for a student, and anything the API answers
// 404 for (someone else's submission): the same words, so nothing tells them apart.
import { append, h } from '../lib/dom.js';

export async function render(main, { t }) {
  append(main, notFound(t));
}

/** The not-found content, for pages that learn only from the API that there is nothing to show. */
export function notFound(t) {
  return h(
    'section',
    { class: 'not-found' },
    h('h1', {}, t('notFound.title')),
    h('p', {}, t('notFound.text')),
    h('p', {}, h('a', { href: '/' }, t('notFound.home'))),
  );
}
