/**
 * Python's `repr()` of a {@link PyValue}, for feedback: a student recognises `[1, 'zwei']`
 * from their own `print()`. Cut off after `maxChars`; a list that contains itself prints
 * as `[...]`, like Python does.
 */
import type { PyValue } from './py-value.js';

export function pyRepr(value: PyValue, maxChars = 400): string {
  const out = { text: '', full: false };
  write(value, out, maxChars, new Set());
  return out.full ? `${out.text.slice(0, maxChars)}…` : out.text;
}

interface Out {
  text: string;
  full: boolean;
}

function write(value: PyValue, out: Out, max: number, open: Set<PyValue>): void {
  if (out.full) return;
  const put = (text: string): void => {
    out.text += text;
    if (out.text.length > max) out.full = true;
  };
  const seq = (items: readonly PyValue[], left: string, right: string, oneTupleComma = false): void => {
    if (open.has(value)) return put(`${left}...${right}`);
    open.add(value);
    put(left);
    items.forEach((item, i) => {
      if (out.full) return;
      if (i > 0) put(', ');
      write(item, out, max, open);
    });
    if (oneTupleComma && items.length === 1) put(',');
    put(right);
    open.delete(value);
  };
  switch (value.kind) {
    case 'none':
      return put('None');
    case 'bool':
      return put(value.value ? 'True' : 'False');
    case 'int':
      return put(value.value.toString());
    case 'float':
      return put(floatRepr(value.value));
    case 'str':
      return put(strRepr(value.value));
    case 'bytes':
      return put(bytesRepr(value.value));
    case 'bytearray':
      return put(`bytearray(${bytesRepr(value.value)})`);
    case 'list':
      return seq(value.items, '[', ']');
    case 'tuple':
      return seq(value.items, '(', ')', true);
    case 'set':
      if (value.items.length === 0) return put('set()');
      return seq(value.items, '{', '}');
    case 'frozenset':
      if (value.items.length === 0) return put('frozenset()');
      return seq(value.items, 'frozenset({', '})');
    case 'dict': {
      if (open.has(value)) return put('{...}');
      open.add(value);
      put('{');
      value.entries.forEach(([key, item], i) => {
        if (out.full) return;
        if (i > 0) put(', ');
        write(key, out, max, open);
        put(': ');
        write(item, out, max, open);
      });
      put('}');
      open.delete(value);
      return;
    }
  }
}

/** `repr(float)`: the shortest round-trip digits, in exponent form below 1e-4 and from 1e16 on. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/** `repr(str)`: single quotes unless the text has `'` and no `"`; controls escaped. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code >= 0x80 && !isPrintable(ch, code)) out += code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    else out += ch;
  }
  return out + quote;
}

/** `repr(bytes)`: ASCII printable as is, the rest as `\xNN`. */
export function bytesRepr(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${hex(b, 2)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

// Python's str.isprintable(), close enough: separators, controls, format characters,
// surrogates and unassigned code points are escaped.
const NOT_PRINTABLE = /^[\p{Z}\p{C}]$/u;

function isPrintable(ch: string, code: number): boolean {
  if (code === 0x20) return true;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return !NOT_PRINTABLE.test(ch);
}
