import { describe, expect, it } from 'vitest';
import { DESTINATION_REGIMES, LOW_VALUE_RULES, lowValueRule, nationalCurrency } from '../../../engines/duty/index.js';
import { currencyInfo } from '../../../mappings/canonical/currencies.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const covered = DESTINATION_REGIMES.flatMap((r) => r.countries);

describe('low-value rules are dated data with their source', () => {
  it.each(LOW_VALUE_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    expect(rule.source.length).toBeGreaterThan(10);
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.effectiveFrom).toMatch(ISO_DATE);
    if (rule.effectiveTo !== undefined) {
      expect(rule.effectiveTo).toMatch(ISO_DATE);
      expect(rule.effectiveTo >= rule.effectiveFrom).toBe(true);
    }
    if (rule.threshold !== undefined) {
      expect(currencyInfo(rule.threshold.currency)?.active).toBe(true);
      expect(rule.threshold.amount).toMatch(/^\d+(\.\d+)?$/);
    }
    // A seller-collected scheme always names the scheme.
    expect(rule.within === 'collected-at-sale').toBe(rule.scheme !== undefined);
    for (const d of rule.destinations) expect(covered).toContain(d);
  });

  it('no two rules for the same destination, scope and condition overlap in time', () => {
    const overlaps: string[] = [];
    for (const a of LOW_VALUE_RULES) {
      for (const b of LOW_VALUE_RULES) {
        if (a.id >= b.id || a.scope !== b.scope) continue;
        if (String(a.shipFrom ?? '') !== String(b.shipFrom ?? '')) continue;
        if (!a.destinations.some((d) => b.destinations.includes(d))) continue;
        const aEnd = a.effectiveTo ?? '9999-12-31';
        const bEnd = b.effectiveTo ?? '9999-12-31';
        if (a.effectiveFrom <= bEnd && b.effectiveFrom <= aEnd) overlaps.push(`${a.id} / ${b.id}`);
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('the US rows hand over on the days the law changed', () => {
    const id = (date: string) => lowValueRule('US', 'duty', date, 'CN')?.id;
    expect([id('2016-03-09'), id('2016-03-10'), id('2025-05-01'), id('2025-05-02'), id('2025-08-28'), id('2025-08-29')]).toEqual([
      undefined,
      'US-DUTY-DE-MINIMIS-800',
      'US-DUTY-DE-MINIMIS-800',
      'US-DUTY-DE-MINIMIS-800-EXCEPT-CN-HK',
      'US-DUTY-DE-MINIMIS-800-EXCEPT-CN-HK',
      'US-DUTY-DE-MINIMIS-SUSPENDED',
    ]);
  });

  it('the CUSMA rows apply only to shipments from the US and Mexico', () => {
    expect(lowValueRule('CA', 'duty', '2026-03-02', 'MX')?.id).toBe('CA-DUTY-CUSMA-COURIER-150');
    expect(lowValueRule('CA', 'tax', '2026-03-02', 'US')?.id).toBe('CA-TAX-CUSMA-COURIER-40');
    expect(lowValueRule('CA', 'duty', '2026-03-02', 'GB')?.id).toBe('CA-DUTY-LOW-VALUE-20');
  });
});

describe('destinations', () => {
  it('every covered country has a customs currency today and a sourced valuation rule', () => {
    for (const regime of DESTINATION_REGIMES) {
      expect(regime.valuationRule.source.length).toBeGreaterThan(10);
      if (regime.importTax !== undefined) expect(regime.importTax.rule.source.length).toBeGreaterThan(10);
      for (const country of regime.countries) expect(currencyInfo(nationalCurrency(country, '2026-03-02') ?? '')?.active).toBe(true);
    }
  });

  it('euro adoptions are dated: Croatia 2023-01-01, Bulgaria 2026-01-01', () => {
    expect([nationalCurrency('HR', '2022-12-31'), nationalCurrency('HR', '2023-01-01')]).toEqual(['HRK', 'EUR']);
    expect([nationalCurrency('BG', '2025-12-31'), nationalCurrency('BG', '2026-01-01')]).toEqual(['BGN', 'EUR']);
  });
});
