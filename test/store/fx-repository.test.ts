import { readFileSync } from 'node:fs';
import { beforeEach, expect, it } from 'vitest';
import { convert } from '../../engines/fx/index.js';
import type { FxRate } from '../../mappings/canonical/fx.js';
import { fxRateTableFor, getFxRates, latestFxRateDate, StoreInputError, upsertFxRates } from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const T0 = new Date('2026-03-02T16:10:00.000Z');
const T1 = new Date('2026-03-03T16:10:00.000Z');

const ecb = (date: string, quote: string, rate: string): FxRate => ({ source: 'ecb', base: 'EUR', quote, date, rate });
const xe = (date: string, quote: string, rate: string): FxRate => ({ source: 'xe', base: 'USD', quote, date, rate, timestamp: `${date}T00:00:00Z` });

// ECB, week of 2026-02-23 (no rates Sat 28 Feb / Sun 1 Mar), and an old rate from January.
const WEEK: FxRate[] = [
  ecb('2026-01-15', 'USD', '1.0300'),
  ecb('2026-02-26', 'USD', '1.0812'),
  ecb('2026-02-26', 'JPY', '161.90'),
  ecb('2026-02-27', 'USD', '1.0795'),
  ecb('2026-02-27', 'JPY', '162.41'),
  ecb('2026-03-02', 'USD', '1.0876'),
  ecb('2026-03-02', 'JPY', '163.05'),
];

describeOnEachDialect('fx rates repository', targets, (store) => {
  beforeEach(async () => {
    // store-targets empties the tables of 0001; this one is ours.
    await store.db()('fx_rates').delete();
  });

  it('migrations 0002 and 0003 create fx_rates with text columns only (rates are exact decimal text)', async () => {
    const info = await store.db()('fx_rates').columnInfo();
    const columns = Object.fromEntries(Object.entries(info).map(([name, c]) => [name, [c.type.toLowerCase(), c.nullable]]));
    expect(columns).toEqual({
      source: ['text', false],
      base: ['text', false],
      quote: ['text', false],
      date: ['text', false],
      rate: ['text', false],
      timestamp: ['text', true],
      fetched_at: ['text', false],
      origin: ['text', true],
    });
  });

  it('keeps the address each rate was read from; a table for one address ignores the others', async () => {
    const db = store.db();
    const REAL = 'https://www.ecb.europa.eu';
    const STANDIN = 'http://127.0.0.1:8711';
    // The stand-in answered first, with its own figures.
    await upsertFxRates(db, [ecb('2026-03-02', 'USD', '1.1264'), ecb('2026-02-27', 'USD', '1.1201')], { now: T0, origin: STANDIN });
    // A legacy row (before origins were kept) is trusted for no address.
    await db('fx_rates').insert({ source: 'ecb', base: 'EUR', quote: 'JPY', date: '2026-03-02', rate: '163.05', timestamp: null, fetched_at: '2026-03-02T16:10:00.000Z', origin: null });

    const real = await fxRateTableFor(db, { source: 'ecb', onDate: '2026-03-02', origin: REAL });
    expect(convert({ amountMinor: 10000, currency: 'USD' }, 'EUR', '2026-03-02', { table: real, source: 'ecb' }).ok).toBe(false);
    expect(convert({ amountMinor: 100, currency: 'JPY' }, 'EUR', '2026-03-02', { table: real, source: 'ecb' }).ok).toBe(false);
    expect(convert({ amountMinor: 100, currency: 'JPY' }, 'EUR', '2026-03-02', { table: await fxRateTableFor(db, { source: 'ecb', onDate: '2026-03-02' }), source: 'ecb' }).ok).toBe(true);
    const standIn = await fxRateTableFor(db, { source: 'ecb', onDate: '2026-03-02', origin: STANDIN });
    const r = convert({ amountMinor: 10000, currency: 'USD' }, 'EUR', '2026-03-02', { table: standIn, source: 'ecb' });
    expect(r.ok && r.conversion.amount).toEqual({ amountMinor: 8878, currency: 'EUR' });

    // The real figures, read later, replace the stand-in's (same figure from another address counts as updated).
    expect(await upsertFxRates(db, [ecb('2026-03-02', 'USD', '1.0876'), ecb('2026-02-27', 'USD', '1.1201')], { now: T1, origin: REAL })).toEqual({
      inserted: 0,
      updated: 2,
      unchanged: 0,
    });
    const after = await fxRateTableFor(db, { source: 'ecb', onDate: '2026-03-02', origin: REAL });
    const usd = convert({ amountMinor: 10000, currency: 'USD' }, 'EUR', '2026-03-02', { table: after, source: 'ecb' });
    expect(usd.ok && [usd.conversion.amount.amountMinor, usd.conversion.rateDate]).toEqual([9195, '2026-03-02']);
  });

  it('inserts, then counts the same rates as unchanged (even "1.179" for "1.1790") and keeps the published text', async () => {
    const db = store.db();
    expect(await upsertFxRates(db, WEEK, { now: T0 })).toEqual({ inserted: 7, updated: 0, unchanged: 0 });
    expect(await upsertFxRates(db, WEEK, { now: T1 })).toEqual({ inserted: 0, updated: 0, unchanged: 7 });
    // The 90-day file writes the same figure without its trailing zero.
    expect(await upsertFxRates(db, [ecb('2026-03-02', 'USD', '1.0876'), ecb('2026-02-26', 'USD', '1.0812000')], { now: T1 })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    const rows = await db('fx_rates').select('date', 'quote', 'rate', 'fetched_at').where({ source: 'ecb', quote: 'USD' }).orderBy('date');
    expect(rows).toEqual([
      { date: '2026-01-15', quote: 'USD', rate: '1.0300', fetched_at: '2026-03-02T16:10:00.000Z' },
      { date: '2026-02-26', quote: 'USD', rate: '1.0812', fetched_at: '2026-03-02T16:10:00.000Z' },
      { date: '2026-02-27', quote: 'USD', rate: '1.0795', fetched_at: '2026-03-02T16:10:00.000Z' },
      { date: '2026-03-02', quote: 'USD', rate: '1.0876', fetched_at: '2026-03-02T16:10:00.000Z' },
    ]);
  });

  it('updates a corrected published rate and counts it', async () => {
    const db = store.db();
    await upsertFxRates(db, WEEK, { now: T0 });
    const corrected = [ecb('2026-03-02', 'USD', '1.0877'), ecb('2026-03-02', 'JPY', '163.05'), ecb('2026-03-03', 'USD', '1.0850')];
    expect(await upsertFxRates(db, corrected, { now: T1 })).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await getFxRates(db, { source: 'ecb', quotes: ['USD'], from: '2026-03-02', to: '2026-03-03' })).toEqual([
      ecb('2026-03-02', 'USD', '1.0877'),
      ecb('2026-03-03', 'USD', '1.0850'),
    ]);
    const fetched = await db('fx_rates').select('fetched_at').where({ source: 'ecb', date: '2026-03-02', quote: 'USD' }).first();
    expect(fetched).toEqual({ fetched_at: '2026-03-03T16:10:00.000Z' });
  });

  it('keeps rates per source, with timestamps, and reads them back by source, base, quotes and dates', async () => {
    const db = store.db();
    await upsertFxRates(db, [...WEEK, xe('2026-02-28', 'EUR', '0.9250000000'), xe('2026-02-28', 'KWD', '0.3071234567')], { now: T0 });
    expect(await getFxRates(db, { from: '2026-02-27', to: '2026-02-28' })).toEqual([
      ecb('2026-02-27', 'JPY', '162.41'),
      ecb('2026-02-27', 'USD', '1.0795'),
      xe('2026-02-28', 'EUR', '0.9250000000'),
      xe('2026-02-28', 'KWD', '0.3071234567'),
    ]);
    expect(await getFxRates(db, { source: 'xe', base: 'USD', quotes: ['KWD'], from: '2026-01-01', to: '2026-12-31' })).toEqual([
      xe('2026-02-28', 'KWD', '0.3071234567'),
    ]);
    expect(await getFxRates(db, { base: 'GBP', from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
    // A changed XE timestamp alone is a new publication of the rate.
    expect(await upsertFxRates(db, [{ ...xe('2026-02-28', 'KWD', '0.3071234567'), timestamp: '2026-02-28T13:24:00Z' }])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
  });

  it('reports the latest stored date per source', async () => {
    const db = store.db();
    expect(await latestFxRateDate(db, 'ecb')).toBeUndefined();
    await upsertFxRates(db, [...WEEK, xe('2026-03-05', 'EUR', '0.92')], { now: T0 });
    expect(await latestFxRateDate(db, 'ecb')).toBe('2026-03-02');
    expect(await latestFxRateDate(db, 'xe')).toBe('2026-03-05');
  });

  it('builds the rate table for a conversion date: the fallback window plus the newest older date', async () => {
    const db = store.db();
    await upsertFxRates(db, WEEK, { now: T0 });
    const table = await fxRateTableFor(db, { source: 'ecb', onDate: '2026-03-01', lookbackDays: 2 });
    // Window 2026-02-27 … 2026-03-01, plus 2026-02-26 (the newest date before it); not January.
    expect(table.dates('ecb')).toEqual(['2026-02-27', '2026-02-26']);
    // Sunday 2026-03-01 → Friday's rates: 100.00 USD × 162.41 / 1.0795 = 15044.928… → 15045 JPY.
    const sunday = convert({ amountMinor: 10000, currency: 'USD' }, 'JPY', '2026-03-01', { table, maxFallbackDays: 2 });
    expect(sunday.ok && [sunday.conversion.rateDate, sunday.conversion.fallback, sunday.conversion.amount.amountMinor]).toEqual([
      '2026-02-27',
      { reason: 'weekend', daysBack: 2 },
      15045,
    ]);
    // Far from any rate: the table still holds the newest older date, so convert says stale.
    const late = await fxRateTableFor(db, { source: 'ecb', onDate: '2026-04-01' });
    expect(late.dates('ecb')).toEqual(['2026-03-02']);
    const stale = convert({ amountMinor: 100, currency: 'EUR' }, 'USD', '2026-04-01', { table: late });
    expect(stale.ok ? undefined : [stale.error.code, stale.error.latestRateDate]).toEqual(['stale', '2026-03-02']);
  });

  it('refuses rates it could not give back exactly', async () => {
    const db = store.db();
    const bad = (rate: Partial<FxRate>) => upsertFxRates(db, [{ ...ecb('2026-03-02', 'USD', '1.0876'), ...rate }]);
    await expect(bad({ rate: '1.08e0' })).rejects.toThrow(StoreInputError);
    await expect(bad({ rate: '0' })).rejects.toThrow('rates[0] (ecb EUR/USD 2026-03-02): rate "0" is not a positive decimal string');
    await expect(bad({ date: '2026-02-30' })).rejects.toThrow('date "2026-02-30" is not a date YYYY-MM-DD');
    await expect(bad({ quote: 'EUR' })).rejects.toThrow('base and quote are the same currency');
    await expect(bad({ timestamp: '2026-03-02 00:00' })).rejects.toThrow(StoreInputError);
    expect(await db('fx_rates').count({ n: '*' }).first()).toEqual({ n: store.dialect === 'postgres' ? '0' : 0 });
  });

  it('stores a whole ECB sample file idempotently in one call', async () => {
    const db = store.db();
    const { ecbXmlToFxRates } = await import('../../mappings/fx/index.js');
    const { parseEcbXml } = await import('../../connectors/fx/schemas.js');
    const parsed = await parseEcbXml(readFileSync(new URL('../fixtures/fx/ecb/eurofxref-hist-90d_2019-11-29.xml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const mapped = ecbXmlToFxRates(parsed.doc);
    if (!mapped.ok) throw new Error(mapped.error.message);
    expect(await upsertFxRates(db, mapped.value.rates, { now: T0 })).toEqual({ inserted: 2080, updated: 0, unchanged: 0 });
    expect(await upsertFxRates(db, mapped.value.rates, { now: T1 })).toEqual({ inserted: 0, updated: 0, unchanged: 2080 });
    expect(await getFxRates(db, { source: 'ecb', quotes: ['GBP', 'ISK'], from: '2019-11-29', to: '2019-11-29' })).toEqual([
      ecb('2019-11-29', 'GBP', '0.85225'),
      ecb('2019-11-29', 'ISK', '134'),
    ]);
  });
});
