import { describe, expect, it } from 'vitest';
import { quoteLandedCost } from '../../../engines/duty/index.js';
import { LandedCostQuoteSchema } from '../../../mappings/canonical/tax.js';
import { createFxRateTable } from '../../../engines/fx/index.js';
import { DATE, EMPTY_FX, figures, FX, outcomeOf, ruleIds, shipment, tariff } from './duty-test-kit.js';

const EU_SHOES = [tariff('EU', '6403', '8')];
const context = { date: DATE, fx: FX, sellerCurrency: 'USD', tariff: EU_SHOES };

describe('EU (Germany): EUR 150 duty relief, import VAT always due since 2021-07-01', () => {
  it('exactly EUR 150.00: duty exempt; VAT 19% on goods + transport charged at the sale (IOSS)', () => {
    const q = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '150.00' }], shipping: '10.00' }), context);

    // VAT 19% × (150.00 + 10.00) = 30.40; USD 30.40 × 1.05 = 31.92
    expect(figures(q)).toEqual({ currency: 'EUR', duty: 0, importTax: 3040, total: 3040, seller: 'USD 0/3192/3192' });
    expect(outcomeOf(q, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe('consignment goods value EUR 150.00 ≤ EUR 150.00: duty exempt');
    expect(outcomeOf(q, 'EU-VAT-IOSS-150')).toBe(
      'consignment goods value EUR 150.00 ≤ EUR 150.00: import tax charged at the sale (IOSS (Import One-Stop Shop): VAT charged at the sale when the seller or marketplace holds an IOSS number, otherwise collected at import)',
    );
    expect(q.items[0]).toEqual({
      itemId: 'a',
      hsCode: '640391',
      originCountry: 'CN',
      customsValue: { amountMinor: 16000, currency: 'EUR' },
      dutyRatePercent: '0',
      dutyStatus: 'relieved',
      duty: { amountMinor: 0, currency: 'EUR' },
      importTax: { amountMinor: 3040, currency: 'EUR' },
      explanation:
        'HS 640391, origin CN, 1 × Leather shoes. Customs value EUR 160.00 = goods EUR 150.00 + transport EUR 10.00 + insurance EUR 0.00 (CIF, EU-VALUATION-CIF). ' +
        'Duty EUR 0.00: exempt under EU-DUTY-NEGLIGIBLE-VALUE-150 (tariff tariff:EU:6403 8%). ' +
        'VAT 19% (DE/vat/standard-19@2021-01-01) of EUR 160.00 (goods + transport + insurance + duty) = EUR 30.40, charged at the sale under EU-VAT-IOSS-150, not at the border. ' +
        'Seller (USD): duty USD 0.00, import tax USD 31.92 at 1 EUR = 1.05 USD. Paid by the buyer (DAP).',
    });
    expect(q.notes.slice(0, 2)).toEqual([
      'DAP: the buyer pays the duty and import tax due at the border (EUR 0.00) on delivery; the seller pays none of it.',
      'EUR 30.40 of import tax is charged to the buyer at the sale and remitted by the seller (IOSS (Import One-Stop Shop): VAT charged at the sale when the seller or marketplace holds an IOSS number, otherwise collected at import); it is part of the price, not collected on delivery. This assumes the seller is registered for the scheme.',
    ]);
    expect(LandedCostQuoteSchema.safeParse(q).success).toBe(true);
  });

  it('EUR 150.01: duty 8% of the CIF value, VAT on CIF + duty, both at import', () => {
    const q = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '150.01' }], shipping: '10.00' }), context);

    // duty 8% × 160.01 = 12.8008 → 12.80; VAT 19% × (160.01 + 12.80) = 32.8339 → 32.83
    expect(figures(q)).toEqual({ currency: 'EUR', duty: 1280, importTax: 3283, total: 4563, seller: 'USD 1344/3447/4791' });
    expect(q.items[0]?.dutyRatePercent).toBe('8');
    expect(outcomeOf(q, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe('consignment goods value EUR 150.01 > EUR 150.00: duty due');
    expect(outcomeOf(q, 'EU-VAT-IOSS-150')).toBe('consignment goods value EUR 150.01 > EUR 150.00: import tax due at import');
    expect(outcomeOf(q, 'tariff:EU:6403')).toBe('duty rate 8% for a');
    expect(q.notes[0]).toBe('DAP: the buyer pays the duty and import tax due at the border (EUR 45.63) on delivery; the seller pays none of it.');
  });

  it('the threshold is compared in EUR after FX: USD 157.50 = EUR 150.00 is relieved, USD 157.51 is not', () => {
    const at = quoteLandedCost(shipment({ to: 'FR', currency: 'USD', items: [{ value: '157.50' }] }), context);
    const over = quoteLandedCost(shipment({ to: 'FR', currency: 'USD', items: [{ value: '157.51' }] }), context);

    expect(outcomeOf(at, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe('consignment goods value EUR 150.00 ≤ EUR 150.00: duty exempt');
    // 157.51 / 1.05 = 150.00952… → EUR 150.01 (half-even)
    expect(outcomeOf(over, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe('consignment goods value EUR 150.01 > EUR 150.00: duty due');
    // FR VAT 20%: at 150.00 → 30.00 at sale; over: duty 8% × 150.01 = 12.0008 → 12.00, VAT 20% × 162.01 = 32.402 → 32.40
    expect(figures(at)).toEqual({ currency: 'EUR', duty: 0, importTax: 3000, total: 3000, seller: 'USD 0/3150/3150' });
    expect(figures(over)).toEqual({ currency: 'EUR', duty: 1200, importTax: 3240, total: 4440, seller: 'USD 1260/3402/4662' });
    expect(over.notes).toContain('FX: 1 USD = 0.9523809524 EUR (ecb inverse rate of 2026-03-02; amounts rounded half-even).');
  });

  it('excise goods never get the duty relief: wine under EUR 150 pays duty', () => {
    const q = quoteLandedCost(
      shipment({ to: 'DE', currency: 'EUR', items: [{ value: '40.00', hs: '220421', description: 'Red wine' }, { value: '60.00' }] }),
      { ...context, tariff: [...EU_SHOES, tariff('EU', '2204', '10')] },
    );
    expect(outcomeOf(q, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe(
      'consignment goods value EUR 100.00 ≤ EUR 150.00: duty exempt; not applicable to a (HS 2204* excluded)',
    );
    // wine: duty 10% × 40.00 = 4.00, VAT 19% × 44.00 = 8.36 at import (excluded from IOSS); shoes: VAT 19% × 60 = 11.40 at sale
    expect(q.items.map((i) => [i.itemId, i.duty.amountMinor, i.importTax.amountMinor])).toEqual([
      ['a', 400, 836],
      ['b', 0, 1140],
    ]);
    expect(q.notes[0]).toBe('DAP: the buyer pays the duty and import tax due at the border (EUR 12.36) on delivery; the seller pays none of it.');
  });

  it('Poland: customs assesses in PLN (the buyer’s currency) while the threshold stays in EUR', () => {
    const q = quoteLandedCost(shipment({ to: 'PL', currency: 'EUR', items: [{ value: '200.00' }] }), { ...context, sellerCurrency: 'EUR' });
    // goods EUR 200 = PLN 840.00; duty 8% = 67.20; VAT 23% × 907.20 = 208.656 → 208.66
    expect(figures(q)).toEqual({ currency: 'PLN', duty: 6720, importTax: 20866, total: 27586, seller: 'EUR 1600/4968/6568' });
    expect(outcomeOf(q, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe('consignment goods value EUR 200.00 > EUR 150.00: duty due');
  });

  it('the relief ends on 2026-06-30: no pending-change note, the relief still applies that day', () => {
    const q = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '20.00' }] }), { ...context, date: '2026-06-30', sellerCurrency: 'EUR' });
    expect(outcomeOf(q, 'EU-DUTY-NEGLIGIBLE-VALUE-150')).toBe('consignment goods value EUR 20.00 ≤ EUR 150.00: duty exempt');
    expect(q.items[0]?.dutyStatus).toBe('relieved');
    expect(q.notes.some((n) => n.startsWith('Pending change (EU-DUTY-NEGLIGIBLE-VALUE-150)'))).toBe(false);
  });
});

describe('EU from 2026-07-01: the EUR 150 relief is abolished; EUR 3 flat duty per tariff subheading up to EUR 150', () => {
  const JULY = '2026-07-01';
  const july = { date: JULY, fx: createFxRateTable([{ source: 'ecb', base: 'EUR', quote: 'PLN', date: JULY, rate: '4.2500' }]), sellerCurrency: 'EUR', tariff: EU_SHOES };

  it('two shoes of one subheading and a T-shirt: EUR 6.00 duty (two subheadings), even without a tariff entry for the T-shirt', () => {
    const q = quoteLandedCost(
      shipment({
        to: 'DE',
        currency: 'EUR',
        items: [{ value: '40.00' }, { value: '30.00', description: 'Leather boots' }, { value: '20.00', hs: '610910', description: 'Cotton T-shirt' }],
      }),
      july,
    );
    expect(outcomeOf(q, 'EU-DUTY-FLAT-3-LOW-VALUE')).toBe(
      'consignment goods value EUR 90.00 ≤ EUR 150.00: flat duty EUR 3.00 per tariff subheading instead of the tariff',
    );
    expect(ruleIds(q)).not.toContain('EU-DUTY-NEGLIGIBLE-VALUE-150');
    // VAT 19% on goods + duty: a 43.00 → 8.17; b 30.00 → 5.70; c 23.00 → 4.37; charged at the sale (IOSS)
    expect(q.items.map((i) => [i.itemId, i.dutyStatus, i.duty.amountMinor, i.dutyRatePercent, i.importTax.amountMinor])).toEqual([
      ['a', 'assessed', 300, '7.5', 817],
      ['b', 'assessed', 0, '0', 570],
      ['c', 'assessed', 300, '15', 437],
    ]);
    expect(figures(q)).toEqual({ currency: 'EUR', duty: 600, importTax: 1824, total: 2424, seller: 'EUR 600/1824/2424' });
    expect(q.items[0]?.explanation).toContain(
      'Duty EUR 3.00: flat EUR 3.00 per tariff subheading under EU-DUTY-FLAT-3-LOW-VALUE for HS subheading 640391, in place of the tariff (tariff tariff:EU:6403 8%).',
    );
    expect(q.items[1]?.explanation).toContain('Duty EUR 0.00 here: HS subheading 640391 is charged once under EU-DUTY-FLAT-3-LOW-VALUE, on a.');
    expect(q.notes.some((n) => n.startsWith('Duty unknown'))).toBe(false);
    expect(LandedCostQuoteSchema.safeParse(q).success).toBe(true);
  });

  it('exactly EUR 150.00 takes the flat duty; EUR 150.01 takes the tariff', () => {
    const at = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '150.00' }] }), july);
    const over = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '150.01' }] }), july);
    expect([at.duty.amountMinor, at.items[0]?.dutyRatePercent]).toEqual([300, '2']);
    expect(outcomeOf(over, 'EU-DUTY-FLAT-3-LOW-VALUE')).toBe('consignment goods value EUR 150.01 > EUR 150.00: duty due');
    // 8% × 150.01 = 12.0008 → 12.00
    expect([over.duty.amountMinor, over.items[0]?.dutyRatePercent]).toEqual([1200, '8']);
  });

  it('Poland: EUR 3 assessed in PLN at the day\'s rate', () => {
    const q = quoteLandedCost(shipment({ to: 'PL', currency: 'EUR', items: [{ value: '50.00' }] }), july);
    // EUR 3 = PLN 12.75; goods EUR 50 = PLN 212.50; VAT 23% × (212.50 + 12.75) = 51.8075 → 51.81
    expect(figures(q)).toEqual({ currency: 'PLN', duty: 1275, importTax: 5181, total: 6456, seller: 'EUR 300/1219/1519' });
  });

  it('excise goods keep the tariff: wine pays 10%, the shoes EUR 3', () => {
    const q = quoteLandedCost(
      shipment({ to: 'DE', currency: 'EUR', items: [{ value: '40.00', hs: '220421', description: 'Red wine' }, { value: '60.00' }] }),
      { ...july, tariff: [...EU_SHOES, tariff('EU', '2204', '10')] },
    );
    expect(q.items.map((i) => [i.itemId, i.duty.amountMinor])).toEqual([
      ['a', 400],
      ['b', 300],
    ]);
  });

  it('after 2028-06-30 no low-value rule is in force: the tariff applies from the first euro', () => {
    const q = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '20.00' }] }), { ...july, date: '2028-07-01', fx: EMPTY_FX });
    expect(ruleIds(q).filter((id) => id.startsWith('EU-DUTY'))).toEqual([]);
    expect(q.notes).toContain('No low-value duty rule for DE on 2028-07-01: duty is assessed from the first unit of value.');
    // 8% × 20.00 = 1.60
    expect(q.duty.amountMinor).toBe(160);
  });
});

describe('United Kingdom: GBP 135 duty relief, VAT at the point of sale up to GBP 135', () => {
  const uk = { date: DATE, fx: FX, sellerCurrency: 'EUR', tariff: [tariff('GB', '6403', '8')] };

  it('exactly GBP 135.00: no duty, VAT 20% on goods + transport charged at the sale', () => {
    const q = quoteLandedCost(shipment({ to: 'GB', currency: 'GBP', items: [{ value: '135.00' }], shipping: '5.00' }), uk);
    // VAT 20% × 140.00 = 28.00; EUR 28.00 / 0.85 = 32.941… → 32.94
    expect(figures(q)).toEqual({ currency: 'GBP', duty: 0, importTax: 2800, total: 2800, seller: 'EUR 0/3294/3294' });
    expect(outcomeOf(q, 'GB-DUTY-LOW-VALUE-135')).toBe('consignment goods value GBP 135.00 ≤ GBP 135.00: duty exempt');
    expect(outcomeOf(q, 'GB-VAT-AT-SALE-135')).toBe(
      'consignment goods value GBP 135.00 ≤ GBP 135.00: import tax charged at the sale (UK supply VAT: charged by the seller or online marketplace at the point of sale (no import VAT at the border))',
    );
  });

  it('GBP 135.01: duty 8% of CIF, import VAT 20% on CIF + duty', () => {
    const q = quoteLandedCost(shipment({ to: 'GB', currency: 'GBP', items: [{ value: '135.01' }], shipping: '5.00' }), uk);
    // duty 8% × 140.01 = 11.2008 → 11.20; VAT 20% × 151.21 = 30.242 → 30.24
    expect(figures(q)).toEqual({ currency: 'GBP', duty: 1120, importTax: 3024, total: 4144, seller: 'EUR 1318/3558/4876' });
    expect(outcomeOf(q, 'GB-DUTY-LOW-VALUE-135')).toBe('consignment goods value GBP 135.01 > GBP 135.00: duty due');
    expect(outcomeOf(q, 'GB-VALUATION-CIF')).toBe('duty base: goods + transport + insurance (CIF)');
  });
});
