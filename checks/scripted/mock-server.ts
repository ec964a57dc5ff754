/** What the mock server of a scripted client test reports to the judge (`run-client-script.ts`). */

/** What one connection (TCP) or the datagram exchange (UDP) went through: the first step that failed, if any. */
export interface ConnectionFinding {
  label: string;
  failure: string | null;
  timedOut: boolean;
}

/** Our mock server while the client runs: TCP (a script per connection) or UDP (one script over the datagrams). */
export interface MockServer {
  port: number;
  /** Whether the client reached it at all: connected (TCP) or sent a datagram (UDP). */
  contacted(): boolean;
  findings: ConnectionFinding[];
  /** Stops it; a script still waiting gets up to `graceMs` after the client's end. */
  close(graceMs: number): Promise<void>;
}
