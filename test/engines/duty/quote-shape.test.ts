import { describe, expect, it } from 'vitest';
import { LandedCostError, quoteLandedCost } from '../../../engines/duty/index.js';
import { FxConversionError } from '../../../engines/fx/index.js';
import { LandedCostQuoteSchema } from '../../../mappings/canonical/tax.js';
import { DATE, EMPTY_FX, figures, FX, shipment, tariff } from './duty-test-kit.js';

const context = { date: DATE, fx: FX, sellerCurrency: 'USD', tariff: [tariff('EU', '6403', '8')] };
const over150 = (incoterm: 'DAP' | 'DDP') =>
  shipment({ to: 'DE', currency: 'EUR', items: [{ value: '150.01' }], shipping: '10.00', incoterm });

describe('DAP and DDP', () => {
  it('the figures are the same; who pays is stated in the notes and on every line', () => {
    const dap = quoteLandedCost(over150('DAP'), context);
    const ddp = quoteLandedCost(over150('DDP'), context);
    expect(figures(ddp)).toEqual(figures(dap));
    expect(dap.notes[0]).toBe('DAP: the buyer pays the duty and import tax due at the border (EUR 45.63) on delivery; the seller pays none of it.');
    expect(ddp.notes[0]).toBe('DDP: the seller pays the duty and import tax due at the border (EUR 45.63); the buyer pays nothing on delivery.');
    expect(dap.items[0]?.explanation.endsWith('Paid by the buyer (DAP).')).toBe(true);
    expect(ddp.items[0]?.explanation.endsWith('Paid by the seller (DDP).')).toBe(true);
    expect([dap.incoterm, ddp.incoterm]).toEqual(['DAP', 'DDP']);
    // The seller's cost under DDP: EUR 12.80 + 32.83 = USD 13.44 + 34.47
    expect(ddp.seller).toEqual({
      currency: 'USD',
      duty: { amountMinor: 1344, currency: 'USD' },
      importTax: { amountMinor: 3447, currency: 'USD' },
      fees: { amountMinor: 0, currency: 'USD' },
      total: { amountMinor: 4791, currency: 'USD' },
    });
  });
});

describe('CIF and FOB valuation, as data per destination', () => {
  it('the same parcel with EUR 20 shipping: the EU duty base includes it, the US one does not', () => {
    const parcel = (to: string) => shipment({ to, from: 'VN', currency: 'EUR', items: [{ value: '200.00' }], shipping: '20.00' });
    const tariffs = [tariff('EU', '6403', '10'), tariff('US', '6403', '10')];
    const de = quoteLandedCost(parcel('DE'), { ...context, tariff: tariffs });
    const us = quoteLandedCost(parcel('US'), { ...context, tariff: tariffs });
    // DE (CIF): 10% × (200.00 + 20.00) = 22.00; US (FOB): EUR 200.00 = USD 210.00, 10% = 21.00
    expect([de.items[0]?.customsValue, de.duty]).toEqual([
      { amountMinor: 22000, currency: 'EUR' },
      { amountMinor: 2200, currency: 'EUR' },
    ]);
    expect([us.items[0]?.customsValue, us.duty]).toEqual([
      { amountMinor: 21000, currency: 'USD' },
      { amountMinor: 2100, currency: 'USD' },
    ]);
    expect(de.rules[0]).toEqual({
      rule: {
        id: 'EU-VALUATION-CIF',
        description: 'Customs value includes transport and insurance costs up to the place where the goods enter the EU (CIF)',
        source: 'Regulation (EU) No 952/2013 (Union Customs Code), Art. 71(1)(e)',
        effectiveFrom: '2021-07-01',
      },
      outcome: 'duty base: goods + transport + insurance (CIF)',
    });
    expect(us.rules[0]?.rule.source).toBe('19 U.S.C. 1401a(b)(4)(A)');
  });
});

describe("the buyer's and the seller's currencies", () => {
  it('a buyer currency other than the customs currency converts every line and explains it', () => {
    const q = quoteLandedCost(over150('DAP'), { ...context, buyerCurrency: 'GBP' });
    // EUR 160.01 × 0.85 = 136.0085 → 136.01; 12.80 → 10.88; 32.83 × 0.85 = 27.9055 → 27.91
    expect(q.currency).toBe('GBP');
    expect(q.items[0]).toMatchObject({
      customsValue: { amountMinor: 13601, currency: 'GBP' },
      duty: { amountMinor: 1088, currency: 'GBP' },
      importTax: { amountMinor: 2791, currency: 'GBP' },
    });
    expect(figures(q)).toEqual({ currency: 'GBP', duty: 1088, importTax: 2791, total: 3879, seller: 'USD 1344/3447/4791' });
    expect(q.items[0]?.explanation).toContain("In the buyer's currency: customs value GBP 136.01, duty GBP 10.88, import tax GBP 27.91.");
    expect(q.conversions.map((c) => `${c.from.currency}>${c.amount.currency} ${c.from.amountMinor}→${c.amount.amountMinor}`)).toEqual([
      'EUR>USD 1280→1344',
      'EUR>USD 3283→3447',
      'EUR>GBP 16001→13601',
      'EUR>GBP 1280→1088',
      'EUR>GBP 3283→2791',
    ]);
  });

  it('transport and insurance are spread over the items by value, to the cent', () => {
    const q = quoteLandedCost(
      shipment({ to: 'DE', currency: 'EUR', items: [{ value: '100.00' }, { value: '50.01' }], shipping: '10.00', insurance: '1.00' }),
      context,
    );
    // transport 10.00 → 6.67 + 3.33; insurance 1.00 → 0.67 + 0.33
    expect(q.items.map((i) => i.customsValue.amountMinor)).toEqual([10734, 5367]);
    expect(q.items[1]?.explanation).toContain('Customs value EUR 53.67 = goods EUR 50.01 + transport EUR 3.33 + insurance EUR 0.33 (CIF, EU-VALUATION-CIF).');
  });
});

describe('quotes that cannot be made, and shipments that import nothing', () => {
  it('a destination without rules is refused with a typed error', () => {
    expect(() => quoteLandedCost(shipment({ to: 'BR', currency: 'USD', items: [{ value: '10.00' }] }), context)).toThrow(
      new LandedCostError(
        'unsupported-destination',
        'the built-in engine has no duty and import tax rules for BR on 2026-03-02; use the DHL Express or AvaTax provider',
      ),
    );
  });

  it('a missing FX rate throws the canonical FxConversionError, naming the pair', () => {
    let error: unknown;
    try {
      quoteLandedCost(shipment({ to: 'JP', currency: 'EUR', items: [{ value: '10.00' }] }), { ...context, fx: EMPTY_FX });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FxConversionError);
    expect((error as FxConversionError).code).toBe('no_rate');
    expect((error as FxConversionError).message).toBe('no rate for EUR→JPY on or before 2026-03-02 (the rate table is empty)');
  });

  it('an invalid date or currency is refused', () => {
    const s = shipment({ to: 'DE', currency: 'EUR', items: [{ value: '10.00' }] });
    expect(() => quoteLandedCost(s, { ...context, date: '02/03/2026' })).toThrow('date "02/03/2026" is not YYYY-MM-DD');
    expect(() => quoteLandedCost(s, { ...context, sellerCurrency: 'XYZ' })).toThrow('unknown currency XYZ');
  });

  it('within one customs territory nothing is imported', () => {
    const q = quoteLandedCost(shipment({ to: 'DE', from: 'FR', currency: 'EUR', items: [{ value: '500.00' }] }), context);
    expect(figures(q)).toEqual({ currency: 'EUR', duty: 0, importTax: 0, total: 0, seller: 'USD 0/0/0' });
    expect(q.notes).toEqual(['FR and DE are in one customs territory: no import, no duty or import tax.']);
    expect(LandedCostQuoteSchema.safeParse(q).success).toBe(true);
  });

  it('an unknown tax category leaves that line’s tax out and says so', () => {
    const q = quoteLandedCost(shipment({ to: 'DE', currency: 'EUR', items: [{ value: '200.00', taxCategory: 'luxury' }] }), context);
    expect(figures(q).importTax).toBe(0);
    expect(q.notes).toContain('Import tax unknown for a (unknown tax category "luxury"); the import tax total leaves them out.');
    expect(q.items[0]?.explanation).toContain('VAT UNKNOWN: unknown tax category "luxury"; not included.');
  });
});

describe('every quote is a valid canonical LandedCostQuote', () => {
  it.each([
    ['DE', 'EUR', '150.00'],
    ['GB', 'GBP', '135.01'],
    ['US', 'USD', '800.00'],
    ['CA', 'CAD', '150.00'],
    ['AU', 'AUD', '1000.01'],
    ['NZ', 'NZD', '999.99'],
    ['CH', 'CHF', '62.00'],
    ['NO', 'NOK', '2999.99'],
    ['JP', 'JPY', '10001'],
    ['SG', 'SGD', '400.00'],
  ])('%s', (to, currency, value) => {
    const q = quoteLandedCost(shipment({ to, from: 'US', currency, items: [{ value }] }), { ...context, tariff: [tariff(to === 'DE' ? 'EU' : to, '64', '5')] });
    const parsed = LandedCostQuoteSchema.safeParse(q);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(q.provider).toBe('caravan-builtin');
    expect(q.total.amountMinor).toBe(q.duty.amountMinor + q.importTax.amountMinor);
    expect(q.seller.total.amountMinor).toBe(q.seller.duty.amountMinor + q.seller.importTax.amountMinor + q.seller.fees.amountMinor);
  });
});
