import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` gives for these options: `values` typed by them, and the positionals. */
export type CommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * One command's arguments, parsed strictly (an unknown option is a mistake). Every command
 * answers a mistake the same way: the parser's sentence and the usage on stderr, then the
 * command's usage exit code (null here). A command with a `help` option prints the usage
 * on stdout for `--help`/`-h` and exits 0 (`'help'` here).
 */
export function parseCommandLine<O extends OptionsConfig>(argv: string[], options: O, usage: string, io: CliIo): CommandLine<O> | 'help' | null {
  let parsed: CommandLine<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${withNewline(usage)}`);
    return null;
  }
  if ('help' in options && (parsed.values as { help?: boolean }).help === true) {
    io.stdout(withNewline(usage));
    return 'help';
  }
  return parsed;
}

export function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
