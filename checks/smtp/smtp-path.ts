/**
 * The argument of `MAIL FROM:` and `RCPT TO:` (RFC 5321 §4.1.1.2, §4.1.1.3, §4.1.2):
 * `FROM:<local@domain>` followed by optional ESMTP parameters (`SIZE=1234`,
 * `BODY=8BITMIME`). Parsed leniently, as real servers do, and every deviation noted, so
 * the server can accept what Postfix accepts while the check explains what is not exact.
 */

export interface SmtpPath {
  /** The address without angle brackets; `''` for the null path `<>`. */
  address: string;
  /** Written as `<…>`, as the grammar demands. */
  bracketed: boolean;
  /** A space between `FROM:` and the path (`MAIL FROM: <a@b>`), tolerated by most servers. */
  spaceAfterColon: boolean;
  /** `local@domain` with a plausible local part and domain. */
  wellFormed: boolean;
  /** ESMTP parameters after the path, e.g. `SIZE=1234`. */
  params: string[];
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** `local@domain` per RFC 5321 §4.1.2 (dot-string local part, no quoted strings, no literals). */
export function isWellFormedAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  return LOCAL.test(address.slice(0, at)) && DOMAIN.test(address.slice(at + 1)) && address.length <= 254;
}

/**
 * Parses `argument` (everything after `MAIL ` or `RCPT `) for `keyword` (`FROM` or `TO`).
 * Null when it does not start with the keyword and a colon, or has no address at all:
 * the server answers 501 to that.
 */
export function parseSmtpPath(argument: string, keyword: 'FROM' | 'TO'): SmtpPath | null {
  const match = new RegExp(`^${keyword}:( *)(.*)$`, 'i').exec(argument.trim());
  if (!match) return null;
  const spaceAfterColon = (match[1] ?? '').length > 0;
  const rest = (match[2] ?? '').trim();
  if (rest.startsWith('<')) {
    const close = rest.indexOf('>');
    if (close < 0) return null;
    // A source route (`<@a,@b:user@c>`, RFC 5321 §4.1.2 obsolete) is dropped, as servers do.
    const address = rest.slice(1, close).replace(/^@[^:]*:/, '');
    const params = rest.slice(close + 1).trim().split(/\s+/).filter(Boolean);
    return { address, bracketed: true, spaceAfterColon, wellFormed: isWellFormedAddress(address), params };
  }
  const [address = '', ...params] = rest.split(/\s+/);
  if (address === '') return null;
  return { address, bracketed: false, spaceAfterColon, wellFormed: isWellFormedAddress(address), params };
}

/** Addresses are equal when the domains match case-insensitively and the local parts exactly (RFC 5321 §2.4). */
export function sameAddress(a: string, b: string): boolean {
  const at = (s: string): [string, string] => {
    const i = s.lastIndexOf('@');
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1).toLowerCase()];
  };
  const [la, da] = at(a.trim());
  const [lb, db] = at(b.trim());
  return la === lb && da === db;
}
