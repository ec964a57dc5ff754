// The interface's languages: English and German. Each page module brings its own
// strings (`export const strings = {en: {…}, de: {…}}`), registered by the router when
// the page loads, so no page edits a shared dictionary. Keys are namespaced by page
// (`home.title`, `submission.score`); the shared ones live here.

export const LANGUAGES = ['en', 'de'];
const STORAGE_KEY = 'sockgrade.lang';

const tables = { en: {}, de: {} };

/** Strings every page uses: the header, sign-in, errors, statuses. */
const common = {
  en: {
    'app.name': 'sockgrade',
    'app.loading': 'Loading…',
    'app.skip': 'Skip to content',
    'nav.label': 'Main',
    'nav.home': 'Home',
    'nav.assignments': 'Assignments',
    'nav.gradebook': 'Gradebook',
    'nav.students': 'Students',
    'lang.label': 'Language',
    'lang.en': 'English',
    'lang.de': 'Deutsch',
    'user.signedInAs': 'Signed in as {name} ({role})',
    'user.role.student': 'student',
    'user.role.teacher': 'teacher',
    'signin.title': 'Sign in',
    'signin.name': 'Name',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.busy': 'Signing in…',
    'signin.expired': 'Your sign-in has ended: sign in again.',
    'signout.button': 'Sign out',
    'signout.done': 'Signed out.',
    'error.unreachable': 'Could not reach the sockgrade server. Is it running?',
    'error.status': 'The server answered {status}.',
    'notFound.title': 'Not found',
    'notFound.text': 'There is no page at this address, or you may not see it.',
    'notFound.home': 'Back to the start page',
    'status.queued': 'queued',
    'status.running': 'running',
    'status.done': 'done',
    'status.error': 'error',
    'status.superseded': 'superseded',
    'placeholder.text': 'This page is being built.',
  },
  de: {
    'app.name': 'sockgrade',
    'app.loading': 'Wird geladen…',
    'app.skip': 'Zum Inhalt springen',
    'nav.label': 'Hauptmenü',
    'nav.home': 'Start',
    'nav.assignments': 'Aufgaben',
    'nav.gradebook': 'Notenübersicht',
    'nav.students': 'Studierende',
    'lang.label': 'Sprache',
    'lang.en': 'English',
    'lang.de': 'Deutsch',
    'user.signedInAs': 'Angemeldet als {name} ({role})',
    'user.role.student': 'Studierende*r',
    'user.role.teacher': 'Lehrkraft',
    'signin.title': 'Anmelden',
    'signin.name': 'Name',
    'signin.password': 'Passwort',
    'signin.submit': 'Anmelden',
    'signin.busy': 'Anmeldung läuft…',
    'signin.expired': 'Ihre Anmeldung ist abgelaufen: bitte erneut anmelden.',
    'signout.button': 'Abmelden',
    'signout.done': 'Abgemeldet.',
    'error.unreachable': 'Der sockgrade-Server ist nicht erreichbar. Läuft er?',
    'error.status': 'Der Server antwortete mit {status}.',
    'notFound.title': 'Nicht gefunden',
    'notFound.text': 'Unter dieser Adresse gibt es keine Seite, oder Sie dürfen sie nicht sehen.',
    'notFound.home': 'Zurück zur Startseite',
    'status.queued': 'wartet',
    'status.running': 'läuft',
    'status.done': 'fertig',
    'status.error': 'Fehler',
    'status.superseded': 'ersetzt',
    'placeholder.text': 'Diese Seite entsteht gerade.',
  },
};

/** Keys present in one language but not the other: what a test checks is empty. */
export function missingTranslations() {
  const missing = [];
  for (const lang of LANGUAGES) {
    for (const other of LANGUAGES) {
      if (other !== lang) for (const key of Object.keys(tables[lang])) if (!(key in tables[other])) missing.push(`${other}: ${key}`);
    }
  }
  return missing;
}

/** Adds a page's strings (later registrations win per key). */
export function register(strings) {
  for (const lang of LANGUAGES) Object.assign(tables[lang], strings?.[lang] ?? {});
}
register(common);

function storedLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The remembered choice, else the first of the browser's languages we have (Accept-Language), else English. */
function initialLanguage() {
  const stored = storedLanguage();
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

let current = initialLanguage();
document.documentElement.lang = current;

export function language() {
  return current;
}

/** Switches and remembers the language; the caller renders the page again. */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts until the page is closed.
  }
}

/**
 * `t('user.signedInAs', {name: 'ada', role: 'student'})`. A missing German string falls
 * back to English, a missing key shows the key (a bug to see, not a blank).
 */
export function t(key, vars = {}) {
  const template = tables[current][key] ?? tables.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Formatting in the interface's language. */
export function formatDateTime(value) {
  if (value === null || value === undefined) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(current === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatNumber(value) {
  return typeof value === 'number' ? value.toLocaleString(current === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }) : String(value ?? '');
}
