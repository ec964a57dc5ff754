import { describe, expect, it } from 'vitest';
import { bytesToVisibleText, decodeUtf8, escapeText, quoteBytes, toHex } from './bytes-text.js';

describe('bytes-text', () => {
  it('escapes control and invisible characters but keeps umlauts and €', () => {
    expect(escapeText('Grüße €\r\n\0\t\\ \x1b \u200b')).toBe('Grüße €\\r\\n\\0\\t\\\\ \\x1b \\u{200b}');
  });

  it('decodes strict UTF-8 only, keeping a BOM', () => {
    expect(decodeUtf8(Buffer.from('Köln'))).toBe('Köln');
    expect(decodeUtf8(Buffer.from([0x48, 0xff]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xc3]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });

  it('shows invalid bytes as \\xNN between readable text', () => {
    expect(bytesToVisibleText(Buffer.from('48616c6c6f20fffe8020c328', 'hex'))).toBe('Hallo \\xff\\xfe\\x80 \\xc3(');
    // An overlong encoding and a surrogate are invalid too.
    expect(bytesToVisibleText(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]))).toBe('\\xc0\\xaf\\xed\\xa0\\x80');
    expect(bytesToVisibleText(Buffer.from('€ü'))).toBe('€ü');
  });

  it('quotes bytes for feedback and cuts long ones', () => {
    expect(quoteBytes(Buffer.from('Hallo\n'))).toBe('`Hallo\\n`');
    expect(quoteBytes(Buffer.alloc(0))).toBe('nothing (0 bytes)');
    expect(quoteBytes(Buffer.from('abcdef'), 3)).toBe('`abc…`');
  });

  it('formats hex as spaced pairs', () => {
    expect(toHex(Buffer.from([0x48, 0xff, 0x00]))).toBe('48 ff 00');
  });
});
