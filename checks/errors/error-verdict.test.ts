import { describe, expect, it } from 'vitest';
import type { StudentRunResult } from '../peer/protocol.js';
import { fullResult } from '../testing/fake-grader.js';
import { type ErrorRunView, judgeErrorRun, namesProblem } from './error-verdict.js';

function view(run: Partial<StudentRunResult>, overrides: Partial<ErrorRunView> = {}): ErrorRunView {
  return { situation: 'no-server', transport: 'tcp', run: fullResult('client-1', run, 120), timeoutMs: 5000, setting: 'Nobody listened on 127.0.0.1 port 4711 (TCP).', contacted: null, ...overrides };
}

describe('judging a client in an error situation', () => {
  it('passes a message that names the problem, with exit code 1', () => {
    const finding = judgeErrorRun(view({ exitCode: 1, stdout: 'Fehlernummer: 111, Fehlerbeschreibung: Connection refused\n' }));
    expect(finding).toMatchObject({ status: 'passed', fraction: 1 });
  });

  it('weighs exit code and message more than the wording', () => {
    expect(judgeErrorRun(view({ exitCode: 1, stdout: 'Hat nicht geklappt.\n' }))).toMatchObject({ status: 'failed', fraction: 0.8 });
    expect(judgeErrorRun(view({ exitCode: 0, stdout: 'Verbindung abgelehnt\n' }))).toMatchObject({ status: 'failed', fraction: 0.6 });
    expect(judgeErrorRun(view({ exitCode: 1 }))).toMatchObject({ status: 'failed', fraction: 0.4 });
  });

  it('gives nothing for a traceback, and explains the usual ones', () => {
    const refused = judgeErrorRun(view({ exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/client.py", line 3\nConnectionRefusedError: [Errno 111] Connection refused\n' }));
    expect(refused).toMatchObject({ status: 'failed', fraction: 0 });
    expect(refused.feedback).toContain('`ConnectionRefusedError: [Errno 111] Connection refused`');
    expect(refused.feedback).toContain('except socket.error as err:');
    const noneErrno = judgeErrorRun(
      view(
        { exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "/work/client.py", line 9\nTypeError: %i format: a real number is required, not NoneType\n' },
        { situation: 'silent-server', contacted: true },
      ),
    );
    expect(noneErrno.feedback).toContain('`err.errno` is `None` for a timeout');
  });

  it('times out a client that hangs, with the hint for its situation', () => {
    const silent = judgeErrorRun(view({ timedOut: true, exitCode: 137 }, { situation: 'silent-server', contacted: true }));
    expect(silent).toMatchObject({ status: 'timeout', fraction: 0 });
    expect(silent.feedback).toContain('settimeout(2)');
    const udp = judgeErrorRun(view({ timedOut: true, exitCode: 137 }, { transport: 'udp' }));
    expect(udp.feedback).toContain('an unconnected UDP socket is never told');
  });

  it('does not count an error that came before the client even tried', () => {
    const finding = judgeErrorRun(view({ exitCode: 1, stdout: 'Zeitüberschreitung\n' }, { situation: 'silent-server', contacted: false }));
    expect(finding).toMatchObject({ status: 'failed', fraction: 0 });
  });

  it('spots the empty recv() taken for an answer', () => {
    const finding = judgeErrorRun(view({ exitCode: 0, stdout: '\n' }, { situation: 'closing-server', contacted: true }));
    expect(finding.feedback).toContain("took the empty `b''`");
  });

  it('knows the words for each problem, in German and English', () => {
    expect(namesProblem('no-server', 'tcp', 'Verbindung abgelehnt')).toBe(true);
    expect(namesProblem('no-server', 'tcp', 'Zeitüberschreitung')).toBe(false);
    expect(namesProblem('no-server', 'udp', 'timed out')).toBe(true);
    expect(namesProblem('silent-server', 'tcp', 'Der Server antwortet nicht')).toBe(true);
    expect(namesProblem('closing-server', 'tcp', 'connection closed by server')).toBe(true);
  });
});
