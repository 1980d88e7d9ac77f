/**
 * Special fiscal territories (VAT Directive art. 6 and 7) and regional rates (Madeira, the
 * Azores, French overseas departments): the territory is decided from country + postcode
 * (+ city where a postcode is shared) on the quote date.
 */
import { describe, expect, it } from 'vitest';
import { normalisePostcode, SPECIAL_TERRITORIES, territoryOn } from '../../../engines/tax/data/special-territories.js';
import { salesTaxComponents, schemeRule, VAT_RATE_TABLE } from '../../../engines/tax/index.js';
import type { TaxQuoteRequest } from '../../../mappings/canonical/tax.js';
import { hasNote, lineSummary, quote, req } from './helpers.js';

type Spec = Parameters<typeof req>[0] & { fromPostal?: string; toCity?: string; fromCountry?: string };

/** req() with a ship-from postcode and a ship-to city. */
function request(spec: Spec): TaxQuoteRequest {
  const r = req(spec);
  return {
    ...r,
    shipFrom: { ...r.shipFrom, ...(spec.fromPostal ? { postalCode: spec.fromPostal } : {}) },
    shipTo: { ...r.shipTo, ...(spec.toCity ? { city: spec.toCity } : {}) },
  };
}

const at = (country: string, postalCode: string, extra: { city?: string; region?: string } = {}) => ({ country, postalCode, ...extra });

describe('normalisePostcode', () => {
  it.each([
    ['PT 9000-018', '9000018'],
    ['D-78266', '78266'],
    ['630 86', '63086'],
    ['FI-22100', '22100'],
    ['AX-22100', '22100'],
    ['I-22061', '22061'],
    [' 27498 ', '27498'],
    [undefined, ''],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePostcode(raw)).toBe(expected);
  });
});

describe('territoryOn: country + postcode (+ city) on a date', () => {
  const DAY = '2025-03-03';
  it.each([
    [at('GR', '630 86'), 'GR-69'],
    [at('GR', '63087'), 'GR-69'],
    [at('ES', '35001'), 'ES-CN'],
    [at('ES', '38001'), 'ES-CN'],
    [at('ES', '51001'), 'ES-CE'],
    [at('ES', '52001'), 'ES-ML'],
    [at('FR', '97110'), 'FR-971'],
    [at('FR', '97200'), 'FR-972'],
    [at('FR', '97300'), 'FR-973'],
    [at('FR', '97400'), 'FR-974'],
    [at('FR', '97600'), 'FR-976'],
    [at('FR', '97150'), 'FR-MF'],
    [at('FR', '97133'), 'FR-BL'],
    [at('FR', '97500'), 'FR-PM'],
    [at('FI', 'FI-22100'), 'FI-01'],
    [at('AX', '22100'), 'FI-01'],
    [at('GP', '97110'), 'FR-971'],
    [at('IT', 'I-22061'), 'IT-CAMPIONE'],
    [at('IT', '23041'), 'IT-LIVIGNO'],
    [at('IT', '23030', { city: 'Livigno' }), 'IT-LIVIGNO'],
    [at('IT', '23030', { city: 'Trepalle (Livigno)' }), 'IT-LIVIGNO'],
    [at('DE', '27498'), 'DE-HELGOLAND'],
    [at('DE', 'D-78266'), 'DE-BUESINGEN'],
    [at('PT', 'PT 9000-018'), 'PT-30'],
    [at('PT', '9400-161'), 'PT-30'],
    [at('PT', '9500-150'), 'PT-20'],
    [at('PT', '9999'), 'PT-20'],
  ])('%o → %s', (address, id) => {
    expect(territoryOn(address, DAY)?.id).toBe(id);
  });

  it.each([
    at('DE', '27499'),
    at('DE', '78267'),
    at('DE', '78262'),
    at('IT', '22060'),
    at('IT', '22062'),
    at('IT', '23030', { city: 'Valdidentro' }),
    at('IT', '23030'),
    at('PT', '8999-999'),
    at('PT', '1000-001'),
    at('ES', '28001'),
    at('ES', '53001'),
    at('FR', '97700'),
    at('FR', '20000'),
    at('FI', '00100'),
    at('FI', '23100'),
    at('GR', '63085'),
    at('GR', '63088'),
    at('DE', ''),
  ])('%o stays on the mainland', (address) => {
    expect(territoryOn(address, DAY)).toBeUndefined();
  });

  it("Campione d'Italia: Swiss customs and VAT area until 2019-12-31, outside both VAT areas with the ILCCI from 2020-01-01", () => {
    const before = territoryOn(at('IT', '22061'), '2019-12-31');
    expect(before).toMatchObject({ id: 'IT-CAMPIONE', status: 'vat-area', vatArea: 'CH', effectiveTo: '2019-12-31' });
    const after = territoryOn(at('IT', '22061'), '2020-01-01');
    expect(after).toMatchObject({ id: 'IT-CAMPIONE', status: 'outside-eu-vat', effectiveFrom: '2020-01-01' });
    expect(after?.localTax).toMatchObject({ kind: 'rates', tax: 'ILCCI', country: 'IT', subdivision: 'CAMPIONE' });
  });

  it('Mayotte is an outermost region from 2014-01-01', () => {
    expect(territoryOn(at('FR', '97600'), '2013-12-31')).toBeUndefined();
    expect(territoryOn(at('FR', '97600'), '2014-01-01')?.id).toBe('FR-976');
  });

  it('every rule names its source and description, with well-ordered dates', () => {
    for (const t of SPECIAL_TERRITORIES) {
      expect(t.source.length, t.id).toBeGreaterThan(10);
      expect(t.description.length, t.id).toBeGreaterThan(10);
      if (t.effectiveTo) expect(t.effectiveTo > t.effectiveFrom).toBe(true);
      if (t.status === 'outside-eu-vat') expect(t.localTax, t.id).toBeDefined();
      if (t.status === 'vat-area') expect(t.vatArea, t.id).toBeDefined();
      if (t.status === 'regional-rates') expect(VAT_RATE_TABLE.some((r) => r.country === t.country && r.subdivision === t.subdivision)).toBe(true);
    }
  });

  it('the scheme rules the territories use are in force from the coverage start', () => {
    for (const key of ['TERRITORY-EXPORT', 'TERRITORY-IMPORT', 'TERRITORY-NO-TAX', 'TERRITORY-DOMESTIC', 'PT-REGIONAL-PLACE']) {
      expect(schemeRule(key, '2021-07-01'), key).toBeDefined();
    }
  });
});

describe('regional rate rows replace the national ones', () => {
  const rate = (country: string, category: Parameters<typeof salesTaxComponents>[1], date: string, sub?: string) =>
    salesTaxComponents(country, category, date, sub)?.map((c) => [c.jurisdiction, c.ratePercent, c.rule.id]);

  it('Madeira: 22% standard, reduced 5% until 2024-09-30 and 4% from 2024-10-01', () => {
    expect(rate('PT', 'standard', '2024-09-30', '30')).toEqual([['PT-30', '22', 'PT-30/vat/standard-22@2012-04-01']]);
    expect(rate('PT', 'food', '2024-09-30', '30')).toEqual([['PT-30', '5', 'PT-30/vat/reduced-5@2012-04-01']]);
    expect(rate('PT', 'food', '2024-10-01', 'PT-30')).toEqual([['PT-30', '4', 'PT-30/vat/reduced-4@2024-10-01']]);
    expect(rate('PT', 'books', '2024-10-01', '30')).toEqual([['PT-30', '4', 'PT-30/vat/reduced-4@2024-10-01']]);
    // A category without its own row takes Madeira's standard rate, not the mainland's.
    expect(rate('PT', 'childrens-clothing', '2025-01-01', '30')).toEqual([['PT-30', '22', 'PT-30/vat/standard-22@2012-04-01']]);
    expect(rate('PT', 'standard', '2025-01-01')).toEqual([['PT', '23', 'PT/vat/standard-23@2011-01-01']]);
  });

  it('Azores: 18% until 2021-06-30 (before the engine quotes), 16% from 2021-07-01', () => {
    const row = VAT_RATE_TABLE.find((r) => r.subdivision === '20' && r.ratePercent === '18');
    expect(row).toMatchObject({ effectiveFrom: '2014-01-01', effectiveTo: '2021-06-30' });
    expect(rate('PT', 'standard', '2021-07-01', '20')).toEqual([['PT-20', '16', 'PT-20/vat/standard-16@2021-07-01']]);
    expect(rate('PT', 'food', '2021-07-01', '20')).toEqual([['PT-20', '4', 'PT-20/vat/reduced-4@2021-07-01']]);
    // Before the coverage start no rate is given (the EC table rows of Portugal start then).
    expect(rate('PT', 'standard', '2021-06-30', '20')).toBeUndefined();
  });

  it('Guadeloupe, Martinique, La Réunion: 8.5% / 2.1% / 1.05%', () => {
    expect(rate('FR', 'standard', '2025-01-01', '971')).toEqual([['FR-971', '8.5', 'FR-971/vat/standard-8.5@2021-07-01']]);
    expect(rate('FR', 'food', '2025-01-01', '972')).toEqual([['FR-972', '2.1', 'FR-972/vat/reduced-2.1@2021-07-01']]);
    expect(rate('FR', 'pharmaceuticals', '2025-01-01', '974')).toEqual([['FR-974', '1.05', 'FR-974/vat/particular-1.05-super-reduced@2021-07-01']]);
  });
});

describe('quotes: Madeira and the Azores (regional rates inside the EU VAT territory)', () => {
  it('German seller over the threshold to Madeira (OSS): Madeira 22%, reduced 5% → 4% on 2024-10-01', () => {
    const base = { from: 'DE', to: 'PT', toPostal: 'PT 9000-018', currency: 'EUR', seller: { ossNumber: 'EU276000001' } };
    const q = quote(request({ ...base, date: '2024-09-30', lines: [{ amount: '100.00' }, { amount: '50.00', category: 'food' }] }));
    expect(q).toMatchObject({ scheme: 'oss', collectedBy: 'seller', jurisdiction: 'PT-30' });
    expect(lineSummary(q)).toEqual([
      ['l1', 'PT-30', '22', 2200, 'PT-30/vat/standard-22@2012-04-01'],
      ['l2', 'PT-30', '5', 250, 'PT-30/vat/reduced-5@2012-04-01'],
    ]);
    expect(hasNote(q, 'Ship-to Madeira')).toBe(true);
    const q2 = quote(request({ ...base, date: '2024-10-01', lines: [{ amount: '100.00' }, { amount: '50.00', category: 'food' }] }));
    expect(lineSummary(q2)).toEqual([
      ['l1', 'PT-30', '22', 2200, 'PT-30/vat/standard-22@2012-04-01'],
      ['l2', 'PT-30', '4', 200, 'PT-30/vat/reduced-4@2024-10-01'],
    ]);
  });

  it('prices including VAT: 122.00 to Madeira holds 22.00 VAT', () => {
    const q = quote(request({ from: 'FR', to: 'PT', toPostal: '9050-100', currency: 'EUR', pricesIncludeTax: true, seller: { ossNumber: 'EU250000001' }, lines: [{ amount: '122.00' }] }));
    expect(lineSummary(q)).toEqual([['l1', 'PT-30', '22', 2200, 'PT-30/vat/standard-22@2012-04-01']]);
  });

  it('Azores (postcode 9500) from a non-EU seller with IOSS: Azores 16%', () => {
    const q = quote(request({ from: 'CN', to: 'PT', toPostal: '9500-150', currency: 'EUR', seller: { iossNumber: 'IM6200000001' }, lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'ioss', jurisdiction: 'PT-20' });
    expect(lineSummary(q)).toEqual([['l1', 'PT-20', '16', 1600, 'PT-20/vat/standard-16@2021-07-01']]);
  });

  it('B2B from Germany to Madeira with a Portuguese VAT number: reverse charge, no rate', () => {
    const q = quote(request({ from: 'DE', to: 'PT', toPostal: '9000-018', currency: 'EUR', buyer: { isBusiness: true, vatNumber: 'PT501964843' }, lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'reverse-charge', collectedBy: 'buyer', jurisdiction: 'PT-30', totalTax: { amountMinor: 0 } });
  });

  it('within Madeira: domestic at Madeira rates', () => {
    const q = quote(request({ from: 'PT', fromPostal: '9000-018', to: 'PT', toPostal: '9020-105', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'domestic', jurisdiction: 'PT-30' });
    expect(lineSummary(q)).toEqual([['l1', 'PT-30', '22', 2200, 'PT-30/vat/standard-22@2012-04-01']]);
  });

  it('mainland Portugal → Madeira: located where the transport starts, mainland 23% (DL 347/85 art. 1(3), CIVA art. 6(1))', () => {
    const q = quote(request({ from: 'PT', fromPostal: '1000-001', to: 'PT', toPostal: '9000-018', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'domestic', jurisdiction: 'PT' });
    expect(lineSummary(q)).toEqual([['l1', 'PT', '23', 2300, 'PT/vat/standard-23@2011-01-01']]);
    expect(hasNote(q, 'Rule PT-REGIONAL-PLACE@2021-07-01')).toBe(true);
  });

  it('Madeira → mainland Portugal: Madeira rates', () => {
    const q = quote(request({ from: 'PT', fromPostal: '9000-018', to: 'PT', toPostal: '4000-001', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(lineSummary(q)).toEqual([['l1', 'PT-30', '22', 2200, 'PT-30/vat/standard-22@2012-04-01']]);
  });

  it('mainland postcodes near the islands stay mainland (8999-999)', () => {
    const q = quote(request({ from: 'DE', to: 'PT', toPostal: '8999-999', currency: 'EUR', seller: { ossNumber: 'EU276000001' }, lines: [{ amount: '100.00' }] }));
    expect(lineSummary(q)).toEqual([['l1', 'PT', '23', 2300, 'PT/vat/standard-23@2011-01-01']]);
  });
});

describe('quotes: territories outside the EU VAT territory', () => {
  it('Heligoland (27498): export from Germany, no tax; 27499 stays German 19%', () => {
    for (const buyer of [{ isBusiness: false }, { isBusiness: true, vatNumber: 'DE136695976' }]) {
      const q = quote(request({ from: 'DE', to: 'DE', toPostal: '27498', currency: 'EUR', buyer, lines: [{ amount: '100.00' }] }));
      expect(q).toMatchObject({ scheme: 'export', collectedBy: 'none', jurisdiction: 'DE-HELGOLAND', totalTax: { amountMinor: 0 } });
      expect(lineSummary(q)).toEqual([['l1', 'DE-HELGOLAND', '0', 0, 'TERRITORY-NO-TAX@2021-07-01']]);
      expect(hasNote(q, 'Rule TERRITORY-EXPORT@2021-07-01')).toBe(true);
      expect(q.unavailable).toBeUndefined();
    }
    const mainland = quote(request({ from: 'DE', to: 'DE', toPostal: '27499', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(lineSummary(mainland)).toEqual([['l1', 'DE', '19', 1900, 'DE/vat/standard-19@2021-01-01']]);
  });

  it('Büsingen (D-78266): Swiss VAT area, import into Switzerland at 7.7% then 8.1%', () => {
    const before = quote(request({ date: '2023-12-29', from: 'DE', to: 'DE', toPostal: 'D-78266', currency: 'EUR', lines: [{ amount: '200.00' }] }));
    expect(before).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'CH' });
    expect(lineSummary(before)).toEqual([['l1', 'CH', '7.7', 1540, 'CH/vat/standard-7.7@2018-01-01']]);
    expect(hasNote(before, 'Ship-to Büsingen am Hochrhein')).toBe(true);
    const after = quote(request({ date: '2024-01-02', from: 'FR', to: 'DE', toPostal: '78266', currency: 'EUR', lines: [{ amount: '200.00' }] }));
    expect(lineSummary(after)).toEqual([['l1', 'CH', '8.1', 1620, 'CH/vat/standard-8.1@2024-01-01']]);
  });

  it('Büsingen small amount: import VAT of CHF 5 or less is not collected', () => {
    const q = quote(request({ date: '2025-03-03', from: 'DE', to: 'DE', toPostal: '78266', currency: 'EUR', lines: [{ amount: '20.00' }] }));
    expect(q).toMatchObject({ scheme: 'import-small-amount', collectedBy: 'none', jurisdiction: 'CH' });
  });

  it('Büsingen → mainland Germany: an import into the EU (IOSS up to EUR 150)', () => {
    const q = quote(request({ from: 'DE', fromPostal: '78266', to: 'DE', toPostal: '10115', currency: 'EUR', seller: { country: 'CH', iossNumber: 'IM2760000001' }, lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'ioss', jurisdiction: 'DE' });
    expect(lineSummary(q)).toEqual([['l1', 'DE', '19', 1900, 'DE/vat/standard-19@2021-01-01']]);
  });

  it('Livigno (23041, or 23030 with the city): export, no tax; 23030 elsewhere is mainland 22%', () => {
    const q = quote(request({ from: 'IT', to: 'IT', toPostal: '23041', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'export', jurisdiction: 'IT-LIVIGNO', totalTax: { amountMinor: 0 } });
    const shared = quote(request({ from: 'DE', to: 'IT', toPostal: '23030', toCity: 'Livigno', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(shared).toMatchObject({ scheme: 'export', jurisdiction: 'IT-LIVIGNO' });
    const valdidentro = quote(request({ from: 'IT', to: 'IT', toPostal: '23030', toCity: 'Valdidentro', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(lineSummary(valdidentro)).toEqual([['l1', 'IT', '22', 2200, 'IT/vat/standard-22@2013-10-01']]);
  });

  it('Mount Athos (630 86): export from Greece, no tax; 630 85 stays Greek 24%', () => {
    const q = quote(request({ from: 'GR', to: 'GR', toPostal: '630 86', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'export', jurisdiction: 'GR-69', totalTax: { amountMinor: 0 } });
    const mainland = quote(request({ from: 'GR', to: 'GR', toPostal: '630 85', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(mainland.lines[0]!.ratePercent).toBe('24');
  });

  it('French Guiana and Mayotte: export, no VAT', () => {
    for (const [postal, id] of [['97300', 'FR-973'], ['97600', 'FR-976']] as const) {
      const q = quote(request({ from: 'FR', to: 'FR', toPostal: postal, currency: 'EUR', lines: [{ amount: '100.00' }] }));
      expect(q).toMatchObject({ scheme: 'export', collectedBy: 'none', jurisdiction: id, totalTax: { amountMinor: 0 } });
    }
  });

  it('Guadeloupe: export from mainland France, DOM VAT 8.5% / 2.1% at import, never 20%', () => {
    const q = quote(request({ from: 'FR', to: 'FR', toPostal: '97110', currency: 'EUR', lines: [{ amount: '100.00' }, { amount: '10.00', category: 'food' }], shipping: '10.00' }));
    expect(q).toMatchObject({ scheme: 'territory-import', collectedBy: 'customs', jurisdiction: 'FR-971' });
    expect(lineSummary(q)).toEqual([
      ['l1', 'FR-971', '8.5', 850, 'FR-971/vat/standard-8.5@2021-07-01'],
      ['l2', 'FR-971', '2.1', 21, 'FR-971/vat/reduced-2.1@2021-07-01'],
      ['shipping', 'FR-971', '8.5', 85, 'FR-971/vat/standard-8.5@2021-07-01'],
    ]);
    expect(hasNote(q, 'Export from FR to Guadeloupe (FR-971)')).toBe(true);
  });

  it('La Réunion given as country RE, prices including VAT, from a US seller', () => {
    const q = quote(request({ from: 'US', to: 'RE', toPostal: '97400', currency: 'EUR', pricesIncludeTax: true, lines: [{ amount: '108.50' }] }));
    expect(q).toMatchObject({ scheme: 'territory-import', jurisdiction: 'FR-974' });
    expect(lineSummary(q)).toEqual([['l1', 'FR-974', '8.5', 850, 'FR-974/vat/standard-8.5@2021-07-01']]);
  });

  it('within Martinique: domestic DOM VAT charged by the seller', () => {
    const q = quote(request({ from: 'FR', fromPostal: '97200', to: 'FR', toPostal: '97220', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'territory-domestic', collectedBy: 'seller', jurisdiction: 'FR-972' });
    expect(q.totalTax.amountMinor).toBe(850);
  });

  it('Åland (FI-22100 or AX): export from Germany, Finnish VAT at import 24% → 25.5% on 2024-09-01', () => {
    const before = quote(request({ date: '2024-08-31', from: 'DE', to: 'FI', toPostal: 'FI-22100', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(before).toMatchObject({ scheme: 'territory-import', collectedBy: 'customs', jurisdiction: 'FI-01' });
    expect(lineSummary(before)).toEqual([['l1', 'FI', '24', 2400, 'FI/vat/standard-24@2013-01-01']]);
    const after = quote(request({ date: '2024-09-01', from: 'DE', to: 'AX', toPostal: '22100', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(after.lines[0]!.ratePercent).toBe('25.5');
  });

  it('Canary Islands, Ceuta, Melilla: export, the local tax named but not quoted, never 21%', () => {
    for (const [postal, id, tax] of [['38001', 'ES-CN', 'IGIC'], ['51001', 'ES-CE', 'IPSI'], ['52001', 'ES-ML', 'IPSI']] as const) {
      const q = quote(request({ from: 'ES', to: 'ES', toPostal: postal, currency: 'EUR', lines: [{ amount: '100.00' }] }));
      expect(q).toMatchObject({ scheme: 'export', collectedBy: 'customs', jurisdiction: id, lines: [] });
      expect(q.unavailable).toContain(tax);
      expect(q.unavailable).toContain('ES VAT: zero-rated export');
    }
  });

  it("Campione d'Italia: export from Italy, ILCCI at the Swiss rates 7.7% → 8.1% on 2024-01-01, never 22%", () => {
    const before = quote(request({ date: '2023-12-29', from: 'IT', to: 'IT', toPostal: '22061', currency: 'EUR', lines: [{ amount: '100.00' }, { amount: '10.00', category: 'food' }] }));
    expect(before).toMatchObject({ scheme: 'territory-import', collectedBy: 'customs', jurisdiction: 'IT-CAMPIONE' });
    expect(lineSummary(before)).toEqual([
      ['l1', 'IT-CAMPIONE', '7.7', 770, 'IT-CAMPIONE/ilcci/standard-7.7@2020-01-01'],
      ['l2', 'IT-CAMPIONE', '2.5', 25, 'IT-CAMPIONE/ilcci/reduced-2.5@2020-01-01'],
    ]);
    expect(hasNote(before, 'Export from IT to Campione')).toBe(true);
    const after = quote(request({ date: '2024-01-02', from: 'DE', to: 'IT', toPostal: 'I-22061', currency: 'EUR', lines: [{ amount: '100.00' }, { amount: '10.00', category: 'food' }] }));
    expect(lineSummary(after)).toEqual([
      ['l1', 'IT-CAMPIONE', '8.1', 810, 'IT-CAMPIONE/ilcci/standard-8.1@2024-01-01'],
      ['l2', 'IT-CAMPIONE', '2.6', 26, 'IT-CAMPIONE/ilcci/reduced-2.6@2024-01-01'],
    ]);
    const mainland = quote(request({ from: 'IT', to: 'IT', toPostal: '22060', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(mainland.lines[0]!.ratePercent).toBe('22');
  });

  it("Campione d'Italia: a business importer pays no ILCCI", () => {
    const q = quote(request({ from: 'IT', to: 'IT', toPostal: '22061', currency: 'EUR', buyer: { isBusiness: true, vatNumber: 'IT00743110157' }, lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'export', collectedBy: 'none', jurisdiction: 'IT-CAMPIONE', totalTax: { amountMinor: 0 } });
    expect(hasNote(q, 'the ILCCI taxes final consumption only')).toBe(true);
  });

  it("Campione d'Italia from Switzerland: ILCCI of EUR 5 or less is not collected, above it is", () => {
    const small = quote(request({ from: 'CH', to: 'IT', toPostal: '22061', currency: 'EUR', lines: [{ amount: '61.00' }] }));
    // 61.00 × 8.1% = 4.941 → 4.94 ≤ EUR 5
    expect(small).toMatchObject({ scheme: 'import-small-amount', collectedBy: 'none', jurisdiction: 'IT-CAMPIONE', totalTax: { amountMinor: 0 } });
    expect(hasNote(small, 'IT-CAMPIONE-ILCCI-MINIMUM@2021-02-10')).toBe(true);
    const large = quote(request({ from: 'CH', to: 'IT', toPostal: '22061', currency: 'EUR', lines: [{ amount: '62.00' }] }));
    // 62.00 × 8.1% = 5.022 → 5.02 > EUR 5
    expect(large).toMatchObject({ scheme: 'territory-import', collectedBy: 'customs', totalTax: { amountMinor: 502 } });
  });

  it('addresses without a postcode are placed by their region', () => {
    expect(territoryOn({ country: 'PT', region: 'Madeira' }, '2025-01-01')?.id).toBe('PT-30');
    expect(territoryOn({ country: 'PT', region: 'PT-20' }, '2025-01-01')?.id).toBe('PT-20');
    expect(territoryOn({ country: 'ES', region: 'Canarias' }, '2025-01-01')?.id).toBe('ES-CN');
    expect(territoryOn({ country: 'FI', region: 'Åland' }, '2025-01-01')?.id).toBe('FI-01');
    expect(territoryOn({ country: 'PT', region: 'Lisboa' }, '2025-01-01')).toBeUndefined();
    // A postcode decides over the region.
    expect(territoryOn({ country: 'PT', region: 'Madeira', postalCode: '1000-001' }, '2025-01-01')).toBeUndefined();
    const q = quote(request({ from: 'DE', to: 'PT', toRegion: 'Açores', currency: 'EUR', seller: { ossNumber: 'EU276000001' }, lines: [{ amount: '100.00' }] }));
    expect(lineSummary(q)).toEqual([['l1', 'PT-20', '16', 1600, 'PT-20/vat/standard-16@2021-07-01']]);
  });

  it('from a non-EU seller to the Canaries: a territory import, no IOSS', () => {
    const q = quote(request({ from: 'CN', to: 'ES', toPostal: '35001', currency: 'EUR', seller: { iossNumber: 'IM7240000001' }, lines: [{ amount: '50.00' }] }));
    expect(q).toMatchObject({ scheme: 'territory-import', jurisdiction: 'ES-CN' });
    expect(q.unavailable).toContain('IGIC');
  });

  it('B2B and non-EU sellers: Åland and Guadeloupe tax at import whoever buys; Heligoland and Mount Athos never', () => {
    const aland = quote(request({ from: 'DE', to: 'FI', toPostal: '22100', currency: 'EUR', buyer: { isBusiness: true, vatNumber: 'FI20774740' }, lines: [{ amount: '100.00' }] }));
    expect(aland).toMatchObject({ scheme: 'territory-import', collectedBy: 'customs', jurisdiction: 'FI-01' });
    expect(aland.totalTax.amountMinor).toBe(2550);
    expect(hasNote(aland, 'no intra-Community supply or reverse charge')).toBe(true);
    const gp = quote(request({ from: 'US', to: 'FR', toPostal: '97122', currency: 'EUR', buyer: { isBusiness: true, vatNumber: 'FR40303265045' }, lines: [{ amount: '100.00' }] }));
    expect(gp).toMatchObject({ scheme: 'territory-import', jurisdiction: 'FR-971', totalTax: { amountMinor: 850 } });
    const heligoland = quote(request({ from: 'US', to: 'DE', toPostal: '27498', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(heligoland).toMatchObject({ scheme: 'territory-no-tax', collectedBy: 'none', jurisdiction: 'DE-HELGOLAND', totalTax: { amountMinor: 0 } });
    const athos = quote(request({ from: 'FR', to: 'GR', toPostal: '63087', currency: 'EUR', buyer: { isBusiness: true, vatNumber: 'EL094014201' }, lines: [{ amount: '100.00' }] }));
    expect(athos).toMatchObject({ scheme: 'export', jurisdiction: 'GR-69', totalTax: { amountMinor: 0 } });
  });

  it('within Åland: Finnish VAT charged by the seller; Åland → mainland Finland is an import', () => {
    const inside = quote(request({ from: 'FI', fromPostal: '22100', to: 'FI', toPostal: '22150', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(inside).toMatchObject({ scheme: 'territory-domestic', collectedBy: 'seller', jurisdiction: 'FI-01', totalTax: { amountMinor: 2550 } });
    const out = quote(request({ from: 'FI', fromPostal: 'AX-22100', to: 'FI', toPostal: '00100', currency: 'EUR', lines: [{ amount: '200.00' }] }));
    expect(out).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'FI' });
  });

  it('Madeira from a non-EU seller without IOSS, above EUR 150: import VAT at Madeira 22%', () => {
    const q = quote(request({ from: 'US', to: 'PT', toPostal: '9000-018', currency: 'EUR', lines: [{ amount: '200.00' }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'PT-30' });
    expect(lineSummary(q)).toEqual([['l1', 'PT-30', '22', 4400, 'PT-30/vat/standard-22@2012-04-01']]);
  });

  it('from the Canary Islands to mainland Spain: an import into the EU (import VAT above EUR 150)', () => {
    const q = quote(request({ from: 'ES', fromPostal: '35001', to: 'ES', toPostal: '28001', currency: 'EUR', lines: [{ amount: '200.00' }] }));
    expect(q).toMatchObject({ scheme: 'import', collectedBy: 'customs', jurisdiction: 'ES' });
    expect(lineSummary(q)).toEqual([['l1', 'ES', '21', 4200, 'ES/vat/standard-21@2012-09-01']]);
  });

  it('from Heligoland to a French consumer without IOSS: import VAT in France', () => {
    const q = quote(request({ from: 'DE', fromPostal: '27498', to: 'FR', currency: 'EUR', lines: [{ amount: '100.00' }] }));
    expect(q).toMatchObject({ scheme: 'import', jurisdiction: 'FR' });
    expect(q.lines[0]!.ratePercent).toBe('20');
  });
});
