import { describe, expect, it } from 'vitest';
import { hasNote, lineSummary, quote, req } from './helpers.js';

const UK_REGISTERED = { registrations: { GB: 'GB999999973' } };

describe('United Kingdom: seller-collected VAT up to GBP 135, import VAT above', () => {
  it('exactly GBP 135.00: UK VAT 20% charged by the seller at the sale', () => {
    const q = quote(req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '135.00' }], seller: UK_REGISTERED }));
    expect(q).toMatchObject({ scheme: 'uk-low-value', collectedBy: 'seller', jurisdiction: 'GB', totalTax: { amountMinor: 2700, currency: 'GBP' } });
    expect(lineSummary(q)).toEqual([['l1', 'GB', '20', 2700, 'GB/vat/standard-20@2011-01-04']]);
    expect(hasNote(q, 'Consignment intrinsic value 135.00 GBP ≤ GBP 135 (GB-LOW-VALUE@2021-01-01): UK VAT is charged at the point of sale')).toBe(true);
    expect(hasNote(q, 'Rule GB-LOW-VALUE@2021-01-01')).toBe(true);
  });

  it('GBP 135.01: import VAT at the border', () => {
    const q = quote(req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '135.01' }], seller: UK_REGISTERED }));
    // 135.01 × 20% = 27.002 → 27.00
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 2700 } });
    expect(hasNote(q, 'Rule GB-IMPORT@2021-01-01')).toBe(true);
  });

  it('converts EUR prices into GBP for the threshold (163.32 EUR = 135.00 GBP, 163.34 EUR = 135.02 GBP)', () => {
    const under = quote(req({ from: 'DE', to: 'GB', currency: 'EUR', lines: [{ amount: '163.32' }], seller: UK_REGISTERED }));
    expect(under.scheme).toBe('uk-low-value');
    expect(under.conversions[0]).toMatchObject({ amount: { amountMinor: 13500, currency: 'GBP' }, method: 'direct', rate: '0.8266000000' });
    expect(under.totalTax).toEqual({ amountMinor: 3266, currency: 'EUR' }); // 163.32 × 20% = 32.664 → 32.66
    expect(hasNote(under, 'Export from DE: zero-rated there')).toBe(true);
    expect(quote(req({ from: 'DE', to: 'GB', currency: 'EUR', lines: [{ amount: '163.34' }], seller: UK_REGISTERED })).scheme).toBe('import');
  });

  it('marketplace is the deemed supplier', () => {
    const q = quote(req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '20.00' }], seller: { viaMarketplace: true } }));
    expect(q).toMatchObject({ scheme: 'uk-low-value', collectedBy: 'marketplace', totalTax: { amountMinor: 400 } });
  });

  it('zero-rated goods (children\'s clothing) carry no VAT, with the zero-rate rule named', () => {
    const q = quote(req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '50.00', category: 'childrens-clothing' }], seller: UK_REGISTERED }));
    expect(lineSummary(q)).toEqual([['l1', 'GB', '0', 0, 'GB/vat/zero-0-food@2021-07-01']]);
  });

  it('UK business buyer with a valid GB VAT number: reverse charge; a bad number: seller charges and says why', () => {
    const rc = quote(req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '100.00' }], buyer: { isBusiness: true, vatNumber: 'GB 220 4302 31' } }));
    expect(rc).toMatchObject({ scheme: 'reverse-charge', collectedBy: 'buyer', totalTax: { amountMinor: 0 } });
    expect(lineSummary(rc)).toEqual([['l1', 'GB', '0', 0, 'GB-LOW-VALUE-B2B@2021-01-01']]);

    const bad = quote(req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '100.00' }], buyer: { isBusiness: true, vatNumber: 'GB12345' } }));
    expect(bad).toMatchObject({ scheme: 'uk-low-value', collectedBy: 'seller', totalTax: { amountMinor: 2000 } });
    expect(hasNote(bad, 'No reverse charge: VAT number "GB12345" is badly formatted')).toBe(true);
    expect(hasNote(bad, 'The seller holds no UK VAT registration in its profile')).toBe(true);
  });

  it('UK: a GB number whose check digits fail is refused; VIES does not cover GB, so charge-vat for unconfirmed numbers leaves GB numbers alone', () => {
    const buyer = (vatNumber: string) => req({ from: 'CN', to: 'GB', currency: 'GBP', lines: [{ amount: '100.00' }], buyer: { isBusiness: true, vatNumber } });
    const bad = quote(buyer('GB 220 4302 32'));
    expect(bad).toMatchObject({ scheme: 'uk-low-value', collectedBy: 'seller' });
    expect(hasNote(bad, 'No reverse charge: VAT number GB220430232 is invalid: check digits fail')).toBe(true);
    const rc = quote(buyer('GB220430231'), { unconfirmedVatNumbers: 'charge-vat' });
    expect(rc.scheme).toBe('reverse-charge');
    expect(hasNote(rc, "VAT number GB220430231: format and check digits valid for GB, no live check configured: the buyer's business status rests on an unverified number")).toBe(true);
  });

  it('domestic GB sale and NI → GB movement are UK domestic supplies', () => {
    expect(quote(req({ from: 'GB', to: 'GB', currency: 'GBP', lines: [{ amount: '10.00', category: 'reduced' }] }))).toMatchObject({
      scheme: 'domestic',
      totalTax: { amountMinor: 50 },
    });
  });
});

describe('Norway: VOEC below NOK 3,000 per item', () => {
  const VOEC = { registrations: { NO: 'VOEC-2020-0001' } };

  it('item of NOK 2,999.99: VOEC, 25% charged by the seller', () => {
    const q = quote(req({ from: 'CN', to: 'NO', currency: 'NOK', lines: [{ amount: '2999.99' }], seller: VOEC }));
    // 2999.99 × 25% = 749.9975 → 750.00
    expect(q).toMatchObject({ scheme: 'voec', collectedBy: 'seller', jurisdiction: 'NO', totalTax: { amountMinor: 75000, currency: 'NOK' } });
    expect(lineSummary(q)).toEqual([['l1', 'NO', '25', 75000, 'NO/vat/standard-25@2005-01-01']]);
    expect(hasNote(q, 'Line l1: item value 2999.99 NOK < NOK 3000 (NO-VOEC@2020-04-01): tax charged at the sale')).toBe(true);
  });

  it('item of exactly NOK 3,000.00: VAT at import', () => {
    const q = quote(req({ from: 'CN', to: 'NO', currency: 'NOK', lines: [{ amount: '3000.00' }], seller: VOEC }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 75000 } });
    expect(hasNote(q, 'Rule NO-IMPORT@2020-04-01')).toBe(true);
  });

  it('the threshold is per item: 2 × NOK 2,999.99 stays in VOEC', () => {
    const q = quote(req({ from: 'CN', to: 'NO', currency: 'NOK', lines: [{ amount: '5999.98', quantity: 2 }], seller: VOEC }));
    expect(q.scheme).toBe('voec');
    expect(hasNote(q, 'Line l1: item value 2999.99 NOK (5999.98 NOK / 2)')).toBe(true);
  });

  it('food at 15% through a marketplace', () => {
    const q = quote(req({ from: 'SE', to: 'NO', currency: 'NOK', lines: [{ amount: '1000.00', category: 'food' }], seller: { viaMarketplace: true } }));
    expect(q).toMatchObject({ scheme: 'voec', collectedBy: 'marketplace' });
    expect(lineSummary(q)).toEqual([['l1', 'NO', '15', 15000, 'NO/vat/reduced-15@2012-01-01']]);
  });

  it('mixed consignment: one item under, one over', () => {
    const q = quote(req({ from: 'CN', to: 'NO', currency: 'NOK', lines: [{ amount: '1000.00' }, { amount: '3500.00' }], seller: VOEC }));
    expect(q).toMatchObject({ scheme: 'voec+import', collectedBy: 'seller', totalTax: { amountMinor: 112500 } });
    expect(hasNote(q, 'Mixed consignment')).toBe(true);
  });

  it('seller not VOEC-registered: VAT at import; EUR prices converted per item', () => {
    const q = quote(req({ from: 'DE', to: 'NO', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 2500, currency: 'EUR' } });
    expect(q.conversions[0]).toMatchObject({ amount: { amountMinor: 117000, currency: 'NOK' } });
    expect(hasNote(q, 'Seller is not VOEC-registered')).toBe(true);
  });
});

describe('Switzerland: import VAT at customs, CHF 5 minimum, rate change on 2024-01-01', () => {
  it.each([
    ['2023-12-31', 'standard', '100.00', 770, '7.7', 'CH/vat/standard-7.7@2018-01-01'],
    ['2024-01-01', 'standard', '100.00', 810, '8.1', 'CH/vat/standard-8.1@2024-01-01'],
    ['2023-12-31', 'food', '300.00', 750, '2.5', 'CH/vat/reduced-2.5@2018-01-01'],
    ['2024-01-01', 'food', '300.00', 780, '2.6', 'CH/vat/reduced-2.6@2024-01-01'],
  ])('%s %s CHF %s: import VAT %i centimes at %s%% (%s)', (date, category, amount, tax, rate, id) => {
    const q = quote(req({ date, from: 'DE', to: 'CH', currency: 'CHF', lines: [{ amount, category }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'CH' });
    expect(lineSummary(q)).toEqual([['l1', 'CH', rate, tax, id]]);
    expect(hasNote(q, 'Rule CH-IMPORT@2018-01-01')).toBe(true);
  });

  it('CHF 62.00 at 8.1% = 5.02 (5.00 rounded to 5 centimes): not collected; CHF 62.50 = 5.06: collected', () => {
    const small = quote(req({ date: '2024-01-01', from: 'DE', to: 'CH', currency: 'CHF', lines: [{ amount: '62.00' }] }));
    expect(small).toMatchObject({ scheme: 'import-small-amount', collectedBy: 'none', totalTax: { amountMinor: 0, currency: 'CHF' } });
    expect(lineSummary(small)).toEqual([['l1', 'CH', '0', 0, 'CH-SMALL-AMOUNT@2018-01-01']]);
    expect(hasNote(small, 'Import VAT 5.00 CHF (rounded to 5 centimes) ≤ CHF 5 (CH-SMALL-AMOUNT@2018-01-01): not collected')).toBe(true);
    expect(small.lines[0]!.explanation).toBe('Import VAT 8.1% would be 5.02 CHF on 62.00 CHF; not collected under CH-SMALL-AMOUNT@2018-01-01');
    expect(hasNote(small, 'Rule CH-MAIL-ORDER@2019-01-01')).toBe(true);

    const collected = quote(req({ date: '2024-01-01', from: 'DE', to: 'CH', currency: 'CHF', lines: [{ amount: '62.50' }] }));
    expect(collected).toMatchObject({ scheme: 'import', collectedBy: 'customs', totalTax: { amountMinor: 506 } });
  });

  it('CHF 65.00: 5.01 at 7.7% on 2023-12-31 is not collected, 5.265 → 5.26 (half-even) at 8.1% on 2024-01-01 is', () => {
    expect(quote(req({ date: '2023-12-31', from: 'DE', to: 'CH', currency: 'CHF', lines: [{ amount: '65.00' }] })).collectedBy).toBe('none');
    const q = quote(req({ date: '2024-01-01', from: 'DE', to: 'CH', currency: 'CHF', lines: [{ amount: '65.00' }] }));
    expect(q).toMatchObject({ collectedBy: 'customs', totalTax: { amountMinor: 526 } });
  });

  it('seller registered for Swiss VAT (mail-order rule) charges at the sale; platforms from 2025-01-01', () => {
    const reg = quote(req({ from: 'DE', to: 'CH', currency: 'CHF', lines: [{ amount: '20.00' }], seller: { registrations: { CH: 'CHE-123.456.789 MWST' } } }));
    expect(reg).toMatchObject({ scheme: 'ch-mail-order', collectedBy: 'seller', totalTax: { amountMinor: 162 } });

    const before = quote(req({ date: '2024-12-31', from: 'CN', to: 'CH', currency: 'CHF', lines: [{ amount: '200.00' }], seller: { viaMarketplace: true } }));
    expect(before).toMatchObject({ scheme: 'import', collectedBy: 'customs' });
    const after = quote(req({ date: '2025-01-01', from: 'CN', to: 'CH', currency: 'CHF', lines: [{ amount: '200.00' }], seller: { viaMarketplace: true } }));
    expect(after).toMatchObject({ scheme: 'ch-platform', collectedBy: 'marketplace', totalTax: { amountMinor: 1620 } });
    expect(hasNote(after, 'Rule CH-PLATFORM@2025-01-01')).toBe(true);
  });

  it('Liechtenstein is in the Swiss VAT area', () => {
    const q = quote(req({ date: '2024-01-01', from: 'DE', to: 'LI', currency: 'CHF', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ jurisdiction: 'CH', totalTax: { amountMinor: 810 } });
  });
});
