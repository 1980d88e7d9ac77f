import { describe, expect, it } from 'vitest';
import { quoteLandedCost } from '../../../engines/duty/index.js';
import { EMPTY_FX, figures, FX, outcomeOf, shipment, tariff } from './duty-test-kit.js';

describe('Australia: AUD 1,000 low-value threshold (FOB duty base, GST on value + duty + transport)', () => {
  const au = { date: '2026-03-02', fx: EMPTY_FX, sellerCurrency: 'AUD', tariff: [tariff('AU', '6403', '5')] };

  it('exactly AUD 1,000.00: no duty; GST 10% charged at the sale (LVIG) on goods + transport', () => {
    const q = quoteLandedCost(shipment({ to: 'AU', currency: 'AUD', items: [{ value: '1000.00' }], shipping: '50.00' }), au);
    // GST 10% × (1,000.00 + 50.00) = 105.00
    expect(figures(q)).toEqual({ currency: 'AUD', duty: 0, importTax: 10500, total: 10500, seller: 'AUD 0/10500/10500' });
    expect(outcomeOf(q, 'AU-DUTY-LOW-VALUE-1000')).toBe('consignment goods value AUD 1000.00 ≤ AUD 1000.00: duty exempt');
    expect(outcomeOf(q, 'AU-GST-LVIG-1000')).toBe(
      'consignment goods value AUD 1000.00 ≤ AUD 1000.00: import tax charged at the sale (GST on low value imported goods: charged by the registered vendor, redeliverer or electronic distribution platform at the sale)',
    );
  });

  it('AUD 1,000.01: duty 5% of the FOB value; GST at import on value + transport + duty', () => {
    const q = quoteLandedCost(shipment({ to: 'AU', currency: 'AUD', items: [{ value: '1000.01' }], shipping: '50.00' }), au);
    // duty 5% × 1,000.01 = 50.0005 → 50.00 (FOB: no transport); GST 10% × (1,000.01 + 50.00 + 50.00) = 110.001 → 110.00
    expect(figures(q)).toEqual({ currency: 'AUD', duty: 5000, importTax: 11000, total: 16000, seller: 'AUD 5000/11000/16000' });
    expect(q.items[0]?.customsValue).toEqual({ amountMinor: 100001, currency: 'AUD' });
    expect(outcomeOf(q, 'AU-IMPORT-GST-BASE')).toBe('GST base: goods + transport + insurance + duty');
    expect(q.notes[0]).toBe('DAP: the buyer pays the duty and import tax due at the border (AUD 160.00) on delivery; the seller pays none of it.');
  });
});

describe('New Zealand: NZD 1,000 low-value threshold', () => {
  const nz = { date: '2026-03-02', fx: EMPTY_FX, sellerCurrency: 'NZD', tariff: [tariff('NZ', '6403', '10')] };

  it('NZD 1,000.00: no duty; GST 15% charged by the offshore supplier at the sale', () => {
    const q = quoteLandedCost(shipment({ to: 'NZ', currency: 'NZD', items: [{ value: '1000.00' }], shipping: '30.00' }), nz);
    // GST 15% × 1,030.00 = 154.50
    expect(figures(q)).toEqual({ currency: 'NZD', duty: 0, importTax: 15450, total: 15450, seller: 'NZD 0/15450/15450' });
    expect(outcomeOf(q, 'NZ-DUTY-LOW-VALUE-1000')).toBe('consignment goods value NZD 1000.00 ≤ NZD 1000.00: duty exempt');
  });

  it('NZD 1,000.01: duty on FOB, GST at the border on value + duty + freight', () => {
    const q = quoteLandedCost(shipment({ to: 'NZ', currency: 'NZD', items: [{ value: '1000.01' }], shipping: '30.00' }), nz);
    // duty 10% × 1,000.01 = 100.001 → 100.00; GST 15% × 1,130.01 = 169.5015 → 169.50
    expect(figures(q)).toEqual({ currency: 'NZD', duty: 10000, importTax: 16950, total: 26950, seller: 'NZD 10000/16950/26950' });
  });
});

describe('Japan: JPY 10,000 small-consignment exemption (CIF), a currency without decimals', () => {
  const jp = { date: '2026-03-02', fx: FX, sellerCurrency: 'EUR', tariff: [tariff('JP', '6403', '30')] };

  it('EUR 60.00 + EUR 2.50 transport = JPY 10,000 CIF: no duty, no consumption tax', () => {
    const q = quoteLandedCost(shipment({ to: 'JP', currency: 'EUR', items: [{ value: '60.00' }], shipping: '2.50' }), jp);
    expect(figures(q)).toEqual({ currency: 'JPY', duty: 0, importTax: 0, total: 0, seller: 'EUR 0/0/0' });
    expect(outcomeOf(q, 'JP-DUTY-SMALL-CONSIGNMENT-10000')).toBe(
      'consignment value with transport and insurance (CIF) JPY 10000 ≤ JPY 10000: duty exempt',
    );
    expect(outcomeOf(q, 'JP-CT-SMALL-CONSIGNMENT-10000')).toBe(
      'consignment value with transport and insurance (CIF) JPY 10000 ≤ JPY 10000: import tax exempt',
    );
  });

  it('EUR 60.01 tips it over: yen figures without decimals, explained in the seller’s EUR', () => {
    const q = quoteLandedCost(shipment({ to: 'JP', currency: 'EUR', items: [{ value: '60.01' }], shipping: '2.50' }), jp);
    // 60.01 × 160 = 9,601.6 → JPY 9,602; CIF 9,602 + 400 = 10,002
    // duty 30% × 10,002 = 3,000.6 → 3,001; consumption tax 10% × (10,002 + 3,001) = 1,300.3 → 1,300
    // seller: 3,001 / 160 = 18.75625 → EUR 18.76; 1,300 / 160 = 8.125 → EUR 8.12 (half-even)
    expect(figures(q)).toEqual({ currency: 'JPY', duty: 3001, importTax: 1300, total: 4301, seller: 'EUR 1876/812/2688' });
    expect(q.items[0]).toMatchObject({
      customsValue: { amountMinor: 10002, currency: 'JPY' },
      duty: { amountMinor: 3001, currency: 'JPY' },
      importTax: { amountMinor: 1300, currency: 'JPY' },
      dutyRatePercent: '30',
    });
    expect(q.items[0]?.explanation).toBe(
      'HS 640391, origin CN, 1 × Leather shoes. Customs value JPY 10002 = goods JPY 9602 + transport JPY 400 + insurance JPY 0 (CIF, JP-VALUATION-CIF). ' +
        'Duty 30% (tariff:JP:6403, test tariff JP 6403) of JPY 10002 = JPY 3001. ' +
        'Consumption tax 10% (JP/consumption-tax/standard-10@2019-10-01) of JPY 13003 (goods + transport + insurance + duty) = JPY 1300, due at import. ' +
        'Seller (EUR): duty EUR 18.76, import tax EUR 8.12 at 1 JPY = 0.00625 EUR. Paid by the buyer (DAP).',
    );
    // Each conversion once: goods and transport into yen, duty and tax back into euros.
    expect(q.conversions.map((c) => [c.from.amountMinor, c.from.currency, c.amount.amountMinor, c.amount.currency, c.method])).toEqual([
      [6001, 'EUR', 9602, 'JPY', 'direct'],
      [250, 'EUR', 400, 'JPY', 'direct'],
      [3001, 'JPY', 1876, 'EUR', 'inverse'],
      [1300, 'JPY', 812, 'EUR', 'inverse'],
    ]);
    expect(q.notes).toEqual(
      expect.arrayContaining([
        'FX: 1 EUR = 160 JPY (ecb direct rate of 2026-03-02; amounts rounded half-even).',
        'FX: 1 JPY = 0.00625 EUR (ecb inverse rate of 2026-03-02; amounts rounded half-even).',
        'Duty and import tax are rounded half-even to the minor unit of JPY per item; national rounding rules are not applied.',
      ]),
    );
  });
});

describe('Singapore: SGD 400 — GST relief until 2022, charged at the sale (OVR) from 2023-01-01', () => {
  const sg = (date: string) => ({ date, fx: EMPTY_FX, sellerCurrency: 'SGD' });
  const parcel = (value: string) => shipment({ to: 'SG', currency: 'SGD', items: [{ value }] });

  it('SGD 400.00 on 2022-12-30: import relief, no GST; duty unknown without a tariff entry, and said so', () => {
    const q = quoteLandedCost(parcel('400.00'), sg('2022-12-30'));
    expect(figures(q)).toEqual({ currency: 'SGD', duty: 0, importTax: 0, total: 0, seller: 'SGD 0/0/0' });
    expect(outcomeOf(q, 'SG-GST-IMPORT-RELIEF-400')).toBe(
      'consignment value with transport and insurance (CIF) SGD 400.00 ≤ SGD 400.00: import tax exempt',
    );
    expect(q.notes).toContain('Duty unknown for a (HS 640391, origin CN): no tariff entry for SG on 2022-12-30; the duty total leaves them out.');
    expect(q.items[0]?.dutyStatus).toBe('unknown');
  });

  it('SGD 400.00 on 2023-01-02: GST 8% charged at the sale under OVR', () => {
    const q = quoteLandedCost(parcel('400.00'), sg('2023-01-02'));
    expect(figures(q).importTax).toBe(3200);
    expect(outcomeOf(q, 'SG-GST-OVR-LVG-400')).toContain('SGD 400.00 ≤ SGD 400.00: import tax charged at the sale');
  });

  it('SGD 400.01 in 2024: GST 9% at import', () => {
    const q = quoteLandedCost(parcel('400.01'), { ...sg('2024-03-01'), tariff: [tariff('SG', '64', '0')] });
    // 9% × 400.01 = 36.0009 → 36.00
    expect(figures(q)).toEqual({ currency: 'SGD', duty: 0, importTax: 3600, total: 3600, seller: 'SGD 0/3600/3600' });
    expect(q.items[0]?.dutyRatePercent).toBe('0');
    expect(q.notes.some((n) => n.startsWith('Duty unknown'))).toBe(false);
  });
});
