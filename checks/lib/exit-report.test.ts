import { describe, expect, it } from 'vitest';
import type { StudentRunResult } from '../peer/protocol.js';
import { describeExit } from './exit-report.js';

const crashed = (stderr: string): StudentRunResult => ({ exitCode: 1, stdout: '', stderr, durationMs: 10 }) as StudentRunResult;

describe('UnicodeDecodeError hints (issue #13)', () => {
  it('blames the codec, not the bytes, when the program decoded UTF-8 as ASCII', () => {
    const text = describeExit(crashed("UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3 in position 17: ordinal not in range(128)\n"), { what: 'client' });
    expect(text).toContain('Your program decoded the bytes with the `ascii` codec');
    expect(text).toContain('The bytes themselves are UTF-8');
    expect(text).not.toContain('not valid UTF-8');
  });

  it('says the bytes are not valid UTF-8 when the utf-8 codec failed', () => {
    const text = describeExit(crashed("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte\n"), { what: 'server' });
    expect(text).toContain('Your program crashed on bytes that are not valid UTF-8');
    expect(text).not.toContain('codec, which');
  });
});

describe('the process/thread limit (issue #13)', () => {
  it("explains RuntimeError: can't start new thread", () => {
    const text = describeExit(crashed('Traceback (most recent call last):\n  File "server.py", line 9\nRuntimeError: can\'t start new thread\n'), { what: 'server', pids: 64 });
    expect(text).toContain('Your program could not start another thread: it hit the limit of processes and threads (64 in all).');
  });
});
