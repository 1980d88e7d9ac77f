/**
 * Held-out orders flat-file reports (test/fixtures/amazon/heldout/SOURCE.md): Easy Ship order
 * statuses of Amazon.in documents, through `caravan map amazon.order-report`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOrderReport } from '../../../connectors/amazon/reports/index.js';
import { amazonOrderReportToOrders } from '../../../mappings/amazon/index.js';
import type { Order } from '../../../mappings/canonical/index.js';
import { caravanMap } from '../../cli/map-harness.js';

const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');

describe('Easy Ship order statuses (Amazon.in)', () => {
  it('`Shipped - <parcel state>` is shipped and `Pending - Waiting for Pick Up` unshipped; the raw status is kept', async () => {
    const { code, stderr, stdout } = await caravanMap('amazon.order-report', join(HELDOUT, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.in.easy-ship.tsv'));
    expect([code, stderr]).toEqual([0, '']);
    const orders = JSON.parse(stdout) as Order[];
    expect(orders.map((o) => [o.externalId, o.status, o.rawStatus])).toEqual([
      ['405-8078784-5731545', 'shipped', 'Shipped - Delivered to Buyer'],
      ['171-9198151-1101146', 'shipped', 'Shipped'],
      ['404-0687676-7273146', 'shipped', 'Shipped - Returned to Seller'],
      ['403-9615377-8133951', 'unshipped', 'Pending - Waiting for Pick Up'],
      ['408-7955685-3083534', 'shipped', 'Shipped - Out for Delivery'],
    ]);
    expect(orders[0]).toMatchObject({ marketplace: { id: 'A21TJRUUN4KGV', country: 'IN' }, currency: 'INR', purchasedAt: '2022-04-30T04:42:01Z', totals: { items: { amountMinor: 64762, currency: 'INR' } } });
  });

  it('a status that is neither is still rejected naming the line and column', () => {
    const header = 'amazon-order-id\tpurchase-date\tlast-updated-date\torder-status\tsales-channel\tsku\tquantity';
    const map = (status: string) => amazonOrderReportToOrders(readOrderReport(`${header}\n405-1\t2022-04-30T10:12:01+05:30\t2022-04-30T10:12:01+05:30\t${status}\tAmazon.in\tS\t1\n`).rows, { channel: 'amazon' })[0];
    expect(map('Delivered')).toMatchObject({ ok: false, error: { issues: [{ field: 'line 2.order-status', message: 'unknown Amazon order status "Delivered"', value: 'Delivered' }] } });
    expect(map('Shipped - ')).toMatchObject({ ok: false, error: { issues: [{ field: 'line 2.order-status' }] } });
    expect(map('Shipped - Damaged')).toMatchObject({ ok: true, value: { status: 'shipped', rawStatus: 'Shipped - Damaged' } });
  });
});

describe('a getReportDocument / getFeedDocument reply given where the document belongs', () => {
  it.each([
    ['amazon.order-report', 'get-report-document.peddler.json', 'getReportDocument', 'an Amazon orders flat-file report'],
    ['amazon.listings-report', 'get-report-document.peddler.json', 'getReportDocument', 'an Amazon merchant listings report'],
    ['amazon.inventory-report', 'get-report-document.peddler.json', 'getReportDocument', 'an Amazon FBA inventory report'],
    ['amazon.feed-report', '../feeds/get-feed-document.sandbox-200.json', 'getFeedDocument', 'an Amazon JSON_LISTINGS_FEED processing report'],
  ])('%s %s says it only names the document', async (kind, name, op, what) => {
    const file = join(HELDOUT, name);
    const { code, stderr, stdout } = await caravanMap(kind, file);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe(`caravan: ${file}: this is a ${op} reply, which names the document by its URL, not ${what}: download the URL (it expires after 5 minutes) and map that file`);
  });
});
