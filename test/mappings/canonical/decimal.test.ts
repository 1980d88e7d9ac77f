import { describe, expect, it } from 'vitest';
import { allocate, Decimal, DecimalFormatError, type RoundingMode } from '../../../mappings/canonical/decimal.js';

const d = Decimal.parse;

describe('Decimal', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(d('0.1').add(d('0.2')).toString()).toBe('0.3');
    expect(d('1.10').sub(d('2')).toString()).toBe('-0.90');
    expect(d('1.1790').mul(d('100.00')).toString()).toBe('117.900000');
    expect(d('19.99').mul(d('0.19')).normalize().toString()).toBe('3.7981');
  });

  it('divides to a stated number of decimals', () => {
    expect(d('1').div(d('3'), 6).toString()).toBe('0.333333');
    expect(d('2').div(d('3'), 6).toString()).toBe('0.666667');
    expect(d('129.62').div(d('1.1790'), 10).toString()).toBe('109.9406276506');
    expect(() => d('1').div(d('0'), 2)).toThrow(RangeError);
  });

  it.each<[string, RoundingMode, string]>([
    ['2.5', 'half-even', '2'],
    ['3.5', 'half-even', '4'],
    ['-2.5', 'half-even', '-2'],
    ['2.5', 'half-up', '3'],
    ['-2.5', 'half-up', '-3'],
    ['2.5', 'half-down', '2'],
    ['2.51', 'half-down', '3'],
    ['2.1', 'up', '3'],
    ['-2.1', 'up', '-3'],
    ['2.9', 'down', '2'],
    ['-2.9', 'down', '-2'],
    ['-2.1', 'ceiling', '-2'],
    ['2.1', 'ceiling', '3'],
    ['-2.1', 'floor', '-3'],
  ])('rounds %s %s → %s', (v, mode, out) => {
    expect(d(v).round(0, mode).toString()).toBe(out);
  });

  it('converts to and from money with the currency exponent', () => {
    expect(Decimal.fromMoney({ amountMinor: 1101, currency: 'USD' }).toString()).toBe('11.01');
    expect(Decimal.fromMoney({ amountMinor: 1980, currency: 'JPY' }).toString()).toBe('1980');
    expect(Decimal.fromMoney({ amountMinor: 1250, currency: 'KWD' }).toString()).toBe('1.250');
    expect(d('117.9050').toMoney('USD')).toEqual({ amountMinor: 11790, currency: 'USD' });
    expect(d('117.9050').toMoney('USD', 'half-up')).toEqual({ amountMinor: 11791, currency: 'USD' });
    expect(d('12345.5').toMoney('JPY')).toEqual({ amountMinor: 12346, currency: 'JPY' });
    expect(d('0.3335').toMoney('KWD')).toEqual({ amountMinor: 334, currency: 'KWD' });
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['1e3', '1,5', '', '.5', 'abc']) expect(() => d(bad)).toThrow(DecimalFormatError);
  });

  it('allocates without losing a minor unit', () => {
    const parts = allocate(d('10.00'), [d('1'), d('1'), d('1')], 2);
    expect(parts.map(String)).toEqual(['3.34', '3.33', '3.33']);
    const w = allocate(d('100'), [d('19.99'), d('5.01'), d('75')], 0);
    expect(w.map(String)).toEqual(['20', '5', '75']);
  });
});
