import { describe, expect, it } from 'vitest';
import { quoteLandedCost } from '../../../engines/duty/index.js';
import { EMPTY_FX, figures, outcomeOf, shipment, tariff } from './duty-test-kit.js';

describe('Switzerland: duty and import VAT amounts under CHF 5 are not collected', () => {
  const ch = { date: '2026-03-02', fx: EMPTY_FX, sellerCurrency: 'CHF', tariff: [tariff('CH', '64', '0')] };

  it('CHF 61.00: VAT 8.1% = 4.94, under CHF 5, not collected', () => {
    const q = quoteLandedCost(shipment({ to: 'CH', from: 'DE', currency: 'CHF', items: [{ value: '61.00' }] }), ch);
    expect(figures(q)).toEqual({ currency: 'CHF', duty: 0, importTax: 0, total: 0, seller: 'CHF 0/0/0' });
    expect(outcomeOf(q, 'CH-VAT-SMALL-AMOUNT-5')).toBe('import tax assessed CHF 4.94 < CHF 5.00: import tax not collected');
    expect(outcomeOf(q, 'CH-DUTY-SMALL-AMOUNT-5')).toBe('duty assessed CHF 0.00 < CHF 5.00: duty not collected');
    expect(q.items[0]?.explanation).toContain(
      'VAT CHF 0.00: VAT 8.1% (CH/vat/standard-8.1@2024-01-01) of CHF 61.00 (goods + transport + insurance + duty) is not collected under CH-VAT-SMALL-AMOUNT-5.',
    );
  });

  it('CHF 55.00 + CHF 7.00 transport: VAT 8.1% of 62.00 = 5.02, collected', () => {
    const q = quoteLandedCost(shipment({ to: 'CH', from: 'DE', currency: 'CHF', items: [{ value: '55.00' }], shipping: '7.00' }), ch);
    expect(figures(q)).toEqual({ currency: 'CHF', duty: 0, importTax: 502, total: 502, seller: 'CHF 0/502/502' });
    expect(outcomeOf(q, 'CH-VAT-SMALL-AMOUNT-5')).toBe('import tax assessed CHF 5.02 ≥ CHF 5.00: import tax collected');
  });

  it('a duty of CHF 4.00 is waived and stays out of the VAT base', () => {
    const q = quoteLandedCost(shipment({ to: 'CH', from: 'CN', currency: 'CHF', items: [{ value: '100.00' }] }), {
      ...ch,
      tariff: [tariff('CH', '6403', '4')],
    });
    // duty 4% × 100 = 4.00 < 5 → not collected; VAT 8.1% × 100.00 = 8.10
    expect(figures(q)).toEqual({ currency: 'CHF', duty: 0, importTax: 810, total: 810, seller: 'CHF 0/810/810' });
    expect(outcomeOf(q, 'CH-DUTY-SMALL-AMOUNT-5')).toBe('duty assessed CHF 4.00 < CHF 5.00: duty not collected');
  });
});

describe('Norway: VOEC — items under NOK 3,000 carry no duty and VAT is charged at the sale', () => {
  const no = { date: '2026-03-02', fx: EMPTY_FX, sellerCurrency: 'NOK', tariff: [tariff('NO', '6403', '5'), tariff('NO', '0901', '0')] };

  it('judges each item: NOK 2,999.99 under VOEC, NOK 3,000.00 cleared at the border', () => {
    const q = quoteLandedCost(shipment({ to: 'NO', currency: 'NOK', items: [{ value: '2999.99' }, { value: '3000.00' }] }), no);
    // a: VAT 25% × 2,999.99 = 749.9975 → 750.00 at the sale; b: duty 5% × 3,000 = 150.00, VAT 25% × 3,150.00 = 787.50 at import
    expect(q.items.map((i) => [i.itemId, i.duty.amountMinor, i.importTax.amountMinor])).toEqual([
      ['a', 0, 75000],
      ['b', 15000, 78750],
    ]);
    expect(figures(q)).toEqual({ currency: 'NOK', duty: 15000, importTax: 153750, total: 168750, seller: 'NOK 15000/153750/168750' });
    expect(outcomeOf(q, 'NO-DUTY-VOEC-3000')).toBe(
      'a: unit value NOK 2999.99 < NOK 3000.00: duty exempt; b: unit value NOK 3000.00 ≥ NOK 3000.00: duty due',
    );
    expect(q.notes[0]).toBe('DAP: the buyer pays the duty and import tax due at the border (NOK 937.50) on delivery; the seller pays none of it.');
  });

  it('uses the unit value, not the line value: 2 × NOK 2,500 qualifies', () => {
    const q = quoteLandedCost(shipment({ to: 'NO', currency: 'NOK', items: [{ value: '5000.00', quantity: 2 }] }), no);
    expect(outcomeOf(q, 'NO-DUTY-VOEC-3000')).toBe('a: unit value NOK 2500.00 < NOK 3000.00: duty exempt');
    expect(figures(q)).toMatchObject({ duty: 0, importTax: 125000 });
  });

  it('foodstuffs are outside VOEC: coffee pays VAT at the 15% food rate at import', () => {
    const q = quoteLandedCost(
      shipment({ to: 'NO', currency: 'NOK', items: [{ value: '100.00', hs: '090121', taxCategory: 'food', description: 'Roasted coffee' }] }),
      no,
    );
    expect(outcomeOf(q, 'NO-VAT-VOEC-3000')).toBe('a: unit value NOK 100.00 < NOK 3000.00: import tax due at import; not applicable to a (HS 09* excluded)');
    expect(figures(q)).toMatchObject({ duty: 0, importTax: 1500 });
    expect(q.items[0]?.explanation).toContain('VAT 15% (NO/vat/reduced-15@2012-01-01) of NOK 100.00 (goods + transport + insurance + duty) = NOK 15.00, due at import.');
  });
});
