import { describe, expect, it } from 'vitest';
import { TranscriptRecorder } from './transcript.js';

describe('TranscriptRecorder', () => {
  it('records text, hex and events with time offsets', () => {
    let now = 1000;
    const transcript = new TranscriptRecorder({ clock: () => now });
    transcript.event('conn 1', 'connected to 127.0.0.1:4000');
    now += 12;
    transcript.send('conn 1', 'Hallo\r\n');
    now += 3;
    transcript.recv('conn 1', Buffer.from([0x48, 0xff]));
    expect(transcript.entries()).toEqual([
      { t: 0, dir: 'event', conn: 'conn 1', text: null, bytes: 0, note: 'connected to 127.0.0.1:4000' },
      { t: 12, dir: 'send', conn: 'conn 1', text: 'Hallo\\r\\n', bytes: 7 },
      { t: 15, dir: 'recv', conn: 'conn 1', text: null, hex: '48 ff', bytes: 2 },
    ]);
  });

  it('caps the payload and says how much was left out, in one entry', () => {
    const transcript = new TranscriptRecorder({ maxPayloadBytes: 10, clock: () => 0 });
    transcript.recv('conn 1', 'abcdefgh');
    transcript.recv('conn 1', 'ijklmnop');
    transcript.recv('conn 1', 'qrstuvwx');
    transcript.event('conn 1', 'closed by your program');
    const entries = transcript.entries();
    expect(entries.map((e) => e.text ?? e.note)).toEqual(['abcdefgh', 'ij', '… 14 more bytes not shown', 'closed by your program']);
  });

  it('caps the number of entries', () => {
    const transcript = new TranscriptRecorder({ maxEntries: 3, clock: () => 0 });
    for (let i = 0; i < 10; i += 1) transcript.send('conn 1', 'x');
    const entries = transcript.entries();
    expect(entries).toHaveLength(4);
    expect(entries[3]?.note).toBe('… 7 more bytes not shown (7 more entries)');
  });

  it('hands out copies', () => {
    const transcript = new TranscriptRecorder();
    transcript.send('a', 'x');
    const entries = transcript.entries();
    (entries[0] as { text: string }).text = 'changed';
    expect(transcript.entries()[0]?.text).toBe('x');
  });
});
