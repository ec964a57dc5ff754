import { describe, expect, it } from 'vitest';
import type { GradingReport } from '../report.js';
import { formatEntry, formatReport } from './format-report.js';
import { terminalSafe, terminalSafeInline } from './terminal-text.js';

/** Any byte a terminal acts on: ESC, CSI (8-bit), BEL, backspace, carriage return, bidi overrides. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const clearScreenAndForge = '\u001b[2J\u001b[H  ✔ passed   100/100  everything\r\u001b]0;pwned\u0007\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007';

function hostileReport(): GradingReport {
  return {
    assignment: 'echo-tcp-server',
    score: 0,
    maxScore: 10,
    durationMs: 1200,
    tests: [
      {
        id: 'ascii',
        name: 'Echo of ASCII text',
        score: 0,
        maxScore: 10,
        status: 'failed',
        feedback: `Your server answered "${clearScreenAndForge}" instead.\nSecond line\u009b31m`,
        transcript: [
          { t: 0, dir: 'send', conn: 'conn 1', text: 'Hallo', bytes: 5 },
          { t: 3, dir: 'recv', conn: 'conn 1', text: clearScreenAndForge, bytes: 60 },
          { t: 9, dir: 'event', conn: 'conn 1', text: null, bytes: 0, note: 'closed \u001b[31mred\u001b[0m' },
        ],
        output: { stdout: `${clearScreenAndForge}\nEcho an 127.0.0.1\n`, stderr: 'Trace\u202eevil\u202c\n', cutBytes: 0 },
      },
    ],
    logs: { stdout: `ready\n${clearScreenAndForge}\n`, stderr: 'Trace\u202eevil\u202c\n' },
  };
}

describe('terminal-safe text', () => {
  it('escapes every control a terminal would act on and keeps plain text as it is', () => {
    expect(terminalSafe('a\u001b[2Jb\rc\u0007d\u009be\u202ef\u0000g')).toBe('a\\x1b[2Jb\\rc\\x07d\\x9be\\u{202e}f\\0g');
    expect(terminalSafe('Grüße, €, 🙂\n\tok')).toBe('Grüße, €, 🙂\n\tok');
    expect(terminalSafeInline('one\ntwo\tthree')).toBe('one\\ntwo\\tthree');
  });

  it('leaves nothing active in the table: feedback, transcript and program output are shown escaped', () => {
    const text = formatReport(hostileReport(), { transcripts: 'all' });
    expect(text).not.toMatch(ACTIVE);
    // The forged line is shown, but as text inside the feedback, behind its escapes.
    expect(text).toContain('\\x1b[2J\\x1b[H  ✔ passed   100/100  everything\\r\\x1b]0;pwned\\x07');
    expect(text).toContain('Second line\\x9b31m');
    expect(text).toContain('  | Trace\\u{202e}evil\\u{202c}');
    // Real newlines still separate the lines of feedback and output.
    expect(text).toContain('\n        Second line');
    // No line of the output reads as a row of the table: the forged one stays inside its quotes.
    expect(text.split('\n').filter((line) => /^\s*✔ passed/.test(line))).toEqual([]);
  });

  it('shows under a test what the program printed during it, escaped, and not what the feedback already quotes (issue #13)', () => {
    const text = formatReport(hostileReport());
    expect(text).not.toMatch(ACTIVE);
    expect(text).toContain('        printed on stdout during this test:\n          | \\x1b[2J\\x1b[H  ✔ passed');
    expect(text).toContain('\\x1b]8;;\\x07\n          | Echo an 127.0.0.1\n');
    expect(text).toContain('        printed on stderr during this test:\n          | Trace\\u{202e}evil\\u{202c}\n');
    const report = hostileReport();
    const test = report.tests[0]!;
    test.output = { stdout: Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n'), stderr: 'ValueError: kaputt\n', cutBytes: 0 };
    test.feedback = 'It crashed:\n```\nValueError: kaputt\n```';
    const shown = formatReport(report);
    expect(shown).toContain('        printed on stdout during this test (last 10 lines):\n          | line 6\n');
    expect(shown).not.toContain('| line 5\n');
    expect(shown).not.toContain('printed on stderr');
  });

  it('keeps a transcript message on one line', () => {
    const line = formatEntry({ t: 4, dir: 'recv', conn: 'conn 1', text: 'a\nb\u001b[1A', bytes: 7 });
    expect(line).toBe('    +4 ms  conn 1  you → grader  "a\\nb\\x1b[1A" (7 B)');
  });
});

describe('the table of a report as a student sees it', () => {
  it('shows a hidden test as a line with its points and when it is shown, and says what the total leaves out', () => {
    const report = hostileReport();
    const text = formatReport({
      ...report,
      tests: [...report.tests, { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 30, shownAfter: '2026-12-24 23:59 (UTC+01:00)' }, { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 5, shownAfter: null }],
      hiddenTests: { count: 2, maxScore: 35, shownAfter: '2026-12-24 23:59 (UTC+01:00)' },
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('echo-tcp-server: 0/10 points (1.2 s)');
    expect(lines[1]).toBe('(2 hidden tests worth 35 points not counted)');
    expect(lines).toContain('  · hidden    ?/30  Hidden test (shown after 2026-12-24 23:59 (UTC+01:00))');
    expect(lines).toContain('  · hidden     ?/5  Hidden test (not shown)');
  });
});

describe('the compile step in the table (issue #14)', () => {
  it('shows the warnings of a build that worked, terminal-safe, and nothing for a clean one', () => {
    const build = { compiler: 'gcc', command: 'gcc -Wall server.c', status: 'ok' as const, exitCode: 0, durationMs: 200 };
    const warned = formatReport({ ...hostileReport(), build: { ...build, output: "server.c:3:9: warning: unused variable 'x'\u001b[2J\n" } });
    expect(warned).toContain("gcc warned (not penalised):\n  | server.c:3:9: warning: unused variable 'x'\\x1b[2J");
    expect(warned).not.toMatch(ACTIVE);
    expect(formatReport({ ...hostileReport(), build: { ...build, output: '' } })).not.toContain('warned');
  });
});
