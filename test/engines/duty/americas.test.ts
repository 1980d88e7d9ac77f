import { describe, expect, it } from 'vitest';
import { quoteLandedCost } from '../../../engines/duty/index.js';
import { EMPTY_FX, figures, outcomeOf, ruleIds, shipment, tariff } from './duty-test-kit.js';

describe('United States: Section 321 de minimis USD 800 until its suspension on 2025-08-29 (FOB valuation)', () => {
  const us = (date: string) => ({ date, fx: EMPTY_FX, sellerCurrency: 'USD', tariff: [tariff('US', '6403', '10')] });
  const parcel = (value: string, origin = 'VN') => shipment({ to: 'US', from: origin, currency: 'USD', items: [{ value }] });

  it('USD 800.00 on 2025-08-28 (last day of de minimis): duty-free', () => {
    const q = quoteLandedCost(parcel('800.00'), us('2025-08-28'));
    expect(figures(q)).toEqual({ currency: 'USD', duty: 0, importTax: 0, total: 0, seller: 'USD 0/0/0' });
    expect(outcomeOf(q, 'US-DUTY-DE-MINIMIS-800-EXCEPT-CN-HK')).toBe('consignment goods value USD 800.00 ≤ USD 800.00: duty exempt');
    expect(q.notes).toContain(
      'No import VAT/GST is collected at the United States border; US state sales tax is not levied by customs (AvaTax quotes it).',
    );
  });

  it('the same USD 800.00 parcel on 2025-08-29: de minimis suspended, duty 10% due', () => {
    const q = quoteLandedCost(parcel('800.00'), us('2025-08-29'));
    expect(figures(q)).toEqual({ currency: 'USD', duty: 8000, importTax: 0, total: 8000, seller: 'USD 8000/0/8000' });
    expect(outcomeOf(q, 'US-DUTY-DE-MINIMIS-SUSPENDED')).toBe('no relief in force: duty due from the first unit of value');
    const rule = q.rules.find((r) => r.rule.id === 'US-DUTY-DE-MINIMIS-SUSPENDED')?.rule;
    expect(rule?.source).toBe(
      'Executive Order 14324 of 2025-07-30, "Suspending Duty-Free De Minimis Treatment for All Countries" (effective 2025-08-29)',
    );
    expect(rule?.effectiveFrom).toBe('2025-08-29');
  });

  it('USD 800.01 before any suspension (2025-04-01): over the threshold, duty due', () => {
    const q = quoteLandedCost(parcel('800.01'), us('2025-04-01'));
    // 10% × 800.01 = 80.001 → 80.00
    expect(figures(q).duty).toBe(8000);
    expect(outcomeOf(q, 'US-DUTY-DE-MINIMIS-800')).toBe('consignment goods value USD 800.01 > USD 800.00: duty due');
  });

  it('from 2025-05-02 goods of Chinese origin no longer qualify, even under USD 800', () => {
    const q = quoteLandedCost(parcel('100.00', 'CN'), us('2025-06-01'));
    expect(figures(q).duty).toBe(1000);
    expect(outcomeOf(q, 'US-DUTY-DE-MINIMIS-800-EXCEPT-CN-HK')).toBe(
      'consignment goods value USD 100.00 ≤ USD 800.00: duty exempt; not applicable to a (origin CN excluded)',
    );
  });

  it('FOB: the shipping charge stays out of the US duty base', () => {
    const q = quoteLandedCost(
      shipment({ to: 'US', from: 'VN', currency: 'USD', items: [{ value: '100.00' }], shipping: '20.00', insurance: '2.00' }),
      us('2025-09-01'),
    );
    expect(q.items[0]?.customsValue).toEqual({ amountMinor: 10000, currency: 'USD' });
    expect(figures(q).duty).toBe(1000);
    expect(outcomeOf(q, 'US-VALUATION-FOB')).toBe('duty base: goods only, transport and insurance excluded (FOB)');
    expect(q.items[0]?.explanation).toContain('Customs value USD 100.00 = goods USD 100.00 (FOB, US-VALUATION-FOB).');
  });
});

describe('Canada: CUSMA courier thresholds CAD 150 duty / CAD 40 tax from the US and Mexico, CAD 20 otherwise', () => {
  const ca = { date: '2026-03-02', fx: EMPTY_FX, sellerCurrency: 'CAD', tariff: [tariff('CA', '6403', '18')] };
  const parcel = (value: string, from: string, shipping?: string) =>
    shipment({ to: 'CA', from, region: 'ON', currency: 'CAD', items: [{ value }], ...(shipping === undefined ? {} : { shipping }) });

  it('CAD 150.00 from the US: duty-free under CUSMA, but over CAD 40 so HST 13% is due', () => {
    const q = quoteLandedCost(parcel('150.00', 'US'), ca);
    // HST (ON) 13% × 150.00 = 19.50
    expect(figures(q)).toEqual({ currency: 'CAD', duty: 0, importTax: 1950, total: 1950, seller: 'CAD 0/1950/1950' });
    expect(outcomeOf(q, 'CA-DUTY-CUSMA-COURIER-150')).toBe('consignment goods value CAD 150.00 ≤ CAD 150.00: duty exempt');
    expect(outcomeOf(q, 'CA-TAX-CUSMA-COURIER-40')).toBe('consignment goods value CAD 150.00 > CAD 40.00: import tax due at import');
    expect(ruleIds(q)).toContain('CA-ON/hst/standard-13@2010-07-01');
  });

  it('CAD 150.01 from the US: duty 18% and HST on value + duty', () => {
    const q = quoteLandedCost(parcel('150.01', 'US'), ca);
    // duty 18% × 150.01 = 27.0018 → 27.00; HST 13% × 177.01 = 23.0113 → 23.01
    expect(figures(q)).toEqual({ currency: 'CAD', duty: 2700, importTax: 2301, total: 5001, seller: 'CAD 2700/2301/5001' });
  });

  it('CAD 40.00 from the US: neither duty nor tax', () => {
    const q = quoteLandedCost(parcel('40.00', 'US'), ca);
    expect(figures(q).total).toBe(0);
    expect(outcomeOf(q, 'CA-TAX-CUSMA-COURIER-40')).toBe('consignment goods value CAD 40.00 ≤ CAD 40.00: import tax exempt');
  });

  it('CAD 20.00 from China: the general CAD 20 threshold relieves both', () => {
    const q = quoteLandedCost(parcel('20.00', 'CN'), ca);
    expect(figures(q).total).toBe(0);
    expect(outcomeOf(q, 'CA-DUTY-LOW-VALUE-20')).toBe('consignment goods value CAD 20.00 ≤ CAD 20.00: duty exempt');
    expect(outcomeOf(q, 'CA-TAX-LOW-VALUE-20')).toBe('consignment goods value CAD 20.00 ≤ CAD 20.00: import tax exempt');
    expect(ruleIds(q)).not.toContain('CA-DUTY-CUSMA-COURIER-150');
  });

  it('CAD 20.01 from China with CAD 10 shipping: FOB duty and a tax base without freight', () => {
    const q = quoteLandedCost(parcel('20.01', 'CN', '10.00'), ca);
    // duty 18% × 20.01 = 3.6018 → 3.60; HST 13% × (20.01 + 3.60) = 3.0693 → 3.07
    expect(figures(q)).toEqual({ currency: 'CAD', duty: 360, importTax: 307, total: 667, seller: 'CAD 360/307/667' });
    expect(outcomeOf(q, 'CA-IMPORT-GST-BASE')).toBe('GST/HST base: goods + duty');
  });
});
