import type { Request, Response } from 'express';

/** @defaultValue 15 s: below the 30–60 s idle timeouts of common proxies */
const HEARTBEAT_MS = 15_000;

/** One Server-Sent Events stream (WHATWG HTML §9.2): named events with JSON data. */
export interface EventStream {
  send(event: string, data: unknown): void;
  /** Ends the stream; idempotent. */
  close(): void;
  /** Aborted when the client goes away or `close()` is called. */
  readonly signal: AbortSignal;
}

/**
 * Starts an SSE response: headers that keep proxies from buffering, a heartbeat comment
 * so idle connections stay open, and a signal that fires when the client disconnects.
 */
export function openEventStream(req: Request, res: Response, heartbeatMs = HEARTBEAT_MS): EventStream {
  const controller = new AbortController();
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  // A client that loses the connection waits this long before reconnecting.
  res.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  let nextId = 1;
  const close = () => {
    if (controller.signal.aborted) return;
    clearInterval(heartbeat);
    controller.abort();
    res.end();
  };
  req.on('close', close);
  return {
    send(event, data) {
      if (controller.signal.aborted) return;
      // JSON never contains a raw newline, so one `data:` line carries the whole payload.
      res.write(`id: ${nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close,
    signal: controller.signal,
  };
}
