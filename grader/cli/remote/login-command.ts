import { hostname } from 'node:os';
import type { CliIo } from '../cli-io.js';
import { parseCommandLine } from '../command-line.js';
import { terminalSafe } from '../terminal-text.js';
import { credentialsPath, saveLogin } from './credentials-file.js';
import { readLoginInput, type LoginInput } from './read-login-input.js';
import { ServiceClient, ServiceError } from './service-client.js';
import { normalizeServiceUrl, sendsInTheClear } from './service-url.js';

const USAGE = `usage: sockgrade login <url> [--name NAME]

  Asks for your name and password (from stdin when it is not a terminal: the name, then
  the password, one per line; only the password with --name), gets an API token and keeps
  it with the URL in $XDG_CONFIG_HOME/sockgrade/credentials.json (~/.config/…), mode 0600.
`;

export interface LoginCommandDeps {
  env: Record<string, string | undefined>;
  input: LoginInput;
}

/** `sockgrade login <url>`: exit 0 signed in, 1 refused or unreachable, 2 usage. */
export async function loginCommand(argv: string[], io: CliIo, deps: LoginCommandDeps): Promise<number> {
  const parsed = parseCommandLine(argv, { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE, io);
  if (parsed === null) return 2;
  if (parsed === 'help') return 0;
  const [given, ...extra] = parsed.positionals;
  const url = given === undefined ? null : normalizeServiceUrl(given);
  if (!given || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  if (!url) {
    io.stderr(`\`${terminalSafe(given)}\` is not the URL of a service: write it as http://host:port or https://host.\n`);
    return 2;
  }
  if (sendsInTheClear(url)) io.stderr(`warning: ${url} is plain HTTP to another machine: your password crosses the network unencrypted. Use https:// if the service has it.\n`);
  let credentials;
  try {
    credentials = await readLoginInput(deps.input, parsed.values.name);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  if (!credentials.name || !credentials.password) {
    io.stderr('A name and a password are needed.\n');
    return 1;
  }
  const client = new ServiceClient(url);
  let answer: { user: { name: string; role: string }; token: string; expiresAt: string | null };
  try {
    answer = await client.json('/api/tokens', {
      method: 'POST',
      json: { name: credentials.name, password: credentials.password, label: `sockgrade CLI on ${hostname()}`.replace(/\p{Cc}/gu, '').slice(0, 100) },
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    io.stderr(`${terminalSafe(error.message)}\n`);
    return 1;
  }
  const path = credentialsPath(deps.env);
  await saveLogin(path, { url, token: answer.token, name: answer.user.name, expiresAt: answer.expiresAt });
  const until = answer.expiresAt ? ` until ${answer.expiresAt.slice(0, 10)}` : '';
  io.stdout(`Signed in to ${url} as ${terminalSafe(answer.user.name)} (${answer.user.role}). The token (valid${until}) is kept in ${path}.\n`);
  return 0;
}
