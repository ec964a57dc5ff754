/**
 * Text for an XML 1.0 document. A student's program puts any bytes it likes into feedback
 * and output, and XML 1.0 (§2.2) has characters that may not appear at all, not even as a
 * character reference: C0 controls but tab, newline and carriage return, lone surrogates,
 * U+FFFE and U+FFFF. One of them makes the whole report unreadable to a CI server, so
 * they are written as visible text (`\x1b`), as the terminal table shows them. C1
 * controls are allowed but "should be avoided" (§2.2): shown the same way.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** Character data between tags. `\r` as a reference: a parser would turn a raw one into `\n` (§2.11). */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** A double-quoted attribute value: tab, newline and CR as references, or a parser makes them spaces (§3.3.3). */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
