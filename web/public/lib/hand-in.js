// The hand-in area (issue #9): drop files or one archive, or pick them with the "Files"
// input; sent as the multipart POST /api/submissions takes it (web/upload/).
import { problemOf, upload } from './api.js';
import { h, replace } from './dom.js';
import { register, t } from './i18n.js';
import { durationText } from './format.js';

register({
  en: {
    'handin.title': 'Hand in',
    'handin.drop': 'Drop your files or one .zip / .tar.gz archive here, or choose them.',
    'handin.entry': 'The program starts from {entry}.',
    'handin.files': 'Files',
    'handin.submit': 'Hand in',
    'handin.busy': 'Sending…',
    'handin.none': 'Choose at least one file first.',
    'handin.mixed': 'Hand in either one archive (.zip, .tar.gz, .tgz, .tar) or loose files, not both.',
    'handin.retry': 'You can try again in {time}.',
    'handin.sent': 'Handed in. It is graded now; you can follow it below.',
    'handin.closed': 'This assignment takes no more submissions.',
  },
  de: {
    'handin.title': 'Abgeben',
    'handin.drop': 'Ziehen Sie Ihre Dateien oder ein .zip- / .tar.gz-Archiv hierher, oder wählen Sie sie aus.',
    'handin.entry': 'Das Programm startet mit {entry}.',
    'handin.files': 'Dateien',
    'handin.submit': 'Abgeben',
    'handin.busy': 'Wird gesendet…',
    'handin.none': 'Bitte zuerst mindestens eine Datei auswählen.',
    'handin.mixed': 'Geben Sie entweder ein Archiv (.zip, .tar.gz, .tgz, .tar) oder einzelne Dateien ab, nicht beides.',
    'handin.retry': 'Sie können es in {time} erneut versuchen.',
    'handin.sent': 'Abgegeben. Die Bewertung läuft; Sie können sie unten verfolgen.',
    'handin.closed': 'Diese Aufgabe nimmt keine Abgaben mehr an.',
  },
});

const ARCHIVE = /\.(zip|tar\.gz|tgz|tar)$/i;

/**
 * The form. `onSubmitted({id, status})` after a 202; refusals (400, 403, 413, 415, 429)
 * are shown in the form with the server's message and, with Retry-After, when to retry.
 */
export function handInForm({ assignment, signal, onSubmitted }) {
  let chosen = [];
  const input = h('input', { type: 'file', id: 'handin-files', name: 'files', multiple: true });
  const list = h('ul', { class: 'file-list', id: 'handin-chosen', 'aria-live': 'polite' });
  const message = h('p', { class: 'message', id: 'handin-message', role: 'status' });
  const button = h('button', { type: 'submit', id: 'handin-submit' }, t('handin.submit'));

  const show = () => {
    replace(list, chosen.map((file) => h('li', {}, `${file.name} (${file.size} B)`)));
    list.hidden = chosen.length === 0;
  };
  const choose = (files) => {
    chosen = [...files];
    message.textContent = '';
    message.className = 'message';
    show();
  };
  input.addEventListener('change', () => choose(input.files ?? []));

  const zone = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('p', {}, t('handin.drop')),
    assignment.entry && h('p', { class: 'muted' }, t('handin.entry', { entry: assignment.entry })),
    h('label', { for: 'handin-files' }, t('handin.files')),
    input,
    list,
  );
  const over = (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  };
  zone.addEventListener('dragenter', over);
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer?.files?.length) choose(event.dataTransfer.files);
  });
  // A file dropped beside the zone would make the browser open it and leave the page.
  const guard = (event) => event.preventDefault();
  window.addEventListener('dragover', guard);
  window.addEventListener('drop', guard);
  signal?.addEventListener('abort', () => {
    window.removeEventListener('dragover', guard);
    window.removeEventListener('drop', guard);
  });

  const refuse = (text) => {
    message.className = 'message error';
    message.setAttribute('role', 'alert');
    message.textContent = text;
  };

  const form = h('form', { id: 'handin-form', class: 'handin-form' }, zone, button, message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (chosen.length === 0) return refuse(t('handin.none'));
    const archives = chosen.filter((file) => ARCHIVE.test(file.name));
    if (archives.length > 0 && chosen.length > 1) return refuse(t('handin.mixed'));
    const body = new FormData();
    body.append('assignment', assignment.id);
    if (archives.length === 1) body.append('archive', archives[0], archives[0].name);
    else for (const file of chosen) body.append('files', file, file.name);
    button.disabled = true;
    message.className = 'message';
    message.setAttribute('role', 'status');
    message.textContent = t('handin.busy');
    let result;
    try {
      result = await upload('/api/submissions', body, { signal });
    } finally {
      button.disabled = false;
    }
    if (result.status !== 202) {
      const retry = Number(result.headers.get('Retry-After'));
      return refuse([problemOf(result, t), retry > 0 ? t('handin.retry', { time: durationText(retry * 1000) }) : ''].filter(Boolean).join(' '));
    }
    message.textContent = t('handin.sent');
    chosen = [];
    form.reset();
    show();
    onSubmitted?.(result.data);
  });
  show();
  return h('section', { class: 'handin', 'aria-labelledby': 'handin-title' }, h('h2', { id: 'handin-title' }, t('handin.title')), form);
}
