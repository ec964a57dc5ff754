import { Writable } from 'node:stream';
import { joinHeadAndTail } from '../output-cut.js';

/**
 * Collects a program's output up to a cap: the first half of the cap as it came, and the
 * last half in a ring that always holds the newest bytes. What falls between is counted,
 * not kept, so a program printing forever costs us a counter, not memory, and its final
 * traceback is still there (issue #13).
 */
export class BoundedOutput extends Writable {
  private readonly head: Buffer;
  private headLength = 0;
  private readonly ring: Buffer;
  /** Bytes written into the ring so far; the ring holds the last `min(ringWritten, ring.length)`. */
  private ringWritten = 0;
  private total = 0;

  constructor(
    private readonly capBytes: number,
    /** Sees every chunk as it arrives, before any cut (issue #13: output linked to the test running then). */
    private readonly onChunk?: (chunk: Buffer) => void,
  ) {
    super();
    this.head = Buffer.alloc(Math.ceil(capBytes / 2));
    this.ring = Buffer.alloc(capBytes - this.head.length);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.total += chunk.length;
    this.onChunk?.(chunk);
    const toHead = Math.min(chunk.length, this.head.length - this.headLength);
    if (toHead > 0) {
      chunk.copy(this.head, this.headLength, 0, toHead);
      this.headLength += toHead;
    }
    if (toHead < chunk.length && this.ring.length > 0) this.writeRing(chunk.subarray(toHead));
    done();
  }

  private writeRing(bytes: Buffer): void {
    // Only the last ring-full of this chunk can survive.
    const keep = bytes.length > this.ring.length ? bytes.subarray(bytes.length - this.ring.length) : bytes;
    this.ringWritten += bytes.length - keep.length;
    let at = this.ringWritten % this.ring.length;
    let from = 0;
    while (from < keep.length) {
      const n = Math.min(keep.length - from, this.ring.length - at);
      keep.copy(this.ring, at, from, from + n);
      from += n;
      at = (at + n) % this.ring.length;
    }
    this.ringWritten += keep.length;
  }

  private tail(): Buffer {
    if (this.ringWritten <= this.ring.length) return this.ring.subarray(0, this.ringWritten);
    const at = this.ringWritten % this.ring.length;
    return Buffer.concat([this.ring.subarray(at), this.ring.subarray(0, at)]);
  }

  get truncated(): boolean {
    return this.total > this.capBytes;
  }

  get totalBytes(): number {
    return this.total;
  }

  /** Bytes counted but not kept (between head and tail). */
  get cutBytes(): number {
    return this.total - this.headLength - Math.min(this.ringWritten, this.ring.length);
  }

  /** The kept bytes as text (invalid UTF-8 becomes U+FFFD); when cut, a note between head and tail says exactly how much. */
  text(): string {
    const tail = this.tail();
    return joinHeadAndTail(this.head.subarray(0, this.headLength), tail, this.total - this.headLength - tail.length);
  }
}
