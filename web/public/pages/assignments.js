// `/assignments` (teacher, issue #9): built-in assignments and the teacher's files; a
// definition uploaded or edited as YAML, checked by the server with the start-up loader
// (its `file:line: path: message` problems shown), in effect at once.
import { api } from '../lib/api.js';
import { append, h, replace } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';
import { errorMessage, problemsBox, teacherStyles } from './teacher-kit.js';

export const strings = {
  en: {
    'assignments.title': 'Assignments',
    'assignments.id': 'Id',
    'assignments.name': 'Title',
    'assignments.points': 'Points',
    'assignments.source': 'Defined in',
    'assignments.builtin': 'built in',
    'assignments.actions': 'Actions',
    'assignments.sheet': 'Sheet',
    'assignments.stats': 'Statistics',
    'assignments.edit': 'Edit {id}',
    'assignments.editShort': 'Edit',
    'assignments.editor': 'Upload or edit a definition',
    'assignments.editing': 'Editing {file}',
    'assignments.new': 'New definition',
    'assignments.help': 'YAML, based on a built-in assignment (basedOn), or a protocol test of your own (kind: scripted). Saved into the assignments folder and in effect at once; a definition with an error changes nothing.',
    'assignments.yaml': 'Definition (YAML)',
    'assignments.file': 'Or load a YAML file',
    'assignments.template': 'Start from the example',
    'assignments.save': 'Save',
    'assignments.delete': 'Delete this file',
    'assignments.saved': 'Saved as {file}; in effect now.',
    'assignments.deleted': 'Deleted {id}.',
    'assignments.noId': 'The definition needs an `id:` line.',
  },
  de: {
    'assignments.title': 'Aufgaben',
    'assignments.id': 'Kennung',
    'assignments.name': 'Titel',
    'assignments.points': 'Punkte',
    'assignments.source': 'Definiert in',
    'assignments.builtin': 'eingebaut',
    'assignments.actions': 'Aktionen',
    'assignments.sheet': 'Aufgabenblatt',
    'assignments.stats': 'Statistik',
    'assignments.edit': '{id} bearbeiten',
    'assignments.editShort': 'Bearbeiten',
    'assignments.editor': 'Definition hochladen oder bearbeiten',
    'assignments.editing': '{file} wird bearbeitet',
    'assignments.new': 'Neue Definition',
    'assignments.help': 'YAML, auf einer eingebauten Aufgabe aufbauend (basedOn), oder ein eigener Protokolltest (kind: scripted). Wird im Aufgabenordner gespeichert und gilt sofort; eine fehlerhafte Definition ändert nichts.',
    'assignments.yaml': 'Definition (YAML)',
    'assignments.file': 'Oder eine YAML-Datei laden',
    'assignments.template': 'Mit dem Beispiel beginnen',
    'assignments.save': 'Speichern',
    'assignments.delete': 'Diese Datei löschen',
    'assignments.saved': 'Als {file} gespeichert; gilt ab sofort.',
    'assignments.deleted': '{id} gelöscht.',
    'assignments.noId': 'Die Definition braucht eine Zeile `id:`.',
  },
};

/** The text's top-level `id:` (the URL's id must match it; the server checks). */
const idOf = (yaml) => /^id:\s*["']?([a-z0-9-]+)["']?\s*(#.*)?$/m.exec(yaml)?.[1] ?? null;

/** Fetches text (the YAML endpoints answer text, not JSON). */
async function fetchText(path, signal) {
  const response = await fetch(path, { credentials: 'same-origin', signal });
  const text = await response.text();
  if (response.ok) return { status: response.status, text };
  let message = text;
  try {
    message = JSON.parse(text).error.message;
  } catch {
    // not our JSON error: show the text as it is
  }
  return { status: response.status, text: message };
}

export async function render(main, { t, signal, navigate }) {
  teacherStyles();
  append(main, h('h1', {}, t('assignments.title')));
  const result = await api('GET', '/api/assignments', undefined, { signal });
  if (result.status !== 200) return void append(main, errorMessage(result, t));

  const heading = h('h2', { id: 'editor-title' }, t('assignments.new'));
  const yaml = h('textarea', { id: 'assignment-yaml', class: 'yaml', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'editor-help' });
  const file = h('input', { id: 'assignment-file', type: 'file', accept: '.yaml,.yml,.json,text/yaml' });
  const out = h('div', { id: 'assignment-result', 'aria-live': 'polite' });
  const template = h('button', { type: 'button', id: 'assignment-template', class: 'secondary' }, t('assignments.template'));
  const save = h('button', { type: 'submit', id: 'assignment-save' }, t('assignments.save'));
  const remove = h('button', { type: 'button', id: 'assignment-delete', class: 'secondary', hidden: true }, t('assignments.delete'));
  let editing = null;

  async function edit(id) {
    const found = await fetchText(`/api/assignment-files/${encodeURIComponent(id)}`, signal);
    if (found.status !== 200) return void replace(out, h('p', { class: 'message error', role: 'alert' }, found.text));
    editing = id;
    yaml.value = found.text;
    heading.textContent = t('assignments.editing', { file: id });
    remove.hidden = false;
    replace(out);
    yaml.focus();
  }

  template.addEventListener('click', async () => {
    const found = await fetchText('/api/assignment-files/template', signal);
    if (found.status === 200) yaml.value = found.text;
    yaml.focus();
  });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) yaml.value = await file.files[0].text();
  });
  remove.addEventListener('click', async () => {
    const response = await api('DELETE', `/api/assignment-files/${encodeURIComponent(editing)}`, undefined, { signal });
    if (response.status !== 204) return void replace(out, errorMessage(response, t));
    await navigate('/assignments', { replace: true });
  });

  const form = h(
    'form',
    { id: 'assignment-form', class: 'panel', 'aria-labelledby': 'editor-title' },
    heading,
    h('p', { id: 'editor-help', class: 'muted' }, t('assignments.help')),
    h('label', { for: 'assignment-yaml' }, t('assignments.yaml')),
    yaml,
    h('div', { class: 'form-row' }, h('label', { for: 'assignment-file' }, t('assignments.file'), file)),
    h('div', { class: 'actions' }, save, template, remove),
    out,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = idOf(yaml.value) ?? editing;
    if (!id) return void replace(out, h('p', { class: 'message error', role: 'alert' }, t('assignments.noId')));
    const response = await api('PUT', `/api/assignment-files/${encodeURIComponent(id)}`, { yaml: yaml.value }, { signal });
    if (response.status !== 200 && response.status !== 201) return void replace(out, problemsBox(response, t));
    await navigate(`/assignments?saved=${encodeURIComponent(response.data.file)}`, { replace: true });
  });

  const rows = result.data.assignments.map((assignment) => {
    const source = assignment.source ?? { kind: 'builtin' };
    const editButton =
      source.kind === 'file' && h('button', { type: 'button', class: 'secondary', 'aria-label': t('assignments.edit', { id: assignment.id }) }, t('assignments.editShort'));
    if (editButton) editButton.addEventListener('click', () => edit(assignment.id));
    return h(
      'tr',
      { dataset: { assignment: assignment.id, source: source.kind } },
      h('th', { scope: 'row' }, h('a', { href: `/assignments/${encodeURIComponent(assignment.id)}` }, assignment.id)),
      h('td', {}, assignment.title),
      h('td', { class: 'num' }, formatNumber(assignment.maxScore)),
      h('td', { class: 'source' }, source.kind === 'file' ? source.file : t('assignments.builtin')),
      h('td', {}, h('div', { class: 'actions' }, h('a', { href: `/assignments/${encodeURIComponent(assignment.id)}/stats` }, t('assignments.stats')), editButton)),
    );
  });
  const head = ['assignments.id', 'assignments.name', 'assignments.points', 'assignments.source', 'assignments.actions'];
  const params = new URLSearchParams(location.search);
  append(main, 
    params.get('saved') ? h('p', { class: 'message', role: 'status', id: 'assignment-saved' }, t('assignments.saved', { file: params.get('saved') })) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h('table', { id: 'assignments' }, h('thead', {}, h('tr', {}, head.map((key) => h('th', { scope: 'col', class: key === 'assignments.points' ? 'num' : '' }, t(key))))), h('tbody', {}, rows)),
    ),
    form,
  );
}
