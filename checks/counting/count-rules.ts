/**
 * The two counting services of the course, as pure functions: what the right answer is
 * and, when a student's answer is wrong, the most likely reason.
 *
 * Zeichenzahl-Dienst (character count): the number of characters of the text, counted
 * like Python's `len(str)` (code points, not bytes: `ü`, `€` and `😀` are one each). One
 * line break at the very end (`\n` or `\r\n`, from pressing Enter) does not count;
 * everything else does, spaces included.
 *
 * Quersummen-Dienst (digit sum): the sum of the decimal digits of the number. A leading
 * `+` or `-` is no digit and does not count; leading zeros add nothing; surrounding
 * whitespace (a line break) is ignored. Numbers may have any number of digits.
 */

/** The text without one trailing `\r\n` or `\n`. */
export function withoutFinalLineBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

/** Characters as Python's `len()` counts them: code points. */
export function codePoints(text: string): number {
  return [...text].length;
}

export function characterCount(text: string): number {
  return codePoints(withoutFinalLineBreak(text));
}

/** The digit sum, or null when the text is not a whole number (optional sign, digits, whitespace around). */
export function digitSum(text: string): number | null {
  const m = /^\s*[+-]?(\d+)\s*$/.exec(text);
  if (!m) return null;
  let sum = 0;
  for (const digit of m[1] ?? '') sum += digit.charCodeAt(0) - 48;
  return sum;
}

/** Why `got` is the wrong character count of `text`, or null when we cannot tell. */
export function characterCountCause(text: string, got: bigint): string | null {
  const expected = BigInt(characterCount(text));
  const is = (n: number): boolean => got === BigInt(n) && got !== expected;
  const bytes = Buffer.byteLength(text, 'utf8');
  // For ASCII text bytes and characters agree: then the line break is the likelier mistake.
  if (is(codePoints(text))) {
    return 'you counted the line break at the end. In this exercise a line break at the very end (`\\n` or `\\r\\n`, from pressing Enter) does not count: remove it before counting, e.g. `text.rstrip("\\r\\n")`.';
  }
  if (is(bytes) || is(Buffer.byteLength(withoutFinalLineBreak(text), 'utf8'))) {
    return 'you counted bytes, not characters. In UTF-8, `ü` takes 2 bytes, `€` 3 and `😀` 4, but each is one character. `len(daten)` counts the bytes of the datagram; decode first and count the text: `len(bytes2string(daten))`.';
  }
  if (is(codePoints(text.trim()))) {
    return 'you removed the spaces at the start and end (with `strip()`?). Only a line break at the very end does not count; spaces do. Use `text.rstrip("\\r\\n")` instead of `text.strip()`.';
  }
  if (is(codePoints(withoutFinalLineBreak(text).replace(/\s/g, '')))) return 'you left out the spaces. Spaces are characters too.';
  if (is(withoutFinalLineBreak(text).split(/\s+/).filter(Boolean).length)) return 'you counted words, not characters.';
  if (is(withoutFinalLineBreak(text).length)) {
    return 'you counted UTF-16 code units: `😀` is one character but two UTF-16 units. Count code points, as Python\'s `len()` on a `str` does.';
  }
  return null;
}

/** Why `got` is the wrong digit sum of `input`, or null when we cannot tell. */
export function digitSumCause(input: string, got: bigint): string | null {
  const expected = digitSum(input);
  if (expected === null) return null;
  const digits = (/\d+/.exec(input)?.[0] ?? '').replace(/^0+(?=\d)/, '');
  const is = (n: bigint): boolean => got === n && got !== BigInt(expected);
  if (is(BigInt(input.trim()))) return 'you sent the number back unchanged. Add up its digits: for `4711` that is 4 + 7 + 1 + 1 = 13.';
  if (is(-BigInt(expected))) return `the sign is not a digit: the digit sum of \`${input.trim()}\` is ${expected}, without a minus.`;
  if (is(0n) && /^\s*-/.test(input)) {
    return 'for a negative number your answer is 0: a loop like `while zahl > 0:` never runs when `zahl` is negative. Take the absolute value first: `zahl = abs(int(text))`.';
  }
  if (is(BigInt(digitalRoot(expected)))) {
    return `you kept adding until one digit was left (${expected} → ${digitalRoot(expected)}): that is the iterated digit sum. We want the plain digit sum, ${expected}.`;
  }
  if (is(BigInt(digits.length)) || is(BigInt((/\d+/.exec(input)?.[0] ?? '').length))) return 'you counted the digits instead of adding them up.';
  if (digits.length > 15) {
    return `a number with ${digits.length} digits is too long for a \`float\`: \`float()\` keeps only about 16 digits and rounds the rest. Add up the digits of the text itself (\`for ziffer in text: ...\`), or use \`int()\`, which has no limit in Python.`;
  }
  return null;
}

function digitalRoot(n: number): number {
  let value = n;
  while (value >= 10) value = [...String(value)].reduce((sum, digit) => sum + Number(digit), 0);
  return value;
}
