import { describe, expect, it } from 'vitest';
import { TEST_OUTPUT_GRACE_MS, TestOutputLinker } from './test-output.js';

function clock() {
  let now = 1_000;
  return { now: () => now, at: (ms: number) => (now = ms) };
}

describe('TestOutputLinker', () => {
  it('links output to the test running when it arrived, and output between tests to none', () => {
    const time = clock();
    const linker = new TestOutputLinker(1024, time.now);
    linker.record('stdout', Buffer.from('Server bereit\n'));
    linker.testStarted('a', time.at(1_010));
    time.at(1_020);
    linker.record('stdout', Buffer.from('Echo: 5 Bytes\n'));
    linker.testEnded('a', time.at(1_030));
    time.at(1_030 + TEST_OUTPUT_GRACE_MS + 1);
    linker.record('stdout', Buffer.from('between\n'));
    linker.testStarted('b', time.at(2_000));
    time.at(2_500);
    linker.record('stderr', Buffer.from('Traceback …\nUnicodeDecodeError: x\n'));
    linker.testEnded('b', time.at(3_000));
    linker.testStarted('c', time.at(3_001));
    linker.testEnded('c', time.at(3_002));
    expect(Object.fromEntries(linker.outputs())).toEqual({
      a: { stdout: 'Echo: 5 Bytes\n', stderr: '', cutBytes: 0 },
      b: { stdout: '', stderr: 'Traceback …\nUnicodeDecodeError: x\n', cutBytes: 0 },
    });
  });

  it('goes by the peer’s stamps: output that overtook the peer’s late lines still lands in its test', () => {
    const time = clock();
    const linker = new TestOutputLinker(1024, time.now);
    linker.testStarted('a', 1_000);
    linker.testEnded('a', 1_150);
    // Test b began at 1 160 on the peer, but its line arrives only after b's output did.
    time.at(1_165);
    linker.record('stdout', Buffer.from('Echo: 1024 Bytes\n'));
    time.at(1_400);
    linker.testStarted('b', 1_160);
    linker.testEnded('b', 1_300);
    expect(linker.outputs().get('a')).toBeUndefined();
    expect(linker.outputs().get('b')?.stdout).toBe('Echo: 1024 Bytes\n');
  });

  it('gives a test output that arrives just after its result, until the grace ends or another test begins', () => {
    const time = clock();
    const linker = new TestOutputLinker(1024, time.now);
    linker.testStarted('a', 1_000);
    linker.testEnded('a', 1_010);
    time.at(1_010 + TEST_OUTPUT_GRACE_MS);
    linker.record('stdout', Buffer.from('late line\n'));
    time.at(1_010 + TEST_OUTPUT_GRACE_MS + 1);
    linker.record('stdout', Buffer.from('too late\n'));
    linker.testStarted('b', time.at(1_200));
    linker.testEnded('b', time.at(1_210));
    time.at(1_220);
    linker.record('stdout', Buffer.from('b after\n'));
    linker.testStarted('c', time.at(1_230));
    time.at(1_240);
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

  it('holds back a bounded amount while the peer is quiet: a flood of one-byte writes is linked as it comes, in linear time', () => {
    const time = clock();
    const linker = new TestOutputLinker(64, time.now);
    linker.testStarted('a', 1_000);
    const started = performance.now();
    for (let i = 0; i < 200_000; i += 1) {
      time.at(1_001 + i);
      linker.record('stdout', Buffer.from('y'));
    }
    expect(performance.now() - started).toBeLessThan(5_000);
    const output = linker.outputs().get('a')!;
    expect(output.cutBytes).toBe(200_000 - 64);
  });
});
