// `/students` (teacher, issue #9): the list, one new student, a roster CSV import with a
// preview and per-line errors, a password reset, an API token shown once.
import { api } from '../lib/api.js';
import { append, h, replace } from '../lib/dom.js';
import { formatDateTime } from '../lib/i18n.js';
import { errorMessage, problemsBox, secretBox, teacherStyles } from './teacher-kit.js';

export const strings = {
  en: {
    'students.title': 'Students',
    'students.list': 'Everyone',
    'students.name': 'Name',
    'students.role': 'Role',
    'students.created': 'Created',
    'students.last': 'Last submission',
    'students.submissions': 'Submissions',
    'students.actions': 'Actions',
    'students.reset': 'Reset password of {name}',
    'students.resetShort': 'New password',
    'students.token': 'Issue an API token for {name}',
    'students.tokenShort': 'New token',
    'students.newPassword': 'New password for {name}:',
    'students.newToken': 'New API token for {name}:',
    'students.once': 'Shown once: write it down or hand it over now.',
    'students.add': 'Add a student',
    'students.password': 'Password (optional, at least 8 characters)',
    'students.create': 'Add',
    'students.created1': 'Added {name}. Their API token:',
    'students.roster': 'Import a roster',
    'students.rosterHelp': 'One student per line: name, optionally a comma and a password (at least 8 characters). A header line "name,password" is allowed. Missing passwords are generated.',
    'students.rosterText': 'Roster (CSV)',
    'students.rosterFile': 'Or load a CSV file',
    'students.preview': 'Preview',
    'students.import': 'Create all',
    'students.willCreate': '{n} students would be created:',
    'students.generated': 'password generated',
    'students.given': 'password from the file',
    'students.problems': 'Fix these lines first; nothing is created while one is wrong:',
    'students.line': 'Line {line}: {message}',
    'students.imported': 'Created {n} students. Generated passwords (shown once):',
    'students.none': 'No users yet.',
    'students.creating': 'Creating the students (each password is hashed: this takes a moment)…',
  },
  de: {
    'students.title': 'Studierende',
    'students.list': 'Alle',
    'students.name': 'Name',
    'students.role': 'Rolle',
    'students.created': 'Angelegt',
    'students.last': 'Letzte Abgabe',
    'students.submissions': 'Abgaben',
    'students.actions': 'Aktionen',
    'students.reset': 'Passwort von {name} zurücksetzen',
    'students.resetShort': 'Neues Passwort',
    'students.token': 'API-Token für {name} ausstellen',
    'students.tokenShort': 'Neues Token',
    'students.newPassword': 'Neues Passwort für {name}:',
    'students.newToken': 'Neues API-Token für {name}:',
    'students.once': 'Wird nur einmal gezeigt: jetzt notieren oder weitergeben.',
    'students.add': 'Studierende*n hinzufügen',
    'students.password': 'Passwort (optional, mindestens 8 Zeichen)',
    'students.create': 'Hinzufügen',
    'students.created1': '{name} hinzugefügt. API-Token:',
    'students.roster': 'Kursliste importieren',
    'students.rosterHelp': 'Eine Person pro Zeile: Name, optional ein Komma und ein Passwort (mindestens 8 Zeichen). Eine Kopfzeile „name,password“ ist erlaubt. Fehlende Passwörter werden erzeugt.',
    'students.rosterText': 'Kursliste (CSV)',
    'students.rosterFile': 'Oder eine CSV-Datei laden',
    'students.preview': 'Vorschau',
    'students.import': 'Alle anlegen',
    'students.willCreate': '{n} Studierende würden angelegt:',
    'students.generated': 'Passwort wird erzeugt',
    'students.given': 'Passwort aus der Datei',
    'students.problems': 'Erst diese Zeilen korrigieren; solange eine falsch ist, wird nichts angelegt:',
    'students.line': 'Zeile {line}: {message}',
    'students.imported': '{n} Studierende angelegt. Erzeugte Passwörter (nur einmal sichtbar):',
    'students.none': 'Noch keine Personen.',
    'students.creating': 'Studierende werden angelegt (jedes Passwort wird gehasht: das dauert einen Moment)…',
  },
};

function userTable(users, t, output, signal) {
  const rows = users.map((user) => {
    const actions = [];
    if (user.role === 'student') {
      const reset = h('button', { type: 'button', class: 'secondary', 'aria-label': t('students.reset', { name: user.name }) }, t('students.resetShort'));
      reset.addEventListener('click', async () => {
        const result = await api('POST', `/api/users/${user.id}/password`, {}, { signal });
        replace(output, result.status === 200 ? secretBox(t('students.newPassword', { name: user.name }), result.data.password, t('students.once')) : errorMessage(result, t));
        output.focus();
      });
      const token = h('button', { type: 'button', class: 'secondary', 'aria-label': t('students.token', { name: user.name }) }, t('students.tokenShort'));
      token.addEventListener('click', async () => {
        const result = await api('POST', `/api/users/${user.id}/tokens`, {}, { signal });
        replace(output, result.status === 201 ? secretBox(t('students.newToken', { name: user.name }), result.data.token, t('students.once')) : errorMessage(result, t));
        output.focus();
      });
      actions.push(reset, token);
    }
    return h(
      'tr',
      { dataset: { user: String(user.id) } },
      h('th', { scope: 'row' }, user.name),
      h('td', {}, t(`user.role.${user.role}`)),
      h('td', {}, formatDateTime(user.createdAt)),
      h('td', {}, formatDateTime(user.lastSubmissionAt) || '–'),
      h('td', { class: 'num' }, String(user.submissions)),
      h('td', {}, h('div', { class: 'actions' }, actions)),
    );
  });
  const head = ['students.name', 'students.role', 'students.created', 'students.last', 'students.submissions', 'students.actions'];
  return h(
    'div',
    { class: 'table-scroll' },
    h('table', { id: 'users' }, h('thead', {}, h('tr', {}, head.map((key) => h('th', { scope: 'col', class: key === 'students.submissions' ? 'num' : '' }, t(key))))), h('tbody', {}, rows)),
  );
}

function addForm(t, signal, refresh) {
  const name = h('input', { id: 'new-name', required: true, maxlength: 64, autocomplete: 'off' });
  const password = h('input', { id: 'new-password', type: 'password', minlength: 8, maxlength: 200, autocomplete: 'new-password' });
  const out = h('div', { id: 'new-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { id: 'new-student', class: 'form-row' },
    h('label', { for: 'new-name' }, t('students.name'), name),
    h('label', { for: 'new-password' }, t('students.password'), password),
    h('button', { type: 'submit' }, t('students.create')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), role: 'student', ...(password.value ? { password: password.value } : {}) };
    const result = await api('POST', '/api/users', body, { signal });
    if (result.status !== 201) return void replace(out, errorMessage(result, t));
    form.reset();
    await refresh();
    replace(out, secretBox(t('students.created1', { name: result.data.user.name }), result.data.token, t('students.once')));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'add-title' }, h('h2', { id: 'add-title' }, t('students.add')), form, out);
}

function rosterForm(t, signal, refresh) {
  const text = h('textarea', { id: 'roster-csv', class: 'csv', 'aria-describedby': 'roster-help', spellcheck: 'false', autocomplete: 'off' });
  const file = h('input', { id: 'roster-file', type: 'file', accept: '.csv,text/csv,text/plain' });
  const out = h('div', { id: 'roster-result', 'aria-live': 'polite' });
  const preview = h('button', { type: 'button', id: 'roster-preview', class: 'secondary' }, t('students.preview'));
  const create = h('button', { type: 'button', id: 'roster-import', disabled: true }, t('students.import'));
  const lineText = (problem) => t('students.line', { line: problem.line, message: problem.message });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) text.value = await file.files[0].text();
    create.disabled = true;
  });
  text.addEventListener('input', () => (create.disabled = true)); // preview again after any change

  preview.addEventListener('click', async () => {
    const result = await api('POST', '/api/users/roster', { csv: text.value, dryRun: true }, { signal });
    if (result.status !== 200) return void replace(out, errorMessage(result, t));
    const { create: entries, problems } = result.data;
    create.disabled = !result.data.ok;
    replace(
      out,
      problems.length > 0 && h('div', { class: 'problems', role: 'alert' }, h('p', { class: 'message error' }, t('students.problems')), h('ul', { class: 'problem-list' }, problems.map((p) => h('li', {}, lineText(p))))),
      h('p', {}, t('students.willCreate', { n: entries.length })),
      h('ul', { id: 'roster-preview-list' }, entries.map((entry) => h('li', {}, `${entry.name} (${entry.passwordGenerated ? t('students.generated') : t('students.given')})`))),
    );
  });

  create.addEventListener('click', async () => {
    create.disabled = true;
    replace(out, h('p', { role: 'status' }, t('students.creating')));
    const result = await api('POST', '/api/users/roster', { csv: text.value, dryRun: false }, { signal });
    if (result.status !== 201) return void replace(out, problemsBox(result, t, lineText));
    text.value = '';
    await refresh();
    const generated = result.data.created.filter((c) => c.password);
    replace(
      out,
      h(
        'div',
        { class: 'secret panel', role: 'status' },
        h('p', {}, t('students.imported', { n: result.data.created.length })),
        h('table', { id: 'roster-passwords' }, h('tbody', {}, generated.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.user.name), h('td', {}, h('code', { class: 'secret-value' }, c.password)))))),
        h('p', { class: 'muted' }, t('students.once')),
      ),
    );
  });

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'roster-title' },
    h('h2', { id: 'roster-title' }, t('students.roster')),
    h('p', { id: 'roster-help', class: 'muted' }, t('students.rosterHelp')),
    h('label', { for: 'roster-csv' }, t('students.rosterText')),
    text,
    h('div', { class: 'form-row' }, h('label', { for: 'roster-file' }, t('students.rosterFile'), file)),
    h('div', { class: 'actions' }, preview, create),
    out,
  );
}

export async function render(main, { t, signal }) {
  teacherStyles();
  append(main, h('h1', {}, t('students.title')));
  const output = h('div', { id: 'user-secret', tabindex: '-1', 'aria-live': 'polite' });
  const listArea = h('div', { id: 'user-list' });
  async function refresh() {
    const result = await api('GET', '/api/users', undefined, { signal });
    if (result.status !== 200) return void replace(listArea, errorMessage(result, t));
    replace(listArea, result.data.users.length ? userTable(result.data.users, t, output, signal) : h('p', {}, t('students.none')));
  }
  append(main, addForm(t, signal, refresh), rosterForm(t, signal, refresh), h('h2', {}, t('students.list')), output, listArea);
  await refresh();
}
