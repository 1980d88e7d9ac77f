import { describe, expect, it } from 'vitest';
import { hasNote, lineSummary, quote, req } from './helpers.js';

describe('Australia: GST on low value imported goods up to AUD 1,000', () => {
  it('item of AUD 1,000.00: GST 10% charged by the seller at the sale', () => {
    const q = quote(req({ from: 'CN', to: 'AU', currency: 'AUD', lines: [{ amount: '1000.00' }] }));
    expect(q).toMatchObject({ scheme: 'au-low-value', collectedBy: 'seller', jurisdiction: 'AU', totalTax: { amountMinor: 10000, currency: 'AUD' } });
    expect(lineSummary(q)).toEqual([['l1', 'AU', '10', 10000, 'AU/gst/standard-10@2000-07-01']]);
    expect(hasNote(q, 'Line l1: item value 1000.00 AUD ≤ AUD 1000 (AU-LVG@2018-07-01): tax charged at the sale')).toBe(true);
  });

  it('AUD 1,000.01: GST at the border', () => {
    const q = quote(req({ from: 'CN', to: 'AU', currency: 'AUD', lines: [{ amount: '1000.01' }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 10000 } }); // 100.001 → 100.00
    expect(hasNote(q, 'Rule AU-IMPORT@2018-07-01')).toBe(true);
  });

  it('GST-registered business with a valid ABN: not charged; a wrong check digit: charged, with the reason', () => {
    const b2b = quote(req({ from: 'CN', to: 'AU', currency: 'AUD', lines: [{ amount: '200.00' }], buyer: { isBusiness: true, vatNumber: '51 824 753 556' } }));
    expect(b2b).toMatchObject({ scheme: 'reverse-charge', collectedBy: 'buyer', totalTax: { amountMinor: 0 } });
    expect(lineSummary(b2b)).toEqual([['l1', 'AU', '0', 0, 'AU-LVG-B2B@2018-07-01']]);
    const bad = quote(req({ from: 'CN', to: 'AU', currency: 'AUD', lines: [{ amount: '200.00' }], buyer: { isBusiness: true, vatNumber: '51 824 753 557' } }));
    expect(bad).toMatchObject({ scheme: 'au-low-value', totalTax: { amountMinor: 2000 } });
    expect(hasNote(bad, 'Buyer treated as a consumer: VAT number 51824753557 is invalid: check digits fail')).toBe(true);
  });

  it('basic food is GST-free; marketplaces collect', () => {
    const q = quote(req({ from: 'NZ', to: 'AU', currency: 'AUD', lines: [{ amount: '50.00', category: 'food' }], seller: { viaMarketplace: true } }));
    expect(q).toMatchObject({ collectedBy: 'marketplace' });
    expect(lineSummary(q)).toEqual([['l1', 'AU', '0', 0, 'AU/gst/gst-free-0-food@2000-07-01']]);
  });

  it('converts EUR prices into AUD per item (595.24 EUR = 1000.00 AUD; 595.25 EUR = 1000.02 AUD)', () => {
    const q = quote(req({ from: 'DE', to: 'AU', currency: 'EUR', lines: [{ amount: '595.24' }] }));
    expect(q.scheme).toBe('au-low-value');
    expect(q.conversions[0]).toMatchObject({ amount: { amountMinor: 100000, currency: 'AUD' } });
    expect(quote(req({ from: 'DE', to: 'AU', currency: 'EUR', lines: [{ amount: '595.25' }] })).scheme).toBe('import');
  });
});

describe('New Zealand: GST on low-value imported goods up to NZD 1,000', () => {
  it('NZD 1,000.00 at the sale, NZD 1,000.01 at the border', () => {
    const low = quote(req({ from: 'AU', to: 'NZ', currency: 'NZD', lines: [{ amount: '1000.00' }] }));
    expect(low).toMatchObject({ scheme: 'nz-low-value', collectedBy: 'seller', totalTax: { amountMinor: 15000, currency: 'NZD' } });
    expect(lineSummary(low)).toEqual([['l1', 'NZ', '15', 15000, 'NZ/gst/standard-15@2010-10-01']]);
    expect(hasNote(low, 'Rule NZ-LVG@2019-12-01')).toBe(true);
    const high = quote(req({ from: 'AU', to: 'NZ', currency: 'NZD', lines: [{ amount: '1000.01' }] }));
    expect(high).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 15000 } }); // 150.0015 → 150.00
    expect(hasNote(high, 'Rule NZ-IMPORT@2019-12-01')).toBe(true);
  });
});

describe('Singapore: low-value goods up to SGD 400, GST 7% → 8% → 9%', () => {
  it.each([
    ['2022-12-31', '400.00', 'import-relief', 'none', 0, 'SG-IMPORT-RELIEF@2007-07-01'],
    ['2023-01-01', '400.00', 'sg-low-value', 'seller', 3200, 'SG/gst/standard-8@2023-01-01'],
    ['2023-12-31', '400.00', 'sg-low-value', 'seller', 3200, 'SG/gst/standard-8@2023-01-01'],
    ['2024-01-01', '400.00', 'sg-low-value', 'seller', 3600, 'SG/gst/standard-9@2024-01-01'],
    ['2024-01-01', '400.01', 'import', 'customs', 3600, 'SG/gst/standard-9@2024-01-01'],
    ['2022-12-31', '500.00', 'import', 'customs', 3500, 'SG/gst/standard-7@2007-07-01'],
  ])('%s SGD %s: %s collected by %s, %i cents (%s)', (date, amount, scheme, collectedBy, tax, ruleId) => {
    const q = quote(req({ date, from: 'CN', to: 'SG', currency: 'SGD', lines: [{ amount }] }));
    expect(q).toMatchObject({ scheme, collectedBy, jurisdiction: 'SG', totalTax: { amountMinor: tax, currency: 'SGD' } });
    expect(q.lines[0]!.rule.id).toBe(ruleId);
    expect(hasNote(q, 'Assumed imported by air or post')).toBe(true);
  });

  it('GST-registered business buyer: not charged by the seller', () => {
    const q = quote(req({ from: 'CN', to: 'SG', currency: 'SGD', lines: [{ amount: '100.00' }], buyer: { isBusiness: true, vatNumber: 'M90312345A' } }));
    expect(q).toMatchObject({ scheme: 'reverse-charge', collectedBy: 'buyer', totalTax: { amountMinor: 0 } });
    expect(q.lines[0]!.rule.id).toBe('SG-LVG-B2B@2023-01-01');
  });
});

describe('Japan: consumption tax 10%, 8% on food; imports at customs', () => {
  it('prices including tax in JPY (no decimals): extracted per line, half-even to the yen', () => {
    const q = quote(
      req({
        from: 'JP',
        to: 'JP',
        currency: 'JPY',
        pricesIncludeTax: true,
        lines: [{ amount: '1000' }, { amount: '105', category: 'food' }, { amount: '1080', category: 'food' }],
      }),
    );
    // 1000 × 10/110 = 90.9 → 91; 105 × 8/108 = 7.78 → 8; 1080 × 8/108 = 80
    expect(q.lines.map((l) => [l.lineId, l.ratePercent, l.taxable.amountMinor, l.tax.amountMinor, l.rule.id])).toEqual([
      ['l1', '10', 909, 91, 'JP/consumption-tax/standard-10@2019-10-01'],
      ['l2', '8', 97, 8, 'JP/consumption-tax/reduced-8@2019-10-01'],
      ['l3', '8', 1000, 80, 'JP/consumption-tax/reduced-8@2019-10-01'],
    ]);
    expect(q).toMatchObject({ scheme: 'domestic', collectedBy: 'seller', totalTax: { amountMinor: 179, currency: 'JPY' } });
    expect(hasNote(q, 'rounded half-even to 0 decimal(s) of JPY')).toBe(true);
  });

  it('an import above JPY 10,000 pays consumption tax at customs', () => {
    const q = quote(req({ from: 'CN', to: 'JP', currency: 'JPY', lines: [{ amount: '10001' }] }));
    // 10% × 10,001 = 1,000.1 → 1,000
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 1000, currency: 'JPY' } });
    expect(hasNote(q, 'Rule JP-IMPORT@2019-10-01')).toBe(true);
    expect(hasNote(q, 'is above JPY 10000 (JP-SMALL-CONSIGNMENT@2019-10-01)')).toBe(true);
  });

  it('exactly JPY 10,000 with transport is a small consignment: no import consumption tax', () => {
    const q = quote(req({ from: 'CN', to: 'JP', currency: 'JPY', lines: [{ amount: '9000' }], shipping: '1000' }));
    expect(q).toMatchObject({ scheme: 'import-relief', collectedBy: 'none', totalTax: { amountMinor: 0, currency: 'JPY' } });
    expect(hasNote(q, 'Consignment value with transport 10000 JPY ≤ JPY 10000 (JP-SMALL-CONSIGNMENT@2019-10-01)')).toBe(true);
    // One yen of transport more and the whole consignment is taxed.
    const over = quote(req({ from: 'CN', to: 'JP', currency: 'JPY', lines: [{ amount: '9000' }], shipping: '1001' }));
    expect(over.scheme).toBe('import');
  });

  it('the limit is compared in yen after FX, and alcohol never qualifies', () => {
    const usd = quote(req({ from: 'US', to: 'JP', currency: 'USD', lines: [{ amount: '50.00' }] }));
    expect(usd.scheme).toBe('import-relief');
    expect(usd.conversions.map((c) => c.amount.currency)).toContain('JPY');
    const wine = quote(req({ from: 'FR', to: 'JP', currency: 'JPY', lines: [{ amount: '3000', hsCode: '220421' }] }));
    expect(wine.scheme).toBe('import');
    expect(hasNote(wine, 'Alcohol or tobacco in the consignment: no small-consignment relief')).toBe(true);
  });
});

describe('Canada: GST, HST and provincial taxes by ship-to province', () => {
  it.each([
    ['ON', [['l1', 'CA-ON', '13', 1300, 'CA-ON/hst/standard-13@2010-07-01']]],
    ['Ontario', [['l1', 'CA-ON', '13', 1300, 'CA-ON/hst/standard-13@2010-07-01']]],
    ['NB', [['l1', 'CA-NB', '15', 1500, 'CA-NB/hst/standard-15@2016-07-01']]],
    ['NL', [['l1', 'CA-NL', '15', 1500, 'CA-NL/hst/standard-15@2016-07-01']]],
    ['PE', [['l1', 'CA-PE', '15', 1500, 'CA-PE/hst/standard-15@2016-10-01']]],
    ['QC', [['l1', 'CA', '5', 500, 'CA/gst/standard-5@2008-01-01'], ['l1', 'CA-QC', '9.975', 998, 'CA-QC/qst/standard-9.975@2013-01-01']]],
    ['BC', [['l1', 'CA', '5', 500, 'CA/gst/standard-5@2008-01-01'], ['l1', 'CA-BC', '7', 700, 'CA-BC/pst/standard-7@2013-04-01']]],
    ['SK', [['l1', 'CA', '5', 500, 'CA/gst/standard-5@2008-01-01'], ['l1', 'CA-SK', '6', 600, 'CA-SK/pst/standard-6@2017-03-23']]],
    ['MB', [['l1', 'CA', '5', 500, 'CA/gst/standard-5@2008-01-01'], ['l1', 'CA-MB', '7', 700, 'CA-MB/rst/standard-7@2019-07-01']]],
    ['AB', [['l1', 'CA', '5', 500, 'CA/gst/standard-5@2008-01-01']]],
  ] as const)('CAD 100.00 to %s', (region, lines) => {
    const q = quote(req({ from: 'CA', to: 'CA', toRegion: region, currency: 'CAD', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'domestic', collectedBy: 'seller' });
    expect(lineSummary(q)).toEqual(lines);
    expect(hasNote(q, 'Rule CA-DOMESTIC@2013-04-01')).toBe(true);
  });

  it('Nova Scotia HST: 15% on 2025-03-31, 14% from 2025-04-01', () => {
    const before = quote(req({ date: '2025-03-31', from: 'CA', to: 'CA', toRegion: 'NS', currency: 'CAD', lines: [{ amount: '100.00' }] }));
    expect(lineSummary(before)).toEqual([['l1', 'CA-NS', '15', 1500, 'CA-NS/hst/standard-15@2010-07-01']]);
    const after = quote(req({ date: '2025-04-01', from: 'CA', to: 'CA', toRegion: 'NS', currency: 'CAD', lines: [{ amount: '100.00' }] }));
    expect(lineSummary(after)).toEqual([['l1', 'CA-NS', '14', 1400, 'CA-NS/hst/standard-14@2025-04-01']]);
    expect(after.jurisdiction).toBe('CA-NS');
  });

  it('QC prices including GST and QST: each part extracted with the combined rate', () => {
    // 114.98 × 5 / 114.975 = 5.0002 → 5.00; 114.98 × 9.975 / 114.975 = 9.9754 → 9.98; net 100.00
    const q = quote(req({ from: 'CA', to: 'CA', toRegion: 'QC', currency: 'CAD', pricesIncludeTax: true, lines: [{ amount: '114.98' }] }));
    expect(q.lines.map((l) => [l.jurisdiction, l.taxable.amountMinor, l.tax.amountMinor])).toEqual([
      ['CA', 10000, 500],
      ['CA-QC', 10000, 998],
    ]);
  });

  it('books: HST provincial part rebated in ON; groceries zero-rated in QC', () => {
    expect(lineSummary(quote(req({ from: 'CA', to: 'CA', toRegion: 'ON', currency: 'CAD', lines: [{ amount: '100.00', category: 'books' }] })))).toEqual([
      ['l1', 'CA-ON', '5', 500, 'CA-ON/hst/point-of-sale-rebate-5-books@2010-07-01'],
    ]);
    expect(quote(req({ from: 'CA', to: 'CA', toRegion: 'QC', currency: 'CAD', lines: [{ amount: '100.00', category: 'food' }] })).totalTax.amountMinor).toBe(0);
  });

  it('GST/HST holiday (2024-12-14 … 2025-02-15): children\'s clothing in Ontario bears no HST; the day after it does', () => {
    const line = [{ amount: '100.00', category: 'childrens-clothing' }];
    const during = quote(req({ date: '2025-02-15', from: 'CA', to: 'CA', toRegion: 'ON', currency: 'CAD', lines: line }));
    expect(lineSummary(during)).toEqual([['l1', 'CA-ON', '0', 0, 'CA-ON/hst/holiday-0-childrens-clothing@2024-12-14']]);
    const after = quote(req({ date: '2025-02-16', from: 'CA', to: 'CA', toRegion: 'ON', currency: 'CAD', lines: line }));
    expect(lineSummary(after)).toEqual([['l1', 'CA-ON', '5', 500, 'CA-ON/hst/point-of-sale-rebate-5-books@2010-07-01']]);
  });

  it('unknown province: GST only, and the quote says so', () => {
    const q = quote(req({ from: 'CA', to: 'CA', toRegion: 'Atlantis', currency: 'CAD', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ jurisdiction: 'CA', totalTax: { amountMinor: 500 } });
    expect(hasNote(q, 'Province of the ship-to address unknown (region "Atlantis"): federal GST only')).toBe(true);
  });

  it('an import is assessed at the border', () => {
    const q = quote(req({ from: 'US', to: 'CA', toRegion: 'ON', currency: 'CAD', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'CA-ON', totalTax: { amountMinor: 1300 } });
    expect(hasNote(q, 'Rule CA-IMPORT@2013-04-01')).toBe(true);
  });

  it.each([
    // [from, date, value CAD, scheme, tax cents]: CUSMA CAD 40 from the US/MX since 2020-07-01, CAD 20 otherwise
    ['US', '2025-03-03', '40.00', 'import-relief', 0],
    ['US', '2025-03-03', '40.01', 'import', 520], // HST 13% × 40.01 = 5.2013 → 5.20
    ['MX', '2025-03-03', '40.00', 'import-relief', 0],
    ['CN', '2025-03-03', '20.00', 'import-relief', 0],
    ['CN', '2025-03-03', '20.01', 'import', 260], // 13% × 20.01 = 2.6013 → 2.60
    ['US', '2020-06-30', '30.00', 'import', 390], // before CUSMA: CAD 20 → 13% × 30 = 3.90
    ['US', '2020-07-01', '30.00', 'import-relief', 0],
  ] as const)('low-value release into Ontario: from %s on %s, CAD %s → %s, %i cents', (from, date, value, scheme, tax) => {
    const q = quote(req({ date, from, to: 'CA', toRegion: 'ON', currency: 'CAD', lines: [{ amount: value }] }));
    expect([q.scheme, q.totalTax.amountMinor]).toEqual([scheme, tax]);
  });

  it('tobacco is never released as low value', () => {
    const q = quote(req({ from: 'US', to: 'CA', toRegion: 'ON', currency: 'CAD', lines: [{ amount: '10.00', hsCode: '240220' }] }));
    expect(q.scheme).toBe('import');
    expect(hasNote(q, 'Alcohol or tobacco in the shipment: no low-value release (CA-LOW-VALUE-CUSMA@2020-07-01)')).toBe(true);
  });
});

describe('United States and other destinations: no built-in rates, never a guess', () => {
  it('US: unavailable without AvaTax', () => {
    const q = quote(req({ from: 'CN', to: 'US', toRegion: 'ca', currency: 'USD', lines: [{ amount: '100.00' }] }));
    expect(q).toEqual({
      provider: 'caravan-builtin',
      reference: 'order-1',
      date: '2025-03-03',
      jurisdiction: 'US-CA',
      scheme: 'none',
      collectedBy: 'none',
      currency: 'USD',
      lines: [],
      totalTax: { amountMinor: 0, currency: 'USD' },
      notes: [
        'Rule US-NONE@2018-06-21: United States sales tax is levied by states, counties, cities and special districts (economic nexus since South Dakota v. Wayfair, 2018): the built-in engine holds no US rate; US quotes come from AvaTax (source: Caravan: US sales tax is served through the AvaTax connector only)',
        'No US sales tax rate is available without AvaTax: the built-in engine does not guess state and local rates',
      ],
      conversions: [],
      unavailable: 'No US sales tax rate is available without AvaTax: the built-in engine does not guess state and local rates',
    });
    expect(quote(req({ from: 'US', to: 'US', currency: 'USD', lines: [{ amount: '1.00' }] })).unavailable).toContain('without AvaTax');
  });

  it('a destination without rules is unavailable', () => {
    const q = quote(req({ from: 'CN', to: 'BR', currency: 'USD', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ collectedBy: 'none', jurisdiction: 'BR', unavailable: 'no built-in VAT/GST rules for BR: use the AvaTax provider' });
  });
});
