/** Per-market price rules: fixed and converted prices, margins and endings, in exact decimals. */
import { describe, expect, it } from 'vitest';
import { createFxRateTable } from '../../../engines/fx/index.js';
import { endingProblem, priceFor, PriceRuleError, type PriceRule } from '../../../engines/pricing/index.js';
import type { FxRate } from '../../../mappings/canonical/fx.js';

const ecb = (quote: string, rate: string, date = '2026-03-02'): FxRate => ({ source: 'ecb', base: 'EUR', quote, date, rate });
const table = createFxRateTable([ecb('GBP', '0.8500'), ecb('JPY', '162.50'), ecb('KWD', '0.3312')]);
const fx = { table, onDate: '2026-03-02' };
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('priceFor: convert rules', () => {
  const cases: Array<[string, number, PriceRule, number, string]> = [
    // label, base EUR minor units, rule, expected minor units, expected currency
    ['GBP, margin 1.1, .99 up', 2000, { rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99' }, 1899, 'GBP'],
    ['GBP, margin 1.1, .99 nearest', 2000, { rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99', direction: 'nearest' }, 1899, 'GBP'],
    ['GBP, .99 nearest rounds down', 2000, { rule: 'convert', currency: 'GBP', margin: '1.05', ending: '0.99', direction: 'nearest' }, 1799, 'GBP'],
    ['GBP, .95 up', 2000, { rule: 'convert', currency: 'GBP', margin: '1.15', ending: '0.95' }, 1995, 'GBP'],
    ['GBP, whole up', 2000, { rule: 'convert', currency: 'GBP', margin: '1.15', ending: 'whole' }, 2000, 'GBP'],
    ['GBP, no ending: minor unit up', 1999, { rule: 'convert', currency: 'GBP', margin: '1.15' }, 1954, 'GBP'],
    ['JPY (exponent 0), margin 1.15, round to 100 up', 2000, { rule: 'convert', currency: 'JPY', margin: '1.15', ending: { roundTo: '100' } }, 3800, 'JPY'],
    ['JPY, round to 100 nearest', 2000, { rule: 'convert', currency: 'JPY', margin: '1.15', ending: { roundTo: '100' }, direction: 'nearest' }, 3700, 'JPY'],
    ['JPY, x80 style (100 less 20) up', 2000, { rule: 'convert', currency: 'JPY', margin: '1.15', ending: { roundTo: '100', minus: '20' } }, 3780, 'JPY'],
    ['KWD (exponent 3), margin 1.15, .99 up', 2000, { rule: 'convert', currency: 'KWD', margin: '1.15', ending: '0.99' }, 7990, 'KWD'],
    ['KWD, no ending: fils up', 2000, { rule: 'convert', currency: 'KWD', margin: '1.15' }, 7618, 'KWD'],
    ['a cheap item never ends at zero or below', 50, { rule: 'convert', currency: 'JPY', ending: { roundTo: '100', minus: '20' }, direction: 'nearest' }, 80, 'JPY'],
  ];
  it.each(cases)('%s', (_label, base, rule, minor, currency) => {
    const r = priceFor({ sku: 'TS-1', basePrice: eur(base), marketplaceId: 'M', rule, fx });
    expect(r.price).toEqual({ amountMinor: minor, currency });
    expect(r.rule).toBe(rule);
  });

  it('explains the rate and every step in decimal text', () => {
    const r = priceFor({ sku: 'TS-1', basePrice: eur(2000), marketplaceId: 'A1F83G8C2ARO7P', rule: { rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99' }, fx });
    expect(r.rate).toEqual({ from: 'EUR', to: 'GBP', rate: '0.8500000000', date: '2026-03-02', source: 'ecb' });
    expect(r.steps.map((s) => [s.step, s.amount, s.currency])).toEqual([
      ['base', '20.00', 'EUR'],
      ['convert', '17.00', 'GBP'],
      ['margin', '18.700', 'GBP'],
      ['ending', '18.99', 'GBP'],
    ]);
  });

  it('uses the last published rate on a weekend (2026-03-07 is a Saturday)', () => {
    const r = priceFor({ sku: 'TS-1', basePrice: eur(2000), marketplaceId: 'M', rule: { rule: 'convert', currency: 'GBP' }, fx: { table, onDate: '2026-03-07' } });
    expect(r.rate?.date).toBe('2026-03-02');
    expect(r.price).toEqual({ amountMinor: 1700, currency: 'GBP' });
  });

  it('a missing rate is a typed error naming the pair and the date', () => {
    const run = () => priceFor({ sku: 'TS-1', basePrice: eur(2000), marketplaceId: 'ATVPDKIKX0DER', rule: { rule: 'convert', currency: 'USD' }, fx });
    expect(run).toThrow(PriceRuleError);
    try {
      run();
    } catch (e) {
      const err = e as PriceRuleError;
      expect(err.code).toBe('no_rate');
      expect(err.fx).toMatchObject({ code: 'no_rate', from: 'EUR', to: 'USD', onDate: '2026-03-02' });
      expect(err.message).toMatch(/^SKU TS-1, marketplace ATVPDKIKX0DER: .*EUR→USD.*2026-03-02/);
    }
  });

  it('refuses an ending the currency cannot write', () => {
    expect(endingProblem('0.99', 'JPY')).toMatch(/needs 2 decimals, JPY has 0/);
    expect(endingProblem({ roundTo: '100', minus: '20' }, 'JPY')).toBeUndefined();
    expect(endingProblem({ roundTo: '100', minus: '100' }, 'JPY')).toMatch(/smaller than the step/);
    expect(() => priceFor({ sku: 'X', basePrice: eur(2000), marketplaceId: 'M', rule: { rule: 'convert', currency: 'JPY', ending: '0.99' }, fx })).toThrow(/needs 2 decimals/);
  });
});

describe('priceFor: fixed rules', () => {
  it('takes the base price as it is in the market currency', () => {
    const r = priceFor({ sku: 'TS-1', basePrice: eur(2499), marketplaceId: 'A1PA6795UKMFR9', rule: { rule: 'fixed', currency: 'EUR' } });
    expect(r.price).toEqual(eur(2499));
    expect(r.rate).toBeUndefined();
    expect(r.steps).toEqual([{ step: 'base', amount: '24.99', currency: 'EUR', note: 'basePrice as is' }]);
  });

  it('a fixed amount prices every product alike', () => {
    expect(priceFor({ sku: 'TS-1', marketplaceId: 'M', rule: { rule: 'fixed', currency: 'JPY', amount: '1980' } }).price).toEqual({ amountMinor: 1980, currency: 'JPY' });
    expect(() => priceFor({ sku: 'TS-1', marketplaceId: 'M', rule: { rule: 'fixed', currency: 'JPY', amount: '19.80' } })).toThrow(/more decimals than JPY allows/);
  });

  it('refuses a base price in another currency, and a product without one', () => {
    expect(() => priceFor({ sku: 'TS-1', basePrice: eur(2499), marketplaceId: 'M', rule: { rule: 'fixed', currency: 'GBP' } })).toThrow(/basePrice is in EUR, the fixed rule prices in GBP/);
    expect(() => priceFor({ sku: 'TS-1', marketplaceId: 'M', rule: { rule: 'fixed', currency: 'EUR' } })).toThrow(expect.objectContaining({ code: 'no_base_price' }));
  });
});
