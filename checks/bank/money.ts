/**
 * Amounts as whole numbers of the smallest unit (cents when `decimals` is 2), so that
 * 0.1 + 0.2 never becomes 0.30000000000000004 in our bookkeeping.
 */

/** Digits, optionally a sign and a decimal part with `.` or `,`. */
const AMOUNT = /^[+-]?\d{1,15}(?:[.,]\d{1,15})?$/;

/**
 * Parses `125`, `125.0`, `12,50` into smallest units; null when it is not a number or has
 * more (non-zero) decimals than `decimals` allows.
 */
export function parseAmount(text: string, decimals: number): number | null {
  const trimmed = text.trim();
  if (!AMOUNT.test(trimmed)) return null;
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = trimmed.replace(/^[+-]/, '').split(/[.,]/);
  if (/[1-9]/.test(fraction.slice(decimals))) return null;
  const units = Number(whole) * 10 ** decimals + Number(fraction.slice(0, decimals).padEnd(decimals, '0') || '0');
  return negative ? -units : units;
}

/** Smallest units as we write them in requests and feedback: `125`, `125.50`. */
export function formatAmount(units: number, decimals: number): string {
  if (decimals <= 0) return String(units);
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const scale = 10 ** decimals;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(decimals, '0')}`;
}

/** Whole currency units in smallest units: `units(25, 2)` is 2500. */
export function units(whole: number, decimals: number): number {
  return whole * 10 ** decimals;
}

/** An amount as we send it in a request: `25` for whole units, `1.25` otherwise. */
export function amountText(amount: number, decimals: number): string {
  return amount % 10 ** decimals === 0 ? String(amount / 10 ** decimals) : formatAmount(amount, decimals);
}
