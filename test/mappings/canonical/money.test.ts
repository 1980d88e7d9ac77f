/** Money in minor units with the currency's own exponent; never a float, never rounded silently. */
import { describe, expect, it } from 'vitest';
import { addMoney, CurrencyMismatchError, formatMoney, parseDecimalMoney, UtcTimestampSchema, currencyInfo } from '../../../mappings/canonical/index.js';

describe('parseDecimalMoney', () => {
  it.each([
    ['11.01', 'USD', 1101],
    ['1980', 'JPY', 1980],
    ['1980.000', 'JPY', 1980],
    ['1.250', 'KWD', 1250],
    ['0.5', 'BHD', 500],
    ['-3.50', 'EUR', -350],
    ['0.00', 'EUR', 0],
    ['-0.00', 'EUR', 0],
    ['007.10', 'GBP', 710],
    ['12.3456', 'CLF', 123456],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('%s %s → %d minor units', (amount, currency, minor) => {
    expect(parseDecimalMoney(amount, currency)).toEqual({ ok: true, money: { amountMinor: minor, currency } });
  });

  it.each([
    ['19,99', 'EUR', 'is not a decimal amount'],
    ['10.50', 'JPY', 'more decimals than JPY allows (0)'],
    ['1.2345', 'KWD', 'more decimals than KWD allows (3)'],
    ['1e3', 'USD', 'is not a decimal amount'],
    ['', 'USD', 'is not a decimal amount'],
    ['12.00', 'EURO', 'unknown currency code'],
    ['90071992547409.92', 'USD', 'too large'],
  ])('%s %s is refused (%s)', (amount, currency, message) => {
    const r = parseDecimalMoney(amount, currency);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});

describe('formatMoney and addMoney', () => {
  it('formats with the exponent of the currency', () => {
    expect(formatMoney({ amountMinor: 1101, currency: 'USD' })).toBe('11.01');
    expect(formatMoney({ amountMinor: 1980, currency: 'JPY' })).toBe('1980');
    expect(formatMoney({ amountMinor: 1250, currency: 'KWD' })).toBe('1.250');
    expect(formatMoney({ amountMinor: -5, currency: 'EUR' })).toBe('-0.05');
  });
  it('adds only like currencies', () => {
    expect(addMoney({ amountMinor: 1, currency: 'EUR' }, { amountMinor: 2, currency: 'EUR' })).toEqual({ amountMinor: 3, currency: 'EUR' });
    expect(() => addMoney({ amountMinor: 1, currency: 'EUR' }, { amountMinor: 2, currency: 'GBP' })).toThrow(CurrencyMismatchError);
  });
  it('keeps ISO 4217 exponents as data, retired codes flagged', () => {
    expect(currencyInfo('JPY')).toEqual({ code: 'JPY', exponent: 0, active: true });
    expect(currencyInfo('TND')?.exponent).toBe(3);
    expect(currencyInfo('HRK')).toEqual({ code: 'HRK', exponent: 2, active: false, withdrawn: '2023-01-01' });
  });
});

describe('UtcTimestampSchema', () => {
  it('accepts real UTC instants and refuses impossible ones', () => {
    expect(UtcTimestampSchema.safeParse('2026-03-02T10:15:00Z').success).toBe(true);
    expect(UtcTimestampSchema.safeParse('2024-02-29T23:59:59.123456Z').success).toBe(true);
    expect(UtcTimestampSchema.safeParse('2026-02-29T00:00:00Z').success).toBe(false);
    expect(UtcTimestampSchema.safeParse('2026-02-30T25:61:00Z').success).toBe(false);
    expect(UtcTimestampSchema.safeParse('2026-03-02T10:15:00+01:00').success).toBe(false);
  });
});
