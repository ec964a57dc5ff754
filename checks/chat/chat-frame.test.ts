import { describe, expect, it } from 'vitest';
import { parseChatFrame, parseNameList } from './chat-frame.js';
import { chatProtocol } from './chat-protocol.js';

const protocol = chatProtocol({});
const parse = (text: string) => parseChatFrame(Buffer.from(text, 'utf8'), protocol);

describe('parseChatFrame', () => {
  it('reads the replies of the slide', () => {
    expect(parse('/ok Anna\nBen_2\0')).toMatchObject({ kind: 'ok', list: { names: ['Anna', 'Ben_2'], invalid: [], duplicates: [] } });
    expect(parse('/ok\0')).toMatchObject({ kind: 'ok', list: null });
    expect(parse('/error\0')).toMatchObject({ kind: 'error', detail: '' });
    expect(parse('/error Name vergeben\0')).toMatchObject({ kind: 'error', detail: 'Name vergeben' });
    expect(parse('/users Anna\n\0')).toMatchObject({ kind: 'users', list: { names: ['Anna'] } });
  });

  it('tolerates the leading space the slide prints, and only one', () => {
    expect(parse(' /ok Anna\0')).toMatchObject({ kind: 'ok', leadingSpace: true, body: '/ok Anna' });
    expect(parse(' Anna:Hallo\0')).toMatchObject({ kind: 'message', from: 'Anna', text: 'Hallo' });
    expect(parse('  /ok Anna\0')).toMatchObject({ kind: 'unknown' });
  });

  it('splits a chat message at the first colon only', () => {
    expect(parse('Jonas:Uhrzeit: 12:30\0')).toMatchObject({ kind: 'message', from: 'Jonas', text: 'Uhrzeit: 12:30' });
    expect(parse('Ida: Hallo\0')).toMatchObject({ kind: 'message', from: 'Ida', text: ' Hallo' });
  });

  it('does not take a longer word for a shorter one, nor text for a verb', () => {
    expect(parse('/okay\0')).toMatchObject({ kind: 'unknown' });
    expect(parse('/usersAnna\0')).toMatchObject({ kind: 'unknown' });
    expect(parse('Hallo zusammen\0')).toMatchObject({ kind: 'unknown' });
    expect(parse('Jörg:Hallo\0')).toMatchObject({ kind: 'unknown' });
  });

  it('shows bytes that are not UTF-8 instead of failing', () => {
    const frame = parseChatFrame(Buffer.from([0x41, 0xff, 0x3a, 0x00]), protocol);
    expect(frame).toMatchObject({ kind: 'unknown', body: 'A\\xff:' });
  });

  it('uses the words and separator a teacher configured', () => {
    const custom = chatProtocol({ words: { login: '/anmelden', ok: '+OK', error: '-ERR', logout: '/abmelden', users: '/wer' }, nameSeparator: ',' });
    expect(parseChatFrame(Buffer.from('+OK Anna,Ben\0'), custom)).toMatchObject({ kind: 'ok', list: { names: ['Anna', 'Ben'] } });
    expect(parseChatFrame(Buffer.from('-ERR\0'), custom)).toMatchObject({ kind: 'error' });
  });
});

describe('parseNameList', () => {
  it('finds entries that are not names and names listed twice', () => {
    expect(parseNameList('Anna, Ben\nAnna\r\nAnna', '\n')).toEqual({ names: ['Anna, Ben', 'Anna', 'Anna'], invalid: ['Anna, Ben'], duplicates: ['Anna'] });
  });
});

describe('chatProtocol', () => {
  it('falls back to the course words when a teacher gives words that clash or contain spaces', () => {
    expect(chatProtocol({ words: { ok: '/x', error: '/x' } }).words.ok).toBe('/ok');
    expect(chatProtocol({ words: { login: '/log in' } }).words.login).toBe('/login');
    expect(chatProtocol({ delimiter: '\n', writeMode: 'bytewise' })).toMatchObject({ delimiter: '\n', writeMode: 'bytewise' });
    expect(chatProtocol({ writeMode: 'sideways' }).writeMode).toBe('whole');
  });
});
