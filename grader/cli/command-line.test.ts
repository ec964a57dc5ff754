import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text) } };
}

const OPTIONS = { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

describe('parsing a command line', () => {
  it('gives the typed values and the positionals', () => {
    const { io: cli, out } = io();
    const parsed = parseCommandLine(['echo-tcp-server', '--format', 'json', 'dir'], OPTIONS, 'usage: x', cli);
    expect(parsed).toMatchObject({ values: { format: 'json' }, positionals: ['echo-tcp-server', 'dir'] });
    expect(out).toEqual({ stdout: '', stderr: '' });
  });

  it('answers an unknown option with the parser’s sentence and the usage on stderr', () => {
    const { io: cli, out } = io();
    expect(parseCommandLine(['--fromat', 'json'], OPTIONS, 'usage: x', cli)).toBeNull();
    expect(out.stderr).toMatch(/^Unknown option '--fromat'.*\nusage: x\n$/s);
    expect(out.stdout).toBe('');
  });

  it('prints the usage on stdout for -h where the command has a help option, and not where it has none', () => {
    const { io: cli, out } = io();
    expect(parseCommandLine(['-h'], OPTIONS, 'usage: x\n', cli)).toBe('help');
    expect(out.stdout).toBe('usage: x\n');
    expect(parseCommandLine(['-h'], { format: { type: 'string' } }, 'usage: x', cli)).toBeNull();
  });
});
