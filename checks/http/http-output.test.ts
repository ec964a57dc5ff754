import { describe, expect, it } from 'vitest';
import { pageFor } from './http-page.js';
import { readOutput } from './http-output.js';
import { parseRequestHead, targetPath } from './http-request-head.js';

const page = pageFor('unit-seed');
const html = page.body.toString('latin1');

describe('reading what a client printed', () => {
  it('finds every paragraph in the page as printed, HTML or not, whatever the line breaks', () => {
    const reading = readOutput(`HTTP/1.1 200 OK\r\n\r\n${html.replace(/\n/g, '\r\n')}`, page);
    expect(reading.present.every(Boolean)).toBe(true);
    expect(reading).toMatchObject({ tokenFound: true, umlautsFound: true, garbling: null, chunkSizeLines: [] });
  });

  it('names how the umlauts went wrong, and still counts those paragraphs as there', () => {
    const utf8 = readOutput(page.body.toString('utf8'), page);
    expect(utf8).toMatchObject({ umlautsFound: false, garbling: 'replacement' });
    expect(utf8.present.every(Boolean)).toBe(true);
    const repr = readOutput(JSON.stringify(html).replace(/[^\x00-\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`), page);
    expect(repr.garbling).toBe('bytes-repr');
    expect(readOutput(html.replace(/[^\x00-\x7f]/g, ''), page).garbling).toBe('dropped');
    expect(readOutput(Buffer.from(html, 'utf8').toString('latin1'), page).garbling).toBe('double-encoded');
  });

  it('sees chunk sizes that break paragraphs', () => {
    const cut = `${html.slice(0, 900)}\r\n5dc\r\n${html.slice(900)}`;
    const reading = readOutput(cut, page);
    expect(reading.chunkSizeLines).toEqual(['5dc']);
    expect(reading.present.filter((p) => !p)).toHaveLength(1);
  });

  it('misses the end of a page cut short', () => {
    const reading = readOutput(html.slice(0, 1200), page);
    expect(reading.tokenFound).toBe(true);
    expect(reading.present[reading.present.length - 1]).toBe(false);
  });
});

describe('parsing a request head (RFC 9112)', () => {
  const lines = (text: string) => text.split(/(?<=\n)/).map((raw) => ({ raw: Buffer.from(raw), end: raw.endsWith('\r\n') ? ('crlf' as const) : raw.endsWith('\n') ? ('lf' as const) : ('none' as const) }));
  it('reads the request line and fields', () => {
    const head = parseRequestHead(lines('GET / HTTP/1.1\r\nHOST: www.hsg-kl.de\r\nConnection: close\r\n\r\n'), 'blank-line');
    expect(head).toMatchObject({ method: 'GET', target: '/', version: 'HTTP/1.1', exactRequestLine: true, badFields: [] });
    expect(head.fields).toEqual([
      { name: 'HOST', value: 'www.hsg-kl.de' },
      { name: 'Connection', value: 'close' },
    ]);
  });
  it('notes a loose request line and lines that are no fields', () => {
    const head = parseRequestHead(lines('GET  /  HTTP/1.1\nHost www.hsg-kl.de\n\n'), 'blank-line');
    expect(head).toMatchObject({ method: 'GET', target: '/', version: 'HTTP/1.1', exactRequestLine: false, badFields: ['Host www.hsg-kl.de'] });
  });
  it('takes the path from origin and absolute form', () => {
    expect(targetPath('/?x=1')).toBe('/');
    expect(targetPath('http://www.hsg-kl.de')).toBe('/');
    expect(targetPath('http://www.hsg-kl.de:8080/a/b#c')).toBe('/a/b');
  });
});
