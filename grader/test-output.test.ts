import { describe, expect, it } from 'vitest';
import { TEST_OUTPUT_GRACE_MS, TestOutputLinker } from './test-output.js';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TestOutputLinker', () => {
  it('links output to the test running when it arrived, and output between tests to none', () => {
    const time = clock();
    const linker = new TestOutputLinker(1024, time.now);
    linker.record('stdout', Buffer.from('Server bereit\n'));
    linker.testStarted('a');
    linker.record('stdout', Buffer.from('Echo: 5 Bytes\n'));
    linker.testEnded('a');
    time.advance(TEST_OUTPUT_GRACE_MS + 1);
    linker.record('stdout', Buffer.from('between\n'));
    linker.testStarted('b');
    linker.record('stderr', Buffer.from('Traceback …\nUnicodeDecodeError: x\n'));
    linker.testEnded('b');
    linker.testStarted('c');
    linker.testEnded('c');
    expect(Object.fromEntries(linker.outputs())).toEqual({
      a: { stdout: 'Echo: 5 Bytes\n', stderr: '', cutBytes: 0 },
      b: { stdout: '', stderr: 'Traceback …\nUnicodeDecodeError: x\n', cutBytes: 0 },
    });
  });

  it('gives a test output that arrives just after its result, until the grace ends or another test begins', () => {
    const time = clock();
    const linker = new TestOutputLinker(1024, time.now);
    linker.testStarted('a');
    linker.testEnded('a');
    time.advance(TEST_OUTPUT_GRACE_MS);
    linker.record('stdout', Buffer.from('late line\n'));
    time.advance(1);
    linker.record('stdout', Buffer.from('too late\n'));
    linker.testStarted('b');
    linker.testEnded('b');
    linker.record('stdout', Buffer.from('b after\n'));
    linker.testStarted('c');
    linker.record('stdout', Buffer.from('c\n'));
    expect(linker.outputs().get('a')?.stdout).toBe('late line\n');
    expect(linker.outputs().get('b')?.stdout).toBe('b after\n');
    // A test whose result never came (the run's watchdog) keeps what it got.
    expect(linker.outputs().get('c')?.stdout).toBe('c\n');
  });

  it('keeps head and tail of a flood with the exact count cut, the traceback at the end included', () => {
    const linker = new TestOutputLinker(100);
    linker.testStarted('a');
    for (let i = 0; i < 1000; i += 1) linker.record('stdout', Buffer.from('x'.repeat(99) + '\n'));
    linker.record('stderr', Buffer.from('ValueError: the end\n'));
    linker.testEnded('a');
    const output = linker.outputs().get('a')!;
    expect(output.cutBytes).toBe(100_000 - 100);
    expect(output.stdout).toContain('[… 99900 bytes of output cut here …]');
    expect(output.stdout.endsWith('x\n')).toBe(true);
    expect(output.stderr).toBe('ValueError: the end\n');
  });
});
