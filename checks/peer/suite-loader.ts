import type { CheckFamily, CheckSuite } from '../suite.js';

/** Each family, imported only when asked for (static specifiers: bundlers and Vite can follow them). */
const FAMILIES = {
  abp: async () => (await import('../abp/family.js')).abpFamily,
  bank: async () => (await import('../bank/family.js')).bankFamily,
  chat: async () => (await import('../chat/family.js')).chatFamily,
  counting: async () => (await import('../counting/family.js')).countingFamily,
  daytime: async () => (await import('../daytime/family.js')).daytimeFamily,
  echo: async () => (await import('../echo/family.js')).echoFamily,
  errors: async () => (await import('../errors/family.js')).errorsFamily,
  guess: async () => (await import('../guess/family.js')).guessFamily,
  http: async () => (await import('../http/family.js')).httpFamily,
  scripted: async () => (await import('../scripted/scripted-suites.js')).scriptedFamily,
  smtp: async () => (await import('../smtp/family.js')).smtpFamily,
  transfer: async () => (await import('../transfer/family.js')).transferFamily,
} satisfies Record<string, () => Promise<CheckFamily>>;

/**
 * Which family folder (`checks/<folder>/family.ts`) holds each suite. The peer loads only
 * that family: importing every family (`checks/index.ts`) cost the peer's Node about
 * 140 ms of CPU per grading on the 2-core machine, more than a third of its start-up
 * (issue #11). `suite-loader.test.ts` keeps this table complete against the registry.
 */
export const SUITE_FOLDERS: Readonly<Record<string, keyof typeof FAMILIES>> = {
  'echo-tcp-server': 'echo',
  'echo-udp-server': 'echo',
  'echo-tcp-client': 'echo',
  'echo-udp-client': 'echo',
  'daytime-udp-server': 'daytime',
  'daytime-tcp-server': 'daytime',
  'daytime-udp-client': 'daytime',
  'daytime-tcp-client': 'daytime',
  'charcount-udp-server': 'counting',
  'digitsum-tcp-server': 'counting',
  'guess-server': 'guess',
  'guess-client': 'guess',
  'bank-server': 'bank',
  'file-server': 'transfer',
  'file-client': 'transfer',
  'object-transfer': 'transfer',
  'chat-server': 'chat',
  'chat-client': 'chat',
  'smtp-client': 'smtp',
  'http-client': 'http',
  'abp-sender': 'abp',
  'abp-receiver': 'abp',
  'error-handling-tcp-client': 'errors',
  'error-handling-udp-client': 'errors',
  'scripted-tcp-server': 'scripted',
  'scripted-udp-server': 'scripted',
  'scripted-tcp-client': 'scripted',
  'scripted-udp-client': 'scripted',
};

/**
 * The suites the peer needs for `suiteId`: its family's, or, for an id the table does not
 * know (a new suite not listed yet), every suite, so a missing row costs time, never a grade.
 */
export async function loadSuites(suiteId: unknown): Promise<Readonly<Record<string, CheckSuite>>> {
  const folder = typeof suiteId === 'string' && Object.hasOwn(SUITE_FOLDERS, suiteId) ? SUITE_FOLDERS[suiteId] : undefined;
  if (folder) {
    const family = await FAMILIES[folder]();
    if (family.suites.some((suite) => suite.id === suiteId)) return Object.fromEntries(family.suites.map((suite) => [suite.id, suite]));
  }
  return (await import('../index.js')).suites;
}
