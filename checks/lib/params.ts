/** Reading check params: teachers write them as JSON, so every value is checked, with a default. */

/** A finite number ≥ 0, else `fallback`. */
export function numberParam(params: Record<string, unknown>, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Any string, `''` included, else `fallback`. */
export function stringParam(params: Record<string, unknown>, key: string, fallback: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : fallback;
}

/** A string other than `''`, else `fallback`: for names and protocol words, where empty means "not set". */
export function nonEmptyStringParam(params: Record<string, unknown>, key: string, fallback: string): string {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function booleanParam(params: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}
