import { Writable } from 'node:stream';

/**
 * Turns a byte stream into lines and hands each to `onLine`. A line longer than
 * `maxLineBytes` is dropped (and reported), so a misbehaving writer cannot make us
 * buffer without bound.
 */
export class LineSplitter extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private discarding = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes: number,
    private readonly onOverlong: (bytes: number) => void = () => {},
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      this.append(chunk.subarray(start, newline));
      this.flushLine();
      start = newline + 1;
    }
    this.append(chunk.subarray(start));
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.pendingBytes > 0) this.flushLine();
    done();
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.discarding = true;
      this.pending = [];
      return;
    }
    if (!this.discarding) this.pending.push(Buffer.from(part));
  }

  private flushLine(): void {
    if (this.discarding) this.onOverlong(this.pendingBytes);
    else this.onLine(Buffer.concat(this.pending).toString('utf8'));
    this.pending = [];
    this.pendingBytes = 0;
    this.discarding = false;
  }
}
