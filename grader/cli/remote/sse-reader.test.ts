import { describe, expect, it } from 'vitest';
import { readServerEvents, StreamIdleError } from './sse-reader.js';

const bytes = (text: string) => new TextEncoder().encode(text);

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield bytes(part);
}

async function all(source: AsyncIterable<Uint8Array>, idleMs = 1000) {
  const events = [];
  for await (const event of readServerEvents(source, { idleMs })) events.push(event);
  return events;
}

describe('reading Server-Sent Events', () => {
  it('names events, joins data lines, skips comments and retry, and survives lines and CRLFs split between chunks', async () => {
    const events = await all(chunks('retry: 3000\n\n: keep-alive\n\nid: 1\nevent: sta', 'tus\ndata: {"a":1}\r', '\n\r\nevent: done\ndata: one\ndata:two\n', '\ndata: no name\n\n'));
    expect(events).toEqual([
      { event: 'status', data: '{"a":1}' },
      { event: 'done', data: 'one\ntwo' },
      { event: 'message', data: 'no name' },
    ]);
  });

  it('keeps multi-byte characters split between chunks whole, and drops an event the stream ended inside', async () => {
    const euro = bytes('data: 5 €\n\n');
    async function* split() {
      yield euro.slice(0, 9);
      yield euro.slice(9);
      yield bytes('data: cut off');
    }
    expect(await all(split())).toEqual([{ event: 'message', data: '5 €' }]);
  });

  it('fails with StreamIdleError when nothing arrives for idleMs', async () => {
    async function* stalls() {
      yield bytes('data: first\n\n');
      await new Promise(() => {});
    }
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of readServerEvents(stalls(), { idleMs: 50 })) seen.push(event.data);
    })();
    await expect(reading).rejects.toBeInstanceOf(StreamIdleError);
    expect(seen).toEqual(['first']);
  });
});
