import { Writable } from 'node:stream';

/**
 * Collects a program's output up to a cap. Beyond the cap bytes are counted, not kept,
 * so a program printing forever costs us a counter, not memory.
 */
export class BoundedOutput extends Writable {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly capBytes: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.total += chunk.length;
    const room = this.capBytes - this.kept;
    if (room > 0) {
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      this.chunks.push(Buffer.from(part));
      this.kept += part.length;
    }
    done();
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  get totalBytes(): number {
    return this.total;
  }

  /** The kept bytes as text; invalid UTF-8 becomes U+FFFD, and a note says what was cut. */
  text(): string {
    const body = Buffer.concat(this.chunks).toString('utf8');
    if (!this.truncated) return body;
    return `${body}\n[… output cut: ${this.total - this.kept} more bytes not kept, limit ${this.capBytes} bytes]`;
  }
}
