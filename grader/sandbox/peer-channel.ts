import { BoundedOutput } from './bounded-output.js';
import { LineSplitter } from './line-splitter.js';

/** A test-result line carries a capped transcript; anything longer is not from our peer. */
const MAX_PEER_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The grader's end of the peer's output: protocol lines to whoever runs the pod now
 * (a warm pod's peer starts before its run exists), stderr kept for diagnostics.
 */
export class PeerChannel {
  onLine: (line: string) => void = () => {};
  log: (line: string) => void = () => {};
  readonly stdout = new LineSplitter(
    (line) => this.onLine(line),
    MAX_PEER_LINE_BYTES,
    (bytes) => this.log(`dropped an over-long peer line of ${bytes} bytes`),
  );
  readonly stderr = new BoundedOutput(64 * 1024);
}
