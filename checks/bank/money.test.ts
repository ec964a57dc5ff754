import { describe, expect, it } from 'vitest';
import { amountText, formatAmount, parseAmount, units } from './money.js';

describe('parseAmount', () => {
  it.each([
    ['125', 0, 125],
    ['+7', 0, 7],
    ['-5', 0, -5],
    ['125.0', 0, 125],
    ['125.00', 0, 125],
    ['12.5', 2, 1250],
    ['12,50', 2, 1250],
    ['0.05', 2, 5],
    ['-0.5', 2, -50],
    ['3', 2, 300],
    ['1.230', 2, 123],
  ] as const)('%s with %i decimals is %i', (text, decimals, value) => {
    expect(parseAmount(text, decimals)).toBe(value);
  });

  it.each([
    ['2.5', 0],
    ['1.005', 2],
    ['abc', 0],
    ['', 0],
    ['1e3', 0],
    ['12 5', 0],
    ['0x10', 0],
  ] as const)('rejects %j with %i decimals', (text, decimals) => {
    expect(parseAmount(text, decimals)).toBeNull();
  });
});

describe('formatAmount and amountText', () => {
  it('writes smallest units back', () => {
    expect(formatAmount(125, 0)).toBe('125');
    expect(formatAmount(12550, 2)).toBe('125.50');
    expect(formatAmount(-5, 2)).toBe('-0.05');
    expect(formatAmount(0, 2)).toBe('0.00');
  });

  it('sends whole amounts without decimals', () => {
    expect(amountText(units(25, 2), 2)).toBe('25');
    expect(amountText(125, 2)).toBe('1.25');
    expect(amountText(25, 0)).toBe('25');
  });
});
