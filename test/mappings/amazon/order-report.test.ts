/**
 * mappings/amazon/order-report.ts: orders flat-file report rows → canonical Orders, grouped by
 * amazon-order-id. Fixtures are hand-written from the documented header
 * (test/fixtures/amazon/reports/SOURCE.md) in UTF-8, Cp1252 and gzipped Shift_JIS.
 */
import { describe, expect, it } from 'vitest';
import { readOrderReport } from '../../../connectors/amazon/reports/index.js';
import { OrderSchema, type Order } from '../../../mappings/canonical/index.js';
import { amazonOrderReportToOrders } from '../../../mappings/amazon/index.js';
import { reportText } from './report-fixtures.js';

const mapFile = (name: string) => amazonOrderReportToOrders(readOrderReport(reportText(name)).rows, { channel: 'amazon-eu' });
const orders = (name: string): Order[] => mapFile(name).flatMap((r) => (r.ok ? [r.value] : []));
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('amazon.order-report (US, UTF-8)', () => {
  const results = mapFile('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv');

  it('two rows of one order are one Order with two lines; item-price is the line total', () => {
    const first = results[0]!;
    expect(first.ok).toBe(true);
    const o = (first as { value: Order }).value;
    expect(OrderSchema.parse(o)).toEqual(o);
    expect(o).toEqual({
      channel: 'amazon-eu',
      vendor: 'amazon',
      externalId: '111-4827391-2093847',
      status: 'shipped',
      rawStatus: 'Shipped',
      marketplace: { id: 'ATVPDKIKX0DER', country: 'US', name: 'Amazon.com' },
      purchasedAt: '2024-01-15T10:20:30Z',
      // the latest last-updated-date of the order's rows
      updatedAt: '2024-01-16T09:30:00Z',
      currency: 'USD',
      fulfilment: 'merchant',
      shipTo: { lines: [], city: 'SEATTLE', region: 'WA', postalCode: '98109-1234', country: 'US' },
      shipServiceLevel: 'Standard',
      lines: [
        {
          lineId: '1',
          sku: 'PZ-STONE-12',
          title: '12" Pizza Stone "Pro" (round)',
          quantity: 2,
          lineTotal: usd(5998),
          itemTax: usd(495),
          shipping: usd(599),
          shippingTax: usd(0),
          // -5.00 in the report: canonical discounts are positive
          promotionDiscount: usd(500),
          shippingDiscount: usd(0),
          refs: { asin: 'B08XYZ1234', reportLine: '2', itemStatus: 'Shipped' },
        },
        { lineId: '2', sku: 'PZ-PEEL', title: 'Pizza Peel, Birch Wood', quantity: 1, lineTotal: usd(1999), itemTax: usd(165), refs: { asin: 'B08XYZ5678', reportLine: '3', itemStatus: 'Shipped' } },
      ],
      totals: { items: usd(7997), itemTax: usd(660), shipping: usd(599), shippingTax: usd(0), discounts: usd(500) },
      refs: { amazonOrderId: '111-4827391-2093847', marketplaceId: 'ATVPDKIKX0DER', salesChannel: 'Amazon.com' },
    });
  });

  it('a Pending order has no prices: no currency, no totals; its -08:00 date becomes UTC', () => {
    const o = (results[1] as { value: Order }).value;
    expect(o).toMatchObject({ externalId: '113-0000001-7654321', status: 'pending', purchasedAt: '2024-01-18T07:59:59Z', fulfilment: 'marketplace' });
    expect(o.currency).toBeUndefined();
    expect(o.totals).toBeUndefined();
    expect(o.lines).toEqual([{ lineId: '1', sku: 'PZ-CUT', title: 'Pizza Cutter Wheel', quantity: 1, refs: { asin: 'B08XYZ9999', reportLine: '4', itemStatus: 'Unshipped' } }]);
  });

  it('a bad row is a rejection naming the line, the order and the column; the other orders map', () => {
    expect(results).toHaveLength(3);
    const bad = results[2]!;
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.recordType).toBe('amazon.order-report');
    expect(bad.error.recordId).toBe('114-2222222-3333333');
    expect(bad.error.issues).toEqual([{ field: 'line 5.item-price', message: '"7.995" has more decimals than USD allows (2)', value: '7.995' }]);
    expect(bad.error.message).toBe('amazon.order-report 114-2222222-3333333: line 5.item-price: "7.995" has more decimals than USD allows (2)');
  });
});

describe('amazon.order-report (DE, Cp1252, newer columns)', () => {
  const [de, fr] = orders('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv');

  it('Amazon.de, EUR, umlauts and € intact, gift wrap and both discounts', () => {
    expect(de).toMatchObject({
      externalId: '302-1234567-7654321',
      marketplace: { id: 'A1PA6795UKMFR9', country: 'DE', name: 'Amazon.de' },
      currency: 'EUR',
      isBusiness: false,
      shipTo: { lines: [], city: 'München', region: 'Bayern', postalCode: '80331', country: 'DE' },
      refs: { amazonOrderId: '302-1234567-7654321', marketplaceId: 'A1PA6795UKMFR9', sellerOrderId: 'SO-4711', salesChannel: 'Amazon.de' },
      totals: { items: eur(4497), itemTax: eur(718), shipping: eur(490), shippingTax: eur(78), discounts: eur(940) },
    });
    expect(de!.lines[0]).toMatchObject({ title: 'Kaffeebecher Größe L – weiß (€-Edition)', quantity: 3, giftWrap: eur(250), giftWrapTax: eur(40), promotionDiscount: eur(450), shippingDiscount: eur(490) });
  });

  it('a Canceled business order on Amazon.fr with its purchase-order number', () => {
    expect(fr).toMatchObject({ status: 'cancelled', rawStatus: 'Canceled', marketplace: { id: 'A13V1IB3VIYZZH', country: 'FR' }, isBusiness: true, buyer: { purchaseOrderNumber: 'PO-ÄÖÜ-1' } });
    expect(fr!.shipTo?.city).toBe('Saint-Étienne');
    expect(fr!.lines[0]!.title).toBe('Tasse à café « Bistro »');
  });
});

describe('amazon.order-report (JP, Shift_JIS, gzip)', () => {
  it('JPY has no minor unit: 1980 is 1980 yen; +09:00 dates become UTC; 全角 and ｶﾀｶﾅ intact', () => {
    const [o] = orders('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.jp.shift_jis.tsv.gz');
    expect(o).toMatchObject({
      marketplace: { id: 'A1VC38T7YXB528', country: 'JP', name: 'Amazon.co.jp' },
      purchasedAt: '2024-05-01T00:00:00Z',
      updatedAt: '2024-05-02T01:00:00Z',
      currency: 'JPY',
      shipTo: { city: '渋谷区', region: '東京都', postalCode: '150-0002', country: 'JP' },
      totals: { items: { amountMinor: 1980, currency: 'JPY' }, itemTax: { amountMinor: 180, currency: 'JPY' } },
    });
    expect(o!.lines[0]!.title).toBe('Jordan 歯ブラシ STEP1(ｽﾃｯﾌﾟ1) 0-2才用【8本セット】全角ＡＢＣ');
  });
});

describe('amazon.order-report rules', () => {
  const H = 'amazon-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\tsku\tasin\tquantity\tcurrency\titem-price';
  const map = (...rows: string[]) => amazonOrderReportToOrders(readOrderReport([H, ...rows].join('\n')).rows, { channel: 'c' });
  const row = (id: string, over: Partial<Record<string, string>> = {}) => {
    const v = { status: 'Shipped', fc: 'Amazon', sc: 'Amazon.co.uk', qty: '1', cur: 'GBP', price: '10.00', date: '2024-01-15T10:20:30+00:00', ...over };
    return [id, v.date, v.date, v.status, v.fc, v.sc, 'S', 'B000000001', v.qty, v.cur, v.price].join('\t');
  };
  const issues = (r: ReturnType<typeof map>[number]) => (r.ok ? [] : r.error.issues.map((i) => `${i.field}: ${i.message}`));

  it.each([
    ['Shipping', 'partially_shipped'],
    ['Cancelled', 'cancelled'],
    ['PartiallyShipped', 'partially_shipped'],
    ['PendingAvailability', 'pending'],
  ])('order-status %s → %s, raw kept', (raw, status) => {
    const [r] = map(row('1', { status: raw }));
    expect(r).toMatchObject({ ok: true, value: { status, rawStatus: raw } });
  });

  it('an unknown status, a bad date, a non-count quantity, two currencies in one order: each named by line and column', () => {
    expect(issues(map(row('1', { status: 'Lost' }))[0]!)).toEqual(['line 2.order-status: unknown Amazon order status "Lost"']);
    expect(issues(map(row('1', { date: '2024-01-15 10:20:30' }))[0]!)[0]).toMatch(/^line 2\.purchase-date: "2024-01-15 10:20:30" is not a date-time with a zone/);
    expect(issues(map(row('1', { qty: '1.5' }))[0]!)).toEqual(['line 2.quantity: "1.5" is not a whole number of units']);
    expect(issues(map(row('1'), row('1', { cur: 'EUR' }))[0]!)).toEqual(["line 3.currency: is EUR, but the order's first row is in GBP: one order has one currency"]);
    expect(issues(map(row('1', { cur: '' }))[0]!)).toEqual(['line 2.item-price: holds 10.00 but the row has no currency']);
    expect(issues(map(row('1', { fc: 'Drone' }))[0]!)).toEqual(['line 2.fulfillment-channel: unknown fulfilment channel "Drone" (expected Amazon or Merchant)']);
  });

  it('a row without an order id is its own rejection; a storefront not in the table is kept by name', () => {
    const [noId, nonAmazon] = map(row(''), row('2', { sc: 'Non-Amazon' }));
    expect(noId).toMatchObject({ ok: false, error: { recordId: undefined, issues: [{ field: 'line 2.amazon-order-id' }] } });
    expect(nonAmazon).toMatchObject({ ok: true, value: { marketplace: { id: 'Non-Amazon', name: 'Non-Amazon' }, refs: { salesChannel: 'Non-Amazon' } } });
  });

  it('localized storefront name casing (amazon.co.uk) and the order of first appearance', () => {
    const r = map(row('B', { sc: 'amazon.co.uk' }), row('A'), row('B'));
    expect(r.map((x) => (x.ok ? [x.value.externalId, x.value.lines.length, x.value.marketplace.country] : 'x'))).toEqual([
      ['B', 2, 'GB'],
      ['A', 1, 'GB'],
    ]);
  });
});
