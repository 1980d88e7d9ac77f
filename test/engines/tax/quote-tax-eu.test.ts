import { describe, expect, it, vi } from 'vitest';
import { hasNote, lineSummary, quote, req } from './helpers.js';

const CN_SELLER_IOSS = { iossNumber: 'IM1560000001' };

describe('EU imports: IOSS up to EUR 150, import VAT above', () => {
  it('exactly EUR 150.00: IOSS, destination VAT charged by the seller', () => {
    const q = quote(req({ from: 'CN', to: 'DE', currency: 'EUR', lines: [{ amount: '150.00' }], seller: CN_SELLER_IOSS }));
    expect(q).toMatchObject({ provider: 'caravan-builtin', scheme: 'ioss', collectedBy: 'seller', jurisdiction: 'DE' });
    expect(lineSummary(q)).toEqual([['l1', 'DE', '19', 2850, 'DE/vat/standard-19@2021-01-01']]);
    expect(q.totalTax).toEqual({ amountMinor: 2850, currency: 'EUR' });
    expect(hasNote(q, 'Consignment intrinsic value 150.00 EUR ≤ EUR 150 (EU-IOSS@2021-07-01)')).toBe(true);
    expect(hasNote(q, 'Rule EU-IOSS@2021-07-01: Distance sale of goods imported from outside the EU')).toBe(true);
    expect(q.lines[0]!.explanation).toBe(
      'VAT 19% (standard) under EU-IOSS@2021-07-01 [ioss, collected by seller]: 19% of 150.00 EUR = 28.50 EUR, rounded half-even to 2 decimal(s); rate rule DE/vat/standard-19@2021-01-01',
    );
    expect(q.unavailable).toBeUndefined();
  });

  it('EUR 150.01: no IOSS, import VAT at customs', () => {
    const q = quote(req({ from: 'CN', to: 'DE', currency: 'EUR', lines: [{ amount: '150.01' }], seller: CN_SELLER_IOSS }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'DE' });
    // 150.01 × 19% = 28.5019 → 28.50
    expect(lineSummary(q)).toEqual([['l1', 'DE', '19', 2850, 'DE/vat/standard-19@2021-01-01']]);
    expect(hasNote(q, 'Consignment intrinsic value 150.01 EUR is above EUR 150 (EU-IOSS@2021-07-01)')).toBe(true);
    expect(hasNote(q, 'Rule EU-IMPORT@2021-07-01')).toBe(true);
  });

  it('shipping is outside the intrinsic value but taxed at the rate of the goods', () => {
    const q = quote(req({ from: 'CN', to: 'FR', currency: 'EUR', lines: [{ amount: '150.00', category: 'books' }], shipping: '9.99', seller: CN_SELLER_IOSS }));
    expect(q.scheme).toBe('ioss');
    // books 5.5%: 150.00 → 8.25; shipping 9.99 × 5.5% = 0.54945 → 0.55
    expect(lineSummary(q)).toEqual([
      ['l1', 'FR', '5.5', 825, 'FR/vat/reduced-5.5@2021-07-01'],
      ['shipping', 'FR', '5.5', 55, 'FR/vat/reduced-5.5@2021-07-01'],
    ]);
    expect(q.totalTax.amountMinor).toBe(880);
    expect(hasNote(q, "Shipping taxed at the rate of the goods it carries (tax category 'books')")).toBe(true);
  });

  it('marketplace as deemed supplier collects through its IOSS', () => {
    const q = quote(req({ from: 'CN', to: 'FR', currency: 'EUR', lines: [{ amount: '100.00' }], seller: { viaMarketplace: true } }));
    expect(q).toMatchObject({ scheme: 'ioss', collectedBy: 'marketplace', jurisdiction: 'FR', totalTax: { amountMinor: 2000, currency: 'EUR' } });
    expect(hasNote(q, 'Rule EU-IOSS-MARKETPLACE@2021-07-01')).toBe(true);
  });

  it('no IOSS number and no marketplace: import VAT at customs even under EUR 150', () => {
    const q = quote(req({ from: 'CN', to: 'NL', currency: 'EUR', lines: [{ amount: '40.00' }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 840 } });
    expect(hasNote(q, 'Rule EU-IMPORT-NO-IOSS@2021-07-01')).toBe(true);
  });

  it('business buyer: import VAT at customs (IOSS is for consumers)', () => {
    const q = quote(req({ from: 'CN', to: 'DE', currency: 'EUR', lines: [{ amount: '100.00' }], seller: CN_SELLER_IOSS, buyer: { isBusiness: true, vatNumber: 'DE113298780' } }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 1900 } });
    expect(hasNote(q, 'Business buyer: IOSS covers sales to consumers only')).toBe(true);
  });

  it('converts a USD consignment into EUR for the threshold and returns the conversion', () => {
    // 157.28 / 1.0485 = 150.0048 → 150.00 EUR: IOSS; 157.29 / 1.0485 = 150.0143 → 150.01 EUR: import
    const under = quote(req({ from: 'CN', to: 'DE', currency: 'USD', lines: [{ amount: '157.28', category: 'food' }], seller: CN_SELLER_IOSS }));
    expect(under.scheme).toBe('ioss');
    expect(under.conversions).toHaveLength(1);
    expect(under.conversions[0]).toMatchObject({
      from: { amountMinor: 15728, currency: 'USD' },
      amount: { amountMinor: 15000, currency: 'EUR' },
      method: 'inverse',
      source: 'ecb',
      rateDate: '2025-03-03',
      rates: [{ base: 'EUR', quote: 'USD', rate: '1.0485', date: '2025-03-03' }],
    });
    // food 7%: 157.28 × 7% = 11.0096 → 11.01 USD
    expect(lineSummary(under)).toEqual([['l1', 'DE', '7', 1101, 'DE/vat/reduced-7@2021-01-01']]);
    expect(hasNote(under, 'FX for the EUR 150 IOSS consignment threshold: 157.28 USD = 150.00 EUR')).toBe(true);

    const over = quote(req({ from: 'CN', to: 'DE', currency: 'USD', lines: [{ amount: '157.29', category: 'food' }], seller: CN_SELLER_IOSS }));
    expect(over.scheme).toBe('import');
    expect(over.conversions[0]!.amount).toEqual({ amountMinor: 15001, currency: 'EUR' });
  });

  it('a KWD (3-decimal) price including VAT: extracted at 3 decimals, converted for the threshold', () => {
    // gross 33.333 KWD at 20%: 33.333 × 20 / 120 = 5.5555 → half-even 5.556; net 27.777
    const q = quote(req({ from: 'KW', to: 'FR', currency: 'KWD', pricesIncludeTax: true, lines: [{ amount: '33.333' }], seller: { viaMarketplace: true } }));
    expect(q).toMatchObject({ scheme: 'ioss', collectedBy: 'marketplace' });
    expect(q.lines[0]).toMatchObject({ taxable: { amountMinor: 27777, currency: 'KWD' }, tax: { amountMinor: 5556, currency: 'KWD' }, ratePercent: '20' });
    // 27.777 / 0.3235 = 85.86 EUR
    expect(q.conversions[0]).toMatchObject({ from: { amountMinor: 27777, currency: 'KWD' }, amount: { amountMinor: 8586, currency: 'EUR' } });
    expect(q.lines[0]!.explanation).toContain('extracted from 33.333 KWD incl. tax: 33.333 × 20 / (100 + 20) = 5.556 KWD, rounded half-even to 3 decimal(s)');
  });

  it('a line priced in another currency is converted into the quote currency, and the conversion returned', () => {
    const q = quote(req({ from: 'CN', to: 'DE', currency: 'EUR', lines: [{ amount: '104.85', currency: 'USD' }], seller: CN_SELLER_IOSS }));
    expect(q.conversions[0]).toMatchObject({ from: { amountMinor: 10485, currency: 'USD' }, amount: { amountMinor: 10000, currency: 'EUR' } });
    expect(lineSummary(q)).toEqual([['l1', 'DE', '19', 1900, 'DE/vat/standard-19@2021-01-01']]);
    expect(hasNote(q, 'FX for line l1 in the quote currency: 104.85 USD = 100.00 EUR')).toBe(true);
  });

  it('without a rate for the threshold currency the quote is unavailable, not guessed', () => {
    const q = quote(req({ date: '2025-05-20', from: 'CN', to: 'DE', currency: 'USD', lines: [{ amount: '10.00' }], seller: CN_SELLER_IOSS }));
    expect(q).toMatchObject({ scheme: 'none', collectedBy: 'none', lines: [], totalTax: { amountMinor: 0, currency: 'USD' } });
    expect(q.unavailable).toMatch(/^cannot convert 10.00 USD to EUR for the EUR 150 IOSS consignment threshold: /);
  });

  it('before the e-commerce package (2021-07-01) no IOSS rule exists: unavailable', () => {
    const q = quote(req({ date: '2021-06-30', from: 'CN', to: 'DE', currency: 'EUR', lines: [{ amount: '10.00' }], seller: CN_SELLER_IOSS }));
    expect(q.unavailable).toBe('no EU-IOSS rule is encoded for 2021-06-30');
  });
});

describe('intra-EU B2C distance sales: the EUR 10,000 threshold', () => {
  const fromFr = (sales: { currentYear: string; previousYear: string } | undefined, extra: Record<string, unknown> = {}) =>
    req({ from: 'FR', to: 'DE', currency: 'EUR', lines: [{ amount: '100.00' }], seller: { ...(sales ? { euDistanceSalesEur: sales } : {}), ...extra } });

  it('previous year exactly EUR 10,000: not above, the seller charges French VAT', () => {
    const q = quote(fromFr({ previousYear: '10000.00', currentYear: '0' }));
    expect(q).toMatchObject({ scheme: 'distance-sale-origin', collectedBy: 'seller', jurisdiction: 'FR' });
    expect(lineSummary(q)).toEqual([['l1', 'FR', '20', 2000, 'FR/vat/standard-20@2014-01-01']]);
    expect(hasNote(q, 'Rule EU-DISTANCE-ORIGIN@2021-07-01')).toBe(true);
    expect(
      hasNote(q, 'EU distance sales (EU-DISTANCE-THRESHOLD@2021-07-01): previous year 10000.00 EUR, current year 0 + this sale 100.00 = 100.00 EUR; not above EUR 10000'),
    ).toBe(true);
  });

  it('previous year EUR 10,000.01: German VAT through OSS', () => {
    const q = quote(fromFr({ previousYear: '10000.01', currentYear: '0' }));
    expect(q).toMatchObject({ scheme: 'oss', collectedBy: 'seller', jurisdiction: 'DE' });
    expect(lineSummary(q)).toEqual([['l1', 'DE', '19', 1900, 'DE/vat/standard-19@2021-01-01']]);
    expect(hasNote(q, 'Rule EU-OSS@2021-07-01')).toBe(true);
  });

  it('current year reaching exactly EUR 10,000 with this sale stays French; one cent more goes to OSS', () => {
    expect(quote(fromFr({ previousYear: '0', currentYear: '9900.00' })).jurisdiction).toBe('FR');
    const over = quote(fromFr({ previousYear: '0', currentYear: '9900.01' }));
    expect(over).toMatchObject({ scheme: 'oss', jurisdiction: 'DE', totalTax: { amountMinor: 1900 } });
    expect(hasNote(over, 'current year 9900.01 + this sale 100.00 = 10000.01 EUR; above EUR 10000: destination VAT through OSS')).toBe(true);
  });

  it('OSS registration, unknown sales, dispatch from another member state, non-EU seller: destination VAT', () => {
    expect(quote(fromFr({ previousYear: '0', currentYear: '0' }, { ossNumber: 'FR-OSS-1' })).jurisdiction).toBe('DE');
    const unknown = quote(fromFr(undefined));
    expect(unknown.jurisdiction).toBe('DE');
    expect(hasNote(unknown, 'EU-wide distance sales of the seller not given')).toBe(true);

    const warehouse = quote(req({ from: 'DE', to: 'AT', currency: 'EUR', lines: [{ amount: '100.00' }], seller: { country: 'FR', euDistanceSalesEur: { previousYear: '0', currentYear: '0' } } }));
    expect(warehouse).toMatchObject({ scheme: 'oss', jurisdiction: 'AT', totalTax: { amountMinor: 2000 } });
    expect(hasNote(warehouse, 'Goods dispatched from DE while the seller is established in FR')).toBe(true);

    const us = quote(req({ from: 'DE', to: 'FR', currency: 'EUR', lines: [{ amount: '100.00' }], seller: { country: 'US', viaMarketplace: true } }));
    expect(us).toMatchObject({ scheme: 'oss', collectedBy: 'marketplace', jurisdiction: 'FR', totalTax: { amountMinor: 2000 } });
    expect(hasNote(us, 'Rule EU-MARKETPLACE-INTRA@2021-07-01')).toBe(true);
  });
});

describe('intra-EU B2B: reverse charge with a valid VAT number of another member state', () => {
  const b2b = (vatNumber: string, from = 'FR', to = 'DE') =>
    req({ from, to, currency: 'EUR', lines: [{ amount: '1000.00' }], shipping: '20.00', buyer: { isBusiness: true, vatNumber } });

  it('valid DE number: no VAT, the buyer accounts for it', () => {
    const q = quote(b2b('DE113298780'));
    expect(q).toMatchObject({ scheme: 'reverse-charge', collectedBy: 'buyer', jurisdiction: 'DE', totalTax: { amountMinor: 0, currency: 'EUR' } });
    expect(lineSummary(q)).toEqual([
      ['l1', 'DE', '0', 0, 'EU-INTRA-B2B@2021-07-01'],
      ['shipping', 'DE', '0', 0, 'EU-INTRA-B2B@2021-07-01'],
    ]);
    expect(q.lines[0]!.rule.source).toBe('Council Directive 2006/112/EC (VAT Directive) as amended by Directives (EU) 2017/2455 and 2019/1995, art. 138(1), 20, 40, 200');
    expect(
      hasNote(q, 'VAT number DE113298780: format and check digits valid, no live check configured: the reverse charge rests on a number VIES has not confirmed (unverified)'),
    ).toBe(true);
  });

  it('badly formatted number: no reverse charge, and the quote says why', () => {
    const q = quote(b2b('DE12345678'));
    expect(q.scheme).toBe('oss');
    expect(q.totalTax.amountMinor).toBe(19380); // (1000.00 + 20.00) × 19%
    expect(
      hasNote(q, 'No reverse charge: VAT number "DE12345678" is badly formatted: DE12345678 does not match the DE format (DE + 9 digits)'),
    ).toBe(true);
  });

  it('a number of the dispatch member state does not qualify', () => {
    const q = quote(b2b('FR40303265045'));
    expect(q.scheme).not.toBe('reverse-charge');
    expect(hasNote(q, 'issued by FR, the member state the goods leave')).toBe(true);
  });

  it('Greek numbers need the EL prefix', () => {
    expect(quote(b2b('EL094014201', 'DE', 'GR')).scheme).toBe('reverse-charge');
    const gr = quote(b2b('GR123456789', 'DE', 'GR'));
    expect(gr.scheme).not.toBe('reverse-charge');
    expect(hasNote(gr, 'Greek VAT numbers carry the prefix EL, not GR')).toBe(true);
  });

  it('live check: invalid refuses the reverse charge, unknown falls back to the format', () => {
    const check = vi.fn(() => 'invalid' as const);
    const invalid = quote(b2b('DE113298780'), { vatNumberCheck: check });
    expect(check).toHaveBeenCalledWith('DE', '113298780');
    expect(invalid.scheme).not.toBe('reverse-charge');
    expect(hasNote(invalid, 'VAT number DE113298780 is not registered (live check: invalid)')).toBe(true);

    const unknown = quote(b2b('DE113298780'), { vatNumberCheck: () => 'unknown' });
    expect(unknown.scheme).toBe('reverse-charge');
    expect(hasNote(unknown, 'live check unavailable (unknown): the reverse charge rests on a number VIES has not confirmed (unverified)')).toBe(true);
    expect(quote(b2b('DE113298780'), { vatNumberCheck: () => 'valid' }).scheme).toBe('reverse-charge');
  });

  it('a number whose check digits fail is invalid whatever its format: no reverse charge, and the live check is not asked', () => {
    const check = vi.fn(() => 'valid' as const);
    const q = quote(b2b('DE113298781'), { vatNumberCheck: check });
    expect(q.scheme).toBe('oss');
    expect(q.totalTax.amountMinor).toBe(19380);
    expect(hasNote(q, 'No reverse charge: VAT number DE113298781 is invalid: check digits fail; VAT is charged as on a sale to a consumer')).toBe(true);
    expect(check).not.toHaveBeenCalled();
  });

  it('an old 9-digit Belgian number is read with its leading 0, as VIES does', () => {
    const check = vi.fn(() => 'valid' as const);
    expect(quote(b2b('BE 411.905.847', 'FR', 'BE'), { vatNumberCheck: check }).scheme).toBe('reverse-charge');
    expect(check).toHaveBeenCalledWith('BE', '0411905847');
  });

  it("unconfirmedVatNumbers 'charge-vat': VAT is charged until VIES confirms; a confirmed number keeps the reverse charge", () => {
    const strict = { unconfirmedVatNumbers: 'charge-vat' as const };
    const none = quote(b2b('DE113298780'), strict);
    expect(none.scheme).toBe('oss');
    expect(
      hasNote(none, 'No reverse charge: VAT number DE113298780 has not been confirmed by VIES (no live check configured) and the tenant charges VAT until VIES confirms'),
    ).toBe(true);
    const unknown = quote(b2b('DE113298780'), { ...strict, vatNumberCheck: () => 'unknown' });
    expect(unknown.scheme).toBe('oss');
    expect(hasNote(unknown, 'has not been confirmed by VIES (live check unavailable (unknown))')).toBe(true);
    const valid = quote(b2b('DE113298780'), { ...strict, vatNumberCheck: () => 'valid' });
    expect(valid.scheme).toBe('reverse-charge');
    expect(hasNote(valid, 'VAT number DE113298780: format and check digits valid, live check valid')).toBe(true);
  });
});

describe('domestic EU sales, dated rates, prices including VAT, shipping', () => {
  it('Germany domestic food 7%', () => {
    const q = quote(req({ from: 'DE', to: 'DE', currency: 'EUR', lines: [{ amount: '100.00', category: 'food' }] }));
    expect(q).toMatchObject({ scheme: 'domestic', collectedBy: 'seller', jurisdiction: 'DE' });
    expect(lineSummary(q)).toEqual([['l1', 'DE', '7', 700, 'DE/vat/reduced-7@2021-01-01']]);
    expect(hasNote(q, 'Rule EU-DOMESTIC@2021-07-01')).toBe(true);
  });

  it.each([
    ['EE', '2023-12-31', 2000, 'EE/vat/standard-20@2009-07-01'],
    ['EE', '2024-01-01', 2200, 'EE/vat/standard-22@2024-01-01'],
    ['EE', '2025-06-30', 2200, 'EE/vat/standard-22@2024-01-01'],
    ['EE', '2025-07-01', 2400, 'EE/vat/standard-24@2025-07-01'],
    ['FI', '2024-08-31', 2400, 'FI/vat/standard-24@2013-01-01'],
    ['FI', '2024-09-01', 2550, 'FI/vat/standard-25.5@2024-09-01'],
    ['SK', '2024-12-31', 2000, 'SK/vat/standard-20@2011-01-01'],
    ['SK', '2025-01-01', 2300, 'SK/vat/standard-23@2025-01-01'],
    ['RO', '2025-07-31', 1900, 'RO/vat/standard-19@2017-01-01'],
    ['RO', '2025-08-01', 2100, 'RO/vat/standard-21@2025-08-01'],
  ])('%s domestic 100.00 EUR on %s: %i cents (%s)', (country, date, tax, id) => {
    const q = quote(req({ date, from: country, to: country, currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(lineSummary(q)).toEqual([['l1', country, expect.any(String), tax, id]]);
  });

  it('prices including VAT: tax = gross × rate / (100 + rate), per line, half-even', () => {
    const q = quote(req({ from: 'DE', to: 'DE', currency: 'EUR', pricesIncludeTax: true, lines: [{ amount: '119.00' }, { amount: '10.00' }] }));
    // 119.00 × 19/119 = 19.00; 10.00 × 19/119 = 1.5966… → 1.60
    expect(q.lines.map((l) => [l.taxable.amountMinor, l.tax.amountMinor])).toEqual([[10000, 1900], [840, 160]]);
    expect(q.totalTax.amountMinor).toBe(2060);
    expect(hasNote(q, 'Tax computed per line and rounded half-even to 2 decimal(s) of EUR; prices include tax, so tax = gross × rate / (100 + rate)')).toBe(true);
  });

  it('shipping with goods at different rates takes the standard rate; at one shared rate, that rate', () => {
    const mixed = quote(req({ from: 'DE', to: 'DE', currency: 'EUR', lines: [{ amount: '50.00', category: 'food' }, { amount: '50.00' }], shipping: '10.00' }));
    expect(lineSummary(mixed)).toContainEqual(['shipping', 'DE', '19', 190, 'DE/vat/standard-19@2021-01-01']);
    expect(hasNote(mixed, 'Shipping carries goods at different rates: taxed at the standard rate')).toBe(true);

    const shared = quote(req({ from: 'DE', to: 'DE', currency: 'EUR', lines: [{ amount: '50.00', category: 'food' }, { amount: '50.00', category: 'books' }], shipping: '10.00' }));
    expect(lineSummary(shared)).toContainEqual(['shipping', 'DE', '7', 70, 'DE/vat/reduced-7@2021-01-01']);
  });

  it('Canary Islands are outside the EU VAT territory', () => {
    const q = quote(req({ from: 'DE', to: 'ES', toPostal: '35001', currency: 'EUR', lines: [{ amount: '10.00' }] }));
    // An export from Germany; the IGIC figure is not encoded, and never the mainland 21%.
    expect(q).toMatchObject({ scheme: 'export', jurisdiction: 'ES-CN', lines: [] });
    expect(q.unavailable).toContain('Canary Islands (ES-CN)');
    expect(q.unavailable).toContain('IGIC');
  });
});

describe('Northern Ireland (XI): EU rules for goods at UK rates', () => {
  it('import into NI up to EUR 150 goes through IOSS at 20%', () => {
    const q = quote(req({ from: 'CN', to: 'GB', toPostal: 'BT1 1AA', currency: 'EUR', lines: [{ amount: '100.00' }], seller: CN_SELLER_IOSS }));
    expect(q).toMatchObject({ scheme: 'ioss', jurisdiction: 'XI', collectedBy: 'seller' });
    expect(lineSummary(q)).toEqual([['l1', 'XI', '20', 2000, 'GB/vat/standard-20@2011-01-04']]);
    expect(hasNote(q, 'Rule XI-GOODS@2021-01-01: Northern Ireland: EU VAT rules for goods apply')).toBe(true);
  });

  it('an EU seller above the threshold charges UK VAT for NI through OSS', () => {
    const q = quote(req({ from: 'IE', to: 'GB', toPostal: 'BT7 1NN', currency: 'EUR', lines: [{ amount: '100.00', category: 'childrens-clothing' }], seller: { ossNumber: 'IE-OSS' } }));
    expect(q).toMatchObject({ scheme: 'oss', jurisdiction: 'XI' });
    expect(lineSummary(q)).toEqual([['l1', 'XI', '0', 0, 'GB/vat/zero-0-food@2021-07-01']]);
  });

  it('a Northern Ireland seller under the threshold charges UK VAT to an Irish consumer', () => {
    const fromGb = req({ from: 'GB', to: 'IE', currency: 'EUR', lines: [{ amount: '100.00' }], seller: { euDistanceSalesEur: { previousYear: '0', currentYear: '0' } } });
    // ship-from GB without a BT postcode is Great Britain: an import into the EU
    expect(quote(fromGb).scheme).toBe('import');
    const ni = quote({ ...fromGb, shipFrom: { lines: [], country: 'GB', postalCode: 'BT9 5AB' } });
    expect(ni).toMatchObject({ scheme: 'distance-sale-origin', jurisdiction: 'XI', totalTax: { amountMinor: 2000 } });
    expect(hasNote(ni, 'treated as established in XI for goods')).toBe(true);
    expect(hasNote(ni, 'Export from')).toBe(false);
  });

  it('Great Britain to Northern Ireland is a UK domestic supply, not an export', () => {
    const q = quote(req({ from: 'GB', to: 'GB', toPostal: 'BT1 1AA', currency: 'GBP', lines: [{ amount: '10.00' }] }));
    expect(q).toMatchObject({ scheme: 'domestic', jurisdiction: 'XI', totalTax: { amountMinor: 200 } });
    expect(hasNote(q, 'Goods moved from Great Britain to Northern Ireland: a UK domestic supply for VAT')).toBe(true);
    expect(hasNote(q, 'Export from')).toBe(false);
  });

  it('a XI VAT number qualifies for the intra-EU reverse charge', () => {
    const q = quote(req({ from: 'DE', to: 'GB', toPostal: 'BT1 1AA', currency: 'EUR', lines: [{ amount: '100.00' }], buyer: { isBusiness: true, vatNumber: 'XI220430231' } }));
    expect(q).toMatchObject({ scheme: 'reverse-charge', collectedBy: 'buyer', jurisdiction: 'XI', totalTax: { amountMinor: 0 } });
  });
});
