import { describe, expect, it } from 'vitest';
import { BoundedOutput } from './bounded-output.js';
import { LineSplitter } from './line-splitter.js';

function write(stream: NodeJS.WritableStream, ...chunks: (string | Buffer)[]): Promise<void> {
  for (const chunk of chunks) stream.write(chunk);
  return new Promise((resolve) => stream.end(resolve));
}

describe('BoundedOutput', () => {
  it('keeps output below the cap unchanged', async () => {
    const output = new BoundedOutput(100);
    await write(output, 'Hallo ', 'Welt €');
    expect(output.text()).toBe('Hallo Welt €');
    expect(output.truncated).toBe(false);
  });

  it('keeps the head and the tail, counts what was cut between them exactly', async () => {
    const output = new BoundedOutput(8);
    await write(output, '0123456', '789abc');
    expect(output.truncated).toBe(true);
    expect(output.totalBytes).toBe(13);
    expect(output.text()).toBe('0123\n[… 5 bytes of output cut here …]\n9abc');
  });

  it('keeps the final traceback after a flood larger than the cap many times over', async () => {
    const output = new BoundedOutput(64);
    const flood = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`);
    await write(output, 'Server bereit\n', ...flood, 'Traceback: UnicodeDecodeError\n');
    const text = output.text();
    expect(text.startsWith('Server bereit\n')).toBe(true);
    expect(text.endsWith('Traceback: UnicodeDecodeError\n')).toBe(true);
    const kept = Buffer.byteLength(text.replace(/\n\[… \d+ bytes of output cut here …\]\n/, ''));
    const cut = Number(/\[… (\d+) bytes/.exec(text)![1]);
    expect(kept + cut).toBe(output.totalBytes);
  });

  it('never splits a multi-byte character at either cut and counts its bytes as cut', async () => {
    const output = new BoundedOutput(8);
    // Head 4 bytes: "ab" + 2 of the 3 bytes of "€"; tail 4 bytes: the last byte of "€" + "xyz".
    await write(output, 'ab€€€€xyz');
    const text = output.text();
    expect(text).toBe('ab\n[… 12 bytes of output cut here …]\nxyz');
    expect(text).not.toContain('\ufffd');
  });
});

describe('LineSplitter', () => {
  it('reassembles lines split across chunks and flushes the last unterminated line', async () => {
    const lines: string[] = [];
    await write(new LineSplitter((line) => lines.push(line), 1000), '{"a":', '1}\n{"b"', ':2}\n{"c":3}');
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('drops an over-long line, reports it, and goes on with the next', async () => {
    const lines: string[] = [];
    const overlong: number[] = [];
    await write(
      new LineSplitter((line) => lines.push(line), 10, (bytes) => overlong.push(bytes)),
      'x'.repeat(8),
      'y'.repeat(8),
      '\nshort\n',
    );
    expect(lines).toEqual(['short']);
    expect(overlong).toEqual([16]);
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const lines: string[] = [];
    const euro = Buffer.from('€\n');
    await write(new LineSplitter((line) => lines.push(line), 100), euro.subarray(0, 1), euro.subarray(1));
    expect(lines).toEqual(['€']);
  });
});
