/**
 * `${name}` in a script's texts: replaced by the variable's value. `$${` writes a literal
 * `${`. Names are letters, digits and `_`, starting with a letter or `_`.
 */

const PLACEHOLDER = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The names a template uses, in order, each once. */
export function variablesIn(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) if (match[1]) names.add(match[1]);
  return [...names];
}

/** A `${` that does not close into a valid name: a typo the loader reports. */
export function brokenPlaceholder(template: string): string | null {
  const stripped = template.replace(PLACEHOLDER, '');
  const index = stripped.indexOf('${');
  return index < 0 ? null : stripped.slice(index, index + 20);
}

/** Replaces every `${name}`; `escape` transforms values (for regex patterns). Unknown names stay as written. */
export function substitute(template: string, vars: ReadonlyMap<string, string>, escape: (value: string) => string = (v) => v): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (!name) return '${';
    const value = vars.get(name);
    return value === undefined ? whole : escape(value);
  });
}

export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `unit` repeated and cut to exactly `length` bytes (a long message from a short text). */
export function repeatToBytes(unit: Buffer, length: number | undefined): Buffer {
  if (length === undefined || unit.length === 0) return unit;
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < out.length; offset += unit.length) unit.copy(out, offset, 0, Math.min(unit.length, out.length - offset));
  return out;
}
