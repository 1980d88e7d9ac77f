import { beforeAll, describe, expect, it } from 'vitest';
import {
  convert,
  convertOrThrow,
  createFxRateTable,
  FxConversionError,
  FxRateTableError,
  type ConvertResult,
  type FxRateTable,
} from '../../../engines/fx/index.js';
import { ConversionSchema, type Conversion, type FxRate } from '../../../mappings/canonical/fx.js';
import type { RoundingMode } from '../../../mappings/canonical/decimal.js';
import { ecbXmlToFxRates } from '../../../mappings/fx/index.js';
import { ECB_DAILY_2018_06_11, ECB_HIST_2019_12_17_TO_2020_01_28, ecbDoc, fxFixtureText } from '../../mappings/fx/fx-fixtures.js';

async function ecbRates(path: string): Promise<FxRate[]> {
  const result = ecbXmlToFxRates(await ecbDoc(fxFixtureText(path)));
  if (!result.ok) throw new Error(result.error.message);
  return result.value.rates;
}

function ok(result: ConvertResult): Conversion {
  if (!result.ok) throw new Error(`expected a conversion, got ${result.error.code}: ${result.error.message}`);
  expect(ConversionSchema.safeParse(result.conversion).success).toBe(true);
  return result.conversion;
}

const money = (amountMinor: number, currency: string) => ({ amountMinor, currency });

// ECB 2018-06-11 (daily file): 1 EUR = 1.1790 USD = 129.62 JPY = 0.88180 GBP.
let daily: FxRateTable;
// ECB 2019-12-17 … 2020-01-28: no rates on Sat/Sun, 25–26 Dec 2019 and 1 Jan 2020.
let history: FxRateTable;

beforeAll(async () => {
  daily = createFxRateTable(await ecbRates(ECB_DAILY_2018_06_11));
  history = createFxRateTable(await ecbRates(ECB_HIST_2019_12_17_TO_2020_01_28));
});

describe('convert: hand-computed cases on ECB 2018-06-11', () => {
  it('USD→EUR is the inverse of EURUSD: 100.00 / 1.1790 = 84.8176420695… → 84.82 EUR', () => {
    const c = ok(convert(money(10000, 'USD'), 'EUR', '2018-06-11', { table: daily }));
    expect(c).toEqual({
      from: { amountMinor: 10000, currency: 'USD' },
      amount: { amountMinor: 8482, currency: 'EUR' },
      // 1 / 1.1790 = 0.84817642069550…, 10 decimals half-even
      rate: '0.8481764207',
      source: 'ecb',
      requestedDate: '2018-06-11',
      rateDate: '2018-06-11',
      method: 'inverse',
      rates: [{ source: 'ecb', base: 'EUR', quote: 'USD', date: '2018-06-11', rate: '1.1790' }],
      rounding: 'half-even',
    });
  });

  it('EUR→JPY is direct: 250.00 × 129.62 = 32405 JPY (no minor unit)', () => {
    const c = ok(convert(money(25000, 'EUR'), 'JPY', '2018-06-11', { table: daily }));
    expect([c.method, c.amount, c.rate]).toEqual(['direct', { amountMinor: 32405, currency: 'JPY' }, '129.6200000000']);
  });

  it('USD→JPY crosses through EUR: 100.00 × 129.62 / 1.1790 = 10994.0627650… → 10994 JPY', () => {
    const c = ok(convert(money(10000, 'USD'), 'JPY', '2018-06-11', { table: daily }));
    expect(c.method).toBe('cross');
    expect(c.amount).toEqual({ amountMinor: 10994, currency: 'JPY' });
    // 129.62 / 1.1790 = 109.94062765055…
    expect(c.rate).toBe('109.9406276506');
    expect(c.rates.map((r) => `${r.base}${r.quote} ${r.rate}`)).toEqual(['EURJPY 129.62', 'EURUSD 1.1790']);
  });

  it('JPY→EUR: 10000 JPY / 129.62 = 77.1485881808… → 77.15 EUR', () => {
    const c = ok(convert(money(10000, 'JPY'), 'EUR', '2018-06-11', { table: daily }));
    expect([c.method, c.amount, c.rate]).toEqual(['inverse', { amountMinor: 7715, currency: 'EUR' }, '0.0077148588']);
  });

  it('rounds the exact amount once, not amount × the rounded rate', () => {
    // 1 000 000 000 JPY / 129.62 = 7 714 858.8180836… → 7 714 858.82 EUR;
    // × the 10-decimal rate 0.0077148588 it would be 7 714 858.80.
    const c = ok(convert(money(1_000_000_000, 'JPY'), 'EUR', '2018-06-11', { table: daily }));
    expect(c.amount).toEqual({ amountMinor: 771485882, currency: 'EUR' });
  });

  it('rounding modes differ on an exact half: 25.00 EUR × 129.62 = 3240.5 JPY', () => {
    const modes: RoundingMode[] = ['half-even', 'half-up', 'half-down', 'up', 'down', 'ceiling', 'floor'];
    const results = modes.map((rounding) => ok(convert(money(2500, 'EUR'), 'JPY', '2018-06-11', { table: daily, rounding })));
    expect(results.map((c) => [c.rounding, c.amount.amountMinor])).toEqual([
      ['half-even', 3240],
      ['half-up', 3241],
      ['half-down', 3240],
      ['up', 3241],
      ['down', 3240],
      ['ceiling', 3241],
      ['floor', 3240],
    ]);
    // A refund: −3240.5 JPY; ceiling goes towards zero, floor away from it.
    const refund = (rounding: RoundingMode) => ok(convert(money(-2500, 'EUR'), 'JPY', '2018-06-11', { table: daily, rounding })).amount.amountMinor;
    expect([refund('half-even'), refund('half-up'), refund('ceiling'), refund('floor')]).toEqual([-3240, -3241, -3240, -3241]);
    // 25.00 EUR × 0.88180 = 22.045 GBP: half-even 22.04, half-up 22.05.
    expect(ok(convert(money(2500, 'EUR'), 'GBP', '2018-06-11', { table: daily })).amount.amountMinor).toBe(2204);
    expect(ok(convert(money(2500, 'EUR'), 'GBP', '2018-06-11', { table: daily, rounding: 'half-up' })).amount.amountMinor).toBe(2205);
  });

  it('same currency is the identity: rate 1, no table needed', () => {
    const c = ok(convert(money(1234, 'KWD'), 'KWD', '2026-03-01', { table: createFxRateTable([]) }));
    expect(c).toEqual({
      from: { amountMinor: 1234, currency: 'KWD' },
      amount: { amountMinor: 1234, currency: 'KWD' },
      rate: '1.0000000000',
      source: 'identity',
      requestedDate: '2026-03-01',
      rateDate: '2026-03-01',
      method: 'identity',
      rates: [],
      rounding: 'half-even',
    });
  });
});

describe('convert: KWD (three decimals) from an XE table', () => {
  // Injected XE rates of 2026-03-02: 1 GBP = 0.3871234567 KWD; 1 USD = 0.7912345678 GBP = 0.3071234567 KWD.
  const xe = createFxRateTable([
    { source: 'xe', base: 'GBP', quote: 'KWD', date: '2026-03-02', rate: '0.3871234567', timestamp: '2026-03-02T00:00:00Z' },
    { source: 'xe', base: 'USD', quote: 'GBP', date: '2026-03-03', rate: '0.7912345678', timestamp: '2026-03-03T00:00:00Z' },
    { source: 'xe', base: 'USD', quote: 'KWD', date: '2026-03-03', rate: '0.3071234567', timestamp: '2026-03-03T00:00:00Z' },
  ]);

  it('GBP→KWD direct: 123.45 × 0.3871234567 = 47.790390729… → 47.790 KWD', () => {
    const c = ok(convert(money(12345, 'GBP'), 'KWD', '2026-03-02', { table: xe, source: 'xe' }));
    expect([c.method, c.amount, c.rate, c.source]).toEqual(['direct', { amountMinor: 47790, currency: 'KWD' }, '0.3871234567', 'xe']);
    expect(c.rates[0]?.timestamp).toBe('2026-03-02T00:00:00Z');
  });

  it('GBP→KWD crossed through XE\'s USD base: 123.45 × 0.3071234567 / 0.7912345678 = 47.9180160… → 47.918 KWD', () => {
    const c = ok(convert(money(12345, 'GBP'), 'KWD', '2026-03-03', { table: xe }));
    expect([c.method, c.amount, c.rate, c.rateDate]).toEqual(['cross', { amountMinor: 47918, currency: 'KWD' }, '0.3881572788', '2026-03-03']);
  });

  it('KWD is not in ECB\'s list: no rate from an ECB table', () => {
    const result = convert(money(12345, 'GBP'), 'KWD', '2018-06-11', { table: daily });
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'no_rate',
      message: 'no ecb rate for GBP→KWD on or before 2018-06-11',
      from: 'GBP',
      to: 'KWD',
      onDate: '2018-06-11',
    });
  });
});

describe('convert: weekends and holidays fall back to the last published rate, and say so', () => {
  it.each([
    // date, weekday, rate date, reason, days back, EURUSD of that date
    ['2019-12-28', 'Saturday', '2019-12-27', 'weekend', 1, '1.1153'],
    ['2019-12-29', 'Sunday', '2019-12-27', 'weekend', 2, '1.1153'],
    ['2019-12-25', 'Christmas Day', '2019-12-24', 'no rate published for that date (holiday)', 1, '1.108'],
    ['2019-12-26', 'Boxing Day', '2019-12-24', 'no rate published for that date (holiday)', 2, '1.108'],
    ['2020-01-01', "New Year's Day", '2019-12-31', 'no rate published for that date (holiday)', 1, '1.1234'],
  ])('%s (%s) uses %s', (onDate, _day, rateDate, reason, daysBack, eurUsd) => {
    const c = ok(convert(money(10000, 'EUR'), 'USD', onDate, { table: history }));
    expect([c.requestedDate, c.rateDate, c.fallback, c.rates[0]?.rate]).toEqual([onDate, rateDate, { reason, daysBack }, eurUsd]);
  });

  it('a published day has no fallback: 2019-12-27, 100.00 EUR × 1.1153 = 111.53 USD', () => {
    const c = ok(convert(money(10000, 'EUR'), 'USD', '2019-12-27', { table: history }));
    expect(c.fallback).toBeUndefined();
    expect(c.amount).toEqual({ amountMinor: 11153, currency: 'USD' });
  });

  it('a rate older than maxFallbackDays is stale, naming the pair, the date and the newest rate', () => {
    const result = convert(money(10000, 'USD'), 'JPY', '2020-02-10', { table: history });
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'stale',
      message: 'no ecb rate for USD→JPY within 7 days before 2020-02-10: the newest is from 2020-01-28 (13 days back, source ecb)',
      from: 'USD',
      to: 'JPY',
      onDate: '2020-02-10',
      source: 'ecb',
      latestRateDate: '2020-01-28',
    });
    // A wider window accepts it: 100.00 USD × 120.02 / 1.1005 = 10905.9518… → 10906 JPY.
    const c = ok(convert(money(10000, 'USD'), 'JPY', '2020-02-10', { table: history, maxFallbackDays: 14 }));
    expect([c.rateDate, c.fallback, c.amount.amountMinor]).toEqual(['2020-01-28', { reason: 'no rate published for that date (holiday)', daysBack: 13 }, 10906]);
    // Zero days back allowed: a Saturday is stale at once.
    expect(convert(money(10000, 'EUR'), 'USD', '2019-12-28', { table: history, maxFallbackDays: 0 }).ok).toBe(false);
  });

  it('before the first published date there is no rate', () => {
    const result = convert(money(10000, 'EUR'), 'USD', '2019-12-16', { table: history });
    expect(result.ok ? undefined : [result.error.code, result.error.message]).toEqual(['no_rate', 'no ecb rate for EUR→USD on or before 2019-12-16']);
  });
});

describe('convert: currencies', () => {
  it('an unknown currency is a typed error naming the pair and date', () => {
    const result = convert(money(100, 'USD'), 'XYZ', '2018-06-11', { table: daily });
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'unknown_currency',
      message: 'XYZ is not an ISO 4217 currency code (converting USD→XYZ on 2018-06-11)',
      from: 'USD',
      to: 'XYZ',
      onDate: '2018-06-11',
    });
    const lower = convert(money(100, 'usd'), 'EUR', '2018-06-11', { table: daily });
    expect(lower.ok ? undefined : lower.error.code).toBe('unknown_currency');
  });

  it('a withdrawn code converts where rates exist (HRK on 2020-01-28: 1000.00 HRK / 7.441 = 134.3905… → 134.39 EUR), not after', () => {
    const c = ok(convert(money(100000, 'HRK'), 'EUR', '2020-01-28', { table: history }));
    expect([c.method, c.amount]).toEqual(['inverse', { amountMinor: 13439, currency: 'EUR' }]);
    const later = createFxRateTable([{ source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-03-02', rate: '1.0876' }]);
    const result = convert(money(100000, 'HRK'), 'EUR', '2026-03-02', { table: later });
    expect(result.ok ? undefined : result.error.message).toBe('no ecb rate for HRK→EUR on or before 2026-03-02 (HRK: ISO 4217 code withdrawn 2023-01-01)');
  });

  it('an impossible date is invalid_date', () => {
    const result = convert(money(100, 'USD'), 'EUR', '2018-02-30', { table: daily });
    expect(result.ok ? undefined : result.error.code).toBe('invalid_date');
  });
});

describe('convert: sources', () => {
  const mixed = createFxRateTable([
    { source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-02-27', rate: '1.0800' },
    { source: 'xe', base: 'USD', quote: 'EUR', date: '2026-02-28', rate: '0.9250000000', timestamp: '2026-02-28T00:00:00Z' },
  ]);

  it('uses the source the policy names', () => {
    // ECB Friday 2026-02-27 for Saturday 2026-02-28: 100.00 USD / 1.0800 = 92.592… → 92.59 EUR.
    const c = ok(convert(money(10000, 'USD'), 'EUR', '2026-02-28', { table: mixed, source: 'ecb' }));
    expect([c.source, c.method, c.amount.amountMinor, c.fallback]).toEqual(['ecb', 'inverse', 9259, { reason: 'weekend', daysBack: 1 }]);
  });

  it('without a source, the most recent rate wins (XE publishes on Saturdays)', () => {
    const c = ok(convert(money(10000, 'USD'), 'EUR', '2026-02-28', { table: mixed }));
    expect([c.source, c.method, c.amount.amountMinor, c.fallback]).toEqual(['xe', 'direct', 9250, undefined]);
  });

  it('accepts a table that went through JSON (an activity result) and re-indexes it', () => {
    const copy = JSON.parse(JSON.stringify(mixed)) as FxRateTable;
    const c = ok(convert(money(10000, 'USD'), 'EUR', '2026-02-28', { table: copy, source: 'ecb' }));
    expect([c.source, c.amount.amountMinor]).toEqual(['ecb', 9259]);
  });

  it('an unknown source has no rate', () => {
    const result = convert(money(10000, 'USD'), 'EUR', '2026-02-28', { table: mixed, source: 'oanda' });
    expect(result.ok ? undefined : [result.error.code, result.error.source]).toEqual(['no_rate', 'oanda']);
  });
});

describe('convertOrThrow', () => {
  it('returns the conversion or throws FxConversionError with the typed error', () => {
    expect(convertOrThrow(money(25000, 'EUR'), 'JPY', '2018-06-11', { table: daily }).amount.amountMinor).toBe(32405);
    let thrown: unknown;
    try {
      convertOrThrow(money(100, 'EUR'), 'JPY', '2018-06-20', { table: daily });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FxConversionError);
    expect((thrown as FxConversionError).code).toBe('stale');
    expect((thrown as FxConversionError).message).toBe(
      'no ecb rate for EUR→JPY within 7 days before 2018-06-20: the newest is from 2018-06-11 (9 days back, source ecb)',
    );
  });
});

describe('createFxRateTable', () => {
  const usd = (rate: string, date = '2018-06-11'): FxRate => ({ source: 'ecb', base: 'EUR', quote: 'USD', date, rate });

  it('keeps the same rate written twice once ("1.1790" and "1.179"), indexed by source, base, quote, date', () => {
    const table = createFxRateTable([usd('1.1790'), usd('1.179'), usd('1.1650', '2018-06-08')]);
    expect(table.rates.map((r) => `${r.date} ${r.rate}`)).toEqual(['2018-06-08 1.1650', '2018-06-11 1.1790']);
    expect(table.get('ecb', 'EUR', 'USD', '2018-06-11')?.rate).toBe('1.1790');
    expect(table.get('ecb', 'USD', 'EUR', '2018-06-11')).toBeUndefined();
    expect(table.dates('ecb')).toEqual(['2018-06-11', '2018-06-08']);
    expect(table.bases('ecb', '2018-06-11')).toEqual(['EUR']);
  });

  it('refuses conflicting duplicates, non-decimal, zero and identity rates', () => {
    expect(() => createFxRateTable([usd('1.1790'), usd('1.1800')])).toThrow(
      new FxRateTableError('ecb EUR/USD 2018-06-11: two different rates, 1.1790 and 1.1800'),
    );
    expect(() => createFxRateTable([usd('1,1790')])).toThrow(FxRateTableError);
    expect(() => createFxRateTable([usd('0')])).toThrow('ecb EUR/USD 2018-06-11: rate 0 is not positive');
    expect(() => createFxRateTable([{ ...usd('1'), quote: 'EUR' }])).toThrow('base and quote are the same currency');
  });
});
