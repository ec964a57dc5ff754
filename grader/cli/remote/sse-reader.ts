/** One Server-Sent Event: its name (`message` when none was given) and its data lines joined. */
export interface ServerEvent {
  event: string;
  data: string;
}

/** No byte for this long on a live stream: the connection is dead (the service sends a comment every 15 s). */
export class StreamIdleError extends Error {
  readonly code = 'STREAM_IDLE';
  constructor(idleMs: number) {
    super(`the event stream sent nothing for ${idleMs / 1000} s`);
    this.name = 'StreamIdleError';
  }
}

/**
 * Events of a `text/event-stream` body (WHATWG HTML §9.2.6): lines end in LF, CRLF or CR;
 * `event:` names the event, `data:` lines are joined with LF, a blank line dispatches,
 * lines starting with `:` are comments (the heartbeat). Ends when the body ends.
 */
export async function* readServerEvents(body: AsyncIterable<Uint8Array>, opts: { idleMs: number }): AsyncGenerator<ServerEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  for await (const chunk of withIdleTimeout(body, opts.idleMs)) {
    buffer += decoder.decode(chunk, { stream: true });
    // A CR at the end may be the first half of a CRLF split between chunks: wait for the next.
    const heldCr = buffer.endsWith('\r');
    const lines = (heldCr ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
    // The last piece is a line still arriving: keep it.
    buffer = lines.pop()! + (heldCr ? '\r' : '');
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}

/** The chunks of `body`, failing with `StreamIdleError` when none comes for `idleMs`. */
async function* withIdleTimeout(body: AsyncIterable<Uint8Array>, idleMs: number): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StreamIdleError(idleMs)), idleMs);
      });
      try {
        const next = await Promise.race([iterator.next(), idle]);
        if (next.done) return;
        yield next.value;
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    // Not awaited: with a read still pending (the idle case) it would wait for that read;
    // the caller aborts the request, which ends both.
    void iterator.return?.()?.catch(() => {});
  }
}
