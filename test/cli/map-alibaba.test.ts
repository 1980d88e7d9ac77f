/**
 * `caravan map alibaba.product | alibaba.inventory | alibaba.logistics`: Listings per SKU from
 * seller product replies, InventoryLevels from the guide's item stock sample, the order's
 * tracking from the guide's logistics sample; error replies exit 1 with the vendor's code and
 * message; a reply of another kind exits 1 naming what it holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../cli/record-kinds.js';
import type { InventoryLevel, Listing } from '../../mappings/canonical/index.js';
import { caravanMap, scratchFiles } from './map-harness.js';

const AB = join(import.meta.dirname, '..', 'fixtures', 'alibaba');
const write = scratchFiles('caravan-map-alibaba-');

describe('caravan map alibaba.*', () => {
  it('lists the kinds', () => {
    expect(Object.keys(RECORD_KINDS)).toEqual(expect.arrayContaining(['alibaba.order', 'alibaba.product', 'alibaba.inventory', 'alibaba.logistics']));
  });

  it('maps a product get reply to a Listing per SKU: dollar prices in minor units, Chinese text intact, status with the raw kept', async () => {
    const r = await caravanMap('alibaba.product', join(AB, 'constructed/product_get__flask_zh.json'));
    expect(r.code).toBe(0);
    const listings = JSON.parse(r.stdout) as Listing[];
    expect(listings.map((l) => [l.sku, l.price, l.quantity, l.status, l.rawStatus, l.title])).toEqual([
      ['FLASK-350-RED', { amountMinor: 1250, currency: 'USD' }, 120, 'active', 'approved', { en: '不锈钢保温杯 350ml' }],
      ['FLASK-350-BLU', { amountMinor: 1250, currency: 'USD' }, 10, 'active', 'approved', { en: '不锈钢保温杯 350ml' }],
    ]);
    expect(listings[0]!.refs).toMatchObject({ productId: '7kqpzmwvbxtqaa', id: '9007199254740993' });
  });

  it('rejects the briefs of a list page by product (they carry no SKU code), ids past 2^53 exact', async () => {
    const r = await caravanMap('alibaba.product', join(AB, 'constructed/product_list__page.json'));
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('6edvniewvnewovn');
    expect(r.stdout + r.stderr).toContain('product_sku.skus');
  });

  it('reads the legacy TOP envelopes too: alibaba_icbu_product_get_response.product and a list page', async () => {
    const get = await caravanMap('alibaba.product', write('top-get.json', '{"alibaba_icbu_product_get_response":{"product":{"product_id":"abc","subject":"Mug","sku_code":"MUG-1","wholesale_trade":{"price":"3.20"}},"request_id":"r"}}'));
    expect(get.code).toBe(0);
    expect((JSON.parse(get.stdout) as Listing[]).map((l) => [l.sku, l.price])).toEqual([['MUG-1', { amountMinor: 320, currency: 'USD' }]]);
    const list = await caravanMap('alibaba.product', write('top-list.json', '{"alibaba_icbu_product_list_response":{"total_item":1,"products":{"alibaba_product_brief_response":[{"id":1,"product_id":"abc","sku_code":"MUG-1","subject":"Mug"}]},"request_id":"r"}}'));
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Listing[]).map((l) => l.sku)).toEqual(['MUG-1']);
  });

  it('exits 1 naming a supplier product description as no listing of the seller', async () => {
    const r = await caravanMap('alibaba.product', join(AB, 'openapi-v2-guide/get_product_description__example_response.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("a supplier's product description");
  });

  it('exits 1 naming a list of product ids (/eco/buyer/product/check) as no product', async () => {
    const r = await caravanMap('alibaba.product', join(AB, 'openapi-v2-guide/product_list_general__example_response.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a list of product ids');
  });

  it('maps the guide item stock sample to an InventoryLevel per SKU', async () => {
    const r = await caravanMap('alibaba.inventory', join(AB, 'openapi-v2-guide/get_item_inventory__example_response.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as InventoryLevel[]).toEqual([
      {
        channel: expect.any(String),
        vendor: 'alibaba',
        sku: '104536974925',
        location: { type: 'overseas-warehouse', id: 'alibaba:CN', name: 'Alibaba.com supplier stock', country: 'CN' },
        quantities: { available: 1196 },
        refs: { productId: '1600927952535', unit: 'Piece' },
      },
    ]);
  });

  it('maps the guide logistics sample to the order tracking, the order id from the file name', async () => {
    const sample = readFileSync(join(AB, 'openapi-v2-guide/order_logistics_query__example_response.json'), 'utf8');
    const r = await caravanMap('alibaba.logistics', write('271207727001028893-logistics.json', sample));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        recordType: 'order-tracking',
        channel: expect.any(String),
        vendor: 'alibaba',
        externalOrderId: '271207727001028893',
        status: 'delivered',
        rawStatus: 'CONFIRM_RECEIPT',
        shippedAt: '2024-06-12T03:10:13Z',
        packages: [{ trackingNumber: '123432', serviceProvider: 'EX_ASP_OCEAN_EXPRESS', logisticsType: 'EXPRESS' }],
      },
    ]);
  });

  it.each([
    ['alibaba.product', '{"code":"130106","type":"ISV","message":"商品不存在","request_id":"0ba1"}', '130106', '商品不存在'],
    ['alibaba.inventory', '{"code":"0","result":{"result_code":"500","result_msg":"inventory service busy"},"request_id":"0ba2"}', '500', 'inventory service busy'],
    ['alibaba.logistics', '{"error_response":{"code":"15","msg":"Remote service error","sub_code":"isv.trade-not-exist","sub_msg":"trade not exist","request_id":"0ba3"}}', '15', 'trade not exist'],
  ])('%s: exits 1 with the vendor code and message of an error reply', async (kind, body, code, message) => {
    const r = await caravanMap(kind, write(`${kind}-error.json`, body));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(code);
    expect(r.stderr).toContain(message);
  });

  it('names what a file of another kind holds', async () => {
    const a = await caravanMap('alibaba.inventory', join(AB, 'openapi-v2-guide/get_order_list__example_response.json'));
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('holds no Alibaba.com stock');
    const b = await caravanMap('alibaba.logistics', join(AB, 'openapi-v2-guide/order_fund_query__example_response.json'));
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('holds no Alibaba.com logistics');
  });
});
