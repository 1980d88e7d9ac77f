/**
 * mappings/amazon/listings-report.ts: merchant listings report rows → canonical Listings.
 * Fixtures hand-written from the documented header and the JP/DE localized headers
 * (test/fixtures/amazon/reports/SOURCE.md).
 */
import { describe, expect, it } from 'vitest';
import { readListingsReport } from '../../../connectors/amazon/reports/index.js';
import { ListingSchema, type Listing } from '../../../mappings/canonical/index.js';
import { amazonListingsReportToListings, amazonMarketplaceFor, amazonMarketplaceLocale, type AmazonListingsReportContext } from '../../../mappings/amazon/index.js';
import { reportText } from './report-fixtures.js';

function ctxFor(marketplace: string, channel = 'amazon'): AmazonListingsReportContext {
  const m = amazonMarketplaceFor(marketplace)!;
  return { channel, marketplace: { id: m.id, country: m.country, name: m.name }, currency: m.defaultCurrency, locale: amazonMarketplaceLocale(m)! };
}
const mapFile = (name: string, marketplace: string) => amazonListingsReportToListings(readListingsReport(reportText(name)).rows, ctxFor(marketplace));
const values = (rs: ReturnType<typeof mapFile>): Listing[] => rs.flatMap((r) => (r.ok ? [r.value] : []));
const JP = { id: 'A1VC38T7YXB528', country: 'JP', name: 'Amazon.co.jp' };

describe('amazon.listings-report (JP: Japanese header, Shift_JIS)', () => {
  const rs = mapFile('GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv', 'amazon.co.jp');

  it('maps every row to the canonical Listing, JPY price, JST open-date in UTC, ja-JP title', () => {
    expect(rs.every((r) => r.ok)).toBe(true);
    const [a, b] = values(rs);
    expect(ListingSchema.parse(a)).toEqual(a);
    expect(a).toEqual({
      channel: 'amazon',
      vendor: 'amazon',
      sku: 'JD-STEP1-8',
      marketplace: JP,
      title: { 'ja-JP': 'Jordan 歯ブラシ STEP1(ｽﾃｯﾌﾟ1) 0-2才用【8本セット】' },
      price: { amountMinor: 1980, currency: 'JPY' },
      quantity: 25,
      pendingQuantity: 0,
      status: 'active',
      rawStatus: 'Active',
      fulfilment: 'merchant',
      rawFulfilment: 'DEFAULT',
      openedAt: '2023-05-01T01:20:30Z',
      condition: '11',
      conditionNote: '新品・未開封',
      productId: { type: 'EAN', value: '4901616009967' },
      refs: { asin: 'B00JP00001', listingId: '0501JP00001', reportLine: '2' },
    });
    expect(b).toMatchObject({ sku: 'NOTE-A5-5', title: { 'ja-JP': '全角ＡＢＣ ノート Ａ５ ５冊パック' }, status: 'inactive', fulfilment: 'marketplace', rawFulfilment: 'AMAZON_JP', openedAt: '2022-11-30T14:59:59Z' });
    expect(b!.quantity).toBeUndefined();
  });

  it('the gzipped document maps the same', () => {
    expect(mapFile('GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv.gz', 'A1VC38T7YXB528')).toEqual(rs);
  });
});

describe('amazon.listings-report (US, UTF-8)', () => {
  const rs = mapFile('GET_MERCHANT_LISTINGS_ALL_DATA.us.utf-8.tsv', 'ATVPDKIKX0DER');

  it('PDT and PST open-dates, Active/Inactive/Incomplete, DEFAULT and AMAZON_NA, product-id types', () => {
    const [a, b, c] = values(rs);
    expect(a).toMatchObject({ sku: 'PZ-STONE-12', title: { 'en-US': '12" Pizza Stone "Pro"' }, description: { 'en-US': 'Cordierite, 30 cm' }, price: { amountMinor: 2999, currency: 'USD' }, quantity: 14, pendingQuantity: 2, openedAt: '2023-05-01T17:20:30Z', status: 'active', fulfilment: 'merchant', productId: { type: 'ASIN', value: 'B08XYZ1234' } });
    expect(b).toMatchObject({ sku: 'PZ-PEEL', openedAt: '2023-12-24T16:00:00Z', status: 'inactive', fulfilment: 'marketplace', rawFulfilment: 'AMAZON_NA', productId: { type: 'EAN', value: '4006381333931' } });
    expect(c).toMatchObject({ sku: 'PZ-CUT', status: 'incomplete', rawStatus: 'Incomplete' });
    expect(c!.price).toBeUndefined();
  });

  it('an unknown zone is a rejection naming the line, the SKU and the column; the other rows map', () => {
    expect(rs).toHaveLength(4);
    const bad = rs[3]!;
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.recordId).toBe('PZ-SCRAPE');
    expect(bad.error.issues[0]!.field).toBe('line 5.open-date');
    expect(bad.error.issues[0]!.message).toMatch(/^"2024-01-03 09:00:00 XYZ" has the time zone "XYZ", which Caravan does not know/);
  });
});

describe('amazon.listings-report (DE, Cp1252)', () => {
  it('English header: CEST/CET, EUR, German titles with € and –', () => {
    const [a, b] = values(mapFile('GET_MERCHANT_LISTINGS_ALL_DATA.de.windows-1252.tsv', 'amazon.de'));
    expect(a).toMatchObject({ sku: 'KB-L-WEISS', title: { 'de-DE': 'Kaffeebecher Größe L – weiß' }, description: { 'de-DE': 'Spülmaschinenfest, 400 ml' }, price: { amountMinor: 1499, currency: 'EUR' }, openedAt: '2023-06-15T12:30:00Z', marketplace: { id: 'A1PA6795UKMFR9', country: 'DE' } });
    expect(b).toMatchObject({ sku: 'BA-EDEL', title: { 'de-DE': 'Bügeleisen-Ablage aus Edelstahl (€ 5 Rabatt)' }, price: { amountMinor: 950, currency: 'EUR' }, openedAt: '2023-01-10T08:00:00Z', fulfilment: 'marketplace' });
  });

  it('German header (Händler-SKU, Artikelbezeichnung, Preis, Menge, Erstellungsdatum, Versender)', () => {
    const [a] = values(mapFile('GET_MERCHANT_LISTINGS_ALL_DATA.de-header.windows-1252.tsv', 'DE'));
    expect(a).toMatchObject({ sku: 'KB-M-GRUEN', title: { 'de-DE': 'Kaffeebecher Größe M – grün' }, price: { amountMinor: 1299, currency: 'EUR' }, quantity: 40, openedAt: '2023-06-15T12:30:00Z', fulfilment: 'merchant', status: 'active', productId: { type: 'EAN', value: '4006381333948' }, refs: { asin: 'B0C1234568' } });
  });
});

describe('amazon.listings-report rules', () => {
  const map = (header: string, row: string, marketplace = 'GB') => amazonListingsReportToListings(readListingsReport(`${header}\n${row}\n`).rows, ctxFor(marketplace));
  it('a decimal comma (12,99) is read as 12.99; 1,234 is thousands; 12.3.4 is no amount', () => {
    expect(map('seller-sku\tprice', 'S\t12,99')[0]).toMatchObject({ ok: true, value: { price: { amountMinor: 1299, currency: 'GBP' } } });
    expect(map('seller-sku\tprice', 'S\t1,234')[0]).toMatchObject({ ok: true, value: { price: { amountMinor: 123400, currency: 'GBP' } } });
    expect(map('seller-sku\tprice', 'S\t12.3.4')[0]).toMatchObject({ ok: false, error: { issues: [{ field: 'line 2.price' }] } });
  });
  it('no SKU, an unknown status, an unknown fulfilment channel', () => {
    expect(map('seller-sku\tstatus', '\tActive')[0]).toMatchObject({ ok: false, error: { issues: [{ field: 'line 2.seller-sku', message: 'is empty or missing' }] } });
    expect(map('seller-sku\tstatus', 'S\tSuppressed')[0]).toMatchObject({ ok: false, error: { recordId: 'S', issues: [{ field: 'line 2.status', message: 'unknown listing status "Suppressed" (expected Active, Inactive or Incomplete)' }] } });
    expect(map('seller-sku\tfulfillment-channel', 'S\tWAREHOUSE')[0]).toMatchObject({ ok: false, error: { issues: [{ field: 'line 2.fulfillment-channel' }] } });
  });
});

describe('marketplaces by id, storefront or country', () => {
  it.each([
    ['A1VC38T7YXB528', 'JP'],
    ['Amazon.co.jp', 'JP'],
    ['www.amazon.de', 'DE'],
    ['https://www.amazon.co.uk/', 'GB'],
    ['UK', 'GB'],
    ['fr', 'FR'],
  ])('%s is %s', (text, country) => {
    expect(amazonMarketplaceFor(text)?.country).toBe(country);
  });
  it('an unknown one is undefined', () => {
    expect(amazonMarketplaceFor('amazon.moon')).toBeUndefined();
  });
});
