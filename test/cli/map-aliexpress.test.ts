/**
 * `caravan map aliexpress.product | aliexpress.feed-result | aliexpress.logistics-services |
 * aliexpress.inventory-update | aliexpress.tracking | aliexpress.freight` on the samples (test/fixtures/aliexpress/SOURCE.md): records as JSON
 * (ids past 2^53 exact, Chinese text intact), exit 1 with the vendor's code and message for an
 * error reply, and exit 1 naming what a reply of another API is.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../cli/record-kinds.js';
import type { Listing, ListingFeedOutcome } from '../../mappings/canonical/index.js';
import { caravanMap as caravan, scratchFiles } from './map-harness.js';

const AE = join(import.meta.dirname, '..', 'fixtures', 'aliexpress');
const write = scratchFiles('caravan-map-aliexpress-');
const records = <T>(stdout: string): T[] => JSON.parse(stdout) as T[];

describe('caravan map aliexpress.*', () => {
  it('lists the kinds', () => {
    expect(Object.keys(RECORD_KINDS)).toEqual(
      expect.arrayContaining(['aliexpress.product', 'aliexpress.feed-result', 'aliexpress.logistics-services', 'aliexpress.inventory-update', 'aliexpress.tracking', 'aliexpress.freight']),
    );
  });

  it('aliexpress.product: product.info.get → a listing per SKU, the big product id exact and Chinese intact', async () => {
    const r = await caravan('aliexpress.product', join(AE, 'constructed/aliexpress.solution.product.info.get__bigid_zh.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"productId": "1005004638293060123"');
    const listings = records<Listing>(r.stdout);
    expect(listings.map((l) => [l.sku, l.title, l.price, l.quantity, l.status])).toEqual([
      ['EAR-BLK', { zh: '蓝牙耳机 无线降噪' }, { amountMinor: 1990, currency: 'USD' }, 12, 'active'],
      ['EAR-WHT', { zh: '蓝牙耳机 无线降噪' }, { amountMinor: 2150, currency: 'USD' }, 0, 'active'],
    ]);
  });

  it('aliexpress.product: findaeproductbyidfordropshipper and ds.product.get (the DS view, CNY)', async () => {
    const find = await caravan('aliexpress.product', join(AE, 'retailcrm-top-client/aliexpress_postproduct_redefining_find_a_e_product_by_id_for_dropshipper.json'));
    expect(find.code).toBe(0);
    expect(records<Listing>(find.stdout)[0]).toMatchObject({ sku: 'cfas00978', price: { amountMinor: 20007, currency: 'USD' }, refs: { productId: '32839190109' } });
    const ds = await caravan('aliexpress.product', join(AE, 'official-docs-ds/aliexpress.ds.product.get__response_success_unwrapped.json'));
    expect(ds.code).toBe(0);
    expect(records<Listing>(ds.stdout)[0]).toMatchObject({ sku: 'S96470', price: { amountMinor: 394, currency: 'USD' }, quantity: 57, status: 'active', refs: { productId: '4000903675543', categoryId: '33902' } });
  });

  it('aliexpress.product: a product.list.get page names each item it cannot make a listing of (no SKUs in the list) and exits 1', async () => {
    const r = await caravan('aliexpress.product', join(AE, 'retailcrm-top-client/aliexpress_solution_product_list_get.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"externalId": "23453463456346546"');
    expect(r.stdout).toContain('product.info.get');
  });

  it('aliexpress.feed-result: an outcome per item, the job id exact; a failed item rejected with its code', async () => {
    const ok = await caravan('aliexpress.feed-result', join(AE, 'retailcrm-top-client/aliexpress_solution_feed_query.json'));
    expect(ok.code).toBe(0);
    expect(records<ListingFeedOutcome>(ok.stdout)).toEqual([
      { channel: 'aliexpress', vendor: 'aliexpress', feedId: '200000000060054475', messageId: 1, sku: 'A00000000Y1', outcome: 'accepted', issues: [], refs: { productId: '33030372006' } },
    ]);
    const mixed = await caravan('aliexpress.feed-result', join(AE, 'constructed/aliexpress.solution.feed.query__mixed_items.json'));
    expect(mixed.code).toBe(0);
    expect(records<ListingFeedOutcome>(mixed.stdout).map((o) => [o.sku, o.outcome, o.issues[0]?.code, o.refs.productId])).toEqual([
      ['EAR-BLK', 'accepted', undefined, '1005004638293060123'],
      ['EAR-WHT', 'rejected', 'F00-00-10007-007', undefined],
    ]);
  });

  it('aliexpress.logistics-services: the carriers of the real reply', async () => {
    const r = await caravan('aliexpress.logistics-services', join(AE, 'retailcrm-top-client/aliexpress_logistics_redefining_list_logistics_service.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { serviceName: 'CPAM', displayName: 'China Post Registered Air Mail', company: 'CPAM', trackingNumberPattern: '^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$', minProcessDays: 1, maxProcessDays: 5, recommendOrder: 11 },
    ]);
  });

  it('aliexpress.inventory-update: an outcome per product (a product in both lists failed)', async () => {
    const r = await caravan('aliexpress.inventory-update', join(AE, 'retailcrm-top-client/aliexpress_solution_batch_product_price_update.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { productId: '123', outcome: 'rejected', issues: [{ message: 'message', severity: 'error' }] },
      { productId: '1234', outcome: 'rejected', issues: [{ message: 'message', severity: 'error' }] },
    ]);
  });

  it('aliexpress.tracking: the DS package with its events in UTC', async () => {
    const r = await caravan('aliexpress.tracking', join(AE, 'official-docs-ds/aliexpress.ds.order.tracking.get__response_success.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        carrierName: 'AliExpress standard shipping',
        trackingNumber: '4209795192144903600008220012159992',
        estimatedDelivery: '2025-02-23T01:23:00Z',
        items: [{ itemId: '1005008453688391', title: 'Elegant Flounce Mini Skirts Suits Women...', skuDescription: 'Color:Silvery; Size:M', quantity: 1 }],
        events: [{ status: 'in_transit', carrierCode: 'Delivery update', carrierDescription: 'Your package arrived at local Facility.', timestamp: '2025-02-19T01:23:00Z' }],
      },
    ]);
  });

  it('aliexpress.freight: delivery options, the fee read from shipping_fee_cent as a decimal (not cents)', async () => {
    const r = await caravan('aliexpress.freight', join(AE, 'official-docs-ds/aliexpress.ds.freight.query__response_success.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { serviceCode: 'CAINIAO_STANDARD', company: 'AliExpress standard shipping', fee: { amountMinor: 17271, currency: 'USD' }, freeShipping: false, minDeliveryDays: 17, maxDeliveryDays: 34, guaranteedDeliveryDays: 75, shipFromCountry: 'CN', tracked: true },
    ]);
  });

  it('error replies exit 1 with the vendor code and message: gateway error, failed batch, failed listlogisticsservice, failed feed query', async () => {
    const cases: [string, string, string][] = [
      ['aliexpress.product', 'constructed/error_response.gateway.json', 'code 15'],
      ['aliexpress.inventory-update', 'constructed/aliexpress.solution.batch.product.inventory.update__update_success_false.json', 'code F00-00-10000-001'],
      ['aliexpress.logistics-services', 'constructed/aliexpress.logistics.redefining.listlogisticsservice__result_success_false.json', 'System error'],
      ['aliexpress.feed-result', 'constructed/aliexpress.solution.feed.query__error_code.json', 'code JOB_NOT_FOUND'],
      ['aliexpress.product', 'constructed/aliexpress.solution.schema.product.instance.post__success_false.json', 'F00-00-10007-007'],
      ['aliexpress.tracking', 'constructed/aliexpress.ds.order.tracking.get__ret_false.json', '1001'],
      ['aliexpress.freight', 'constructed/aliexpress.ds.freight.query__code_505.json', '505'],
    ];
    for (const [kind, file, expected] of cases) {
      const r = await caravan(kind, join(AE, file));
      expect(r.code, `${kind} ${file}`).toBe(1);
      expect(`${r.stderr}\n${r.stdout}`).toContain(expected);
    }
  });

  it('a reply of another API exits 1 naming it', async () => {
    const r = await caravan('aliexpress.feed-result', join(AE, 'retailcrm-top-client/aliexpress_solution_feed_submit.json'));
    expect(r.code).toBe(1);
    expect(`${r.stderr}\n${r.stdout}`).toContain('aliexpress.solution.feed.submit reply');
    const p = await caravan('aliexpress.product', write('order.json', { aliexpress_solution_order_fulfill_response: { result: { result_success: true } } }));
    expect(p.code).toBe(1);
    expect(`${p.stderr}\n${p.stdout}`).toContain('holds no AliExpress product');
  });
});
