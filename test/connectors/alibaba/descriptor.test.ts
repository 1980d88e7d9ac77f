/**
 * Alibaba.com in the registry: a tenants file declaring `vendor: alibaba`, and the four
 * capabilities over nock — orders paged by the modified window and read whole, listings added
 * or updated by SKU (the index read from the product pages once), the one-by-one feeds read
 * back as done feeds, stock grouped per product, shipment confirmations checked before sending.
 */
import { createLogger } from '../../../worker/logger.js';
import { describe, expect, it } from 'vitest';
import type { AlibabaFeedResults, AlibabaListingReply, AlibabaQuantityReply } from '../../../connectors/alibaba/schemas/submission.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability } from '../../../connectors/registry.js';
import { parseTenantsConfig } from '../../../config/tenants-config.js';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { ACCESS, APP_KEY, APP_SECRET, fixture, REFRESH, restEndpoint, sampleBody, type Form } from './kit.js';

isolateNetworkPerTest();

function connect() {
  const connector = connectorFor('alibaba').connect({
    tenant: 'acme',
    settings: connectorFor('alibaba').settings.parse({ appKey: APP_KEY }),
    credentials: { appSecret: APP_SECRET, accessToken: ACCESS, refreshToken: REFRESH },
    limiter: new RateLimiterRegistry(),
    logger: createLogger({ level: 'silent' }),
  });
  return {
    orders: requireCapability(connector, 'orderSource', 'acme/alibaba'),
    listings: requireCapability(connector, 'listingTarget', 'acme/alibaba'),
    stock: requireCapability(connector, 'inventoryTarget', 'acme/alibaba'),
    shipments: requireCapability(connector, 'shipmentConfirmer', 'acme/alibaba'),
  };
}

/** The product pages the SKU index reads: one page, one product with two SKUs. */
function catalogue(): void {
  restEndpoint('/alibaba/icbu/product/list', [], { code: '0', value: { total_item: '1', products: [{ id: '9007199254740993', product_id: '7kqpzmwvbxtqaa' }] }, request_id: 'r-l' });
  restEndpoint('/alibaba/icbu/product/get', [], fixture('constructed/product_get__flask_zh.json'));
}

describe('Alibaba.com in a tenants file', () => {
  it('takes a connection declaring vendor alibaba, applying the marketplace default, and names a bad app key', () => {
    const raw = (settings: object) => ({ tenants: { demo: { connections: { alibaba: { vendor: 'alibaba', settings, secrets: { appSecret: { env: 'S' }, refreshToken: { env: 'R' } } } } } } });
    const c = parseTenantsConfig(raw({ appKey: '45678901', endpoint: 'http://127.0.0.1:4020' }), {}).tenants.demo!.connections.alibaba!;
    expect(c.vendor).toBe('alibaba');
    expect(c.settings).toMatchObject({ appKey: '45678901', marketplaceIds: ['ALIBABA'] });
    expect(() => parseTenantsConfig(raw({ appKey: 'key' }), {})).toThrow(/tenants\.demo\.connections\.alibaba\.settings\.appKey: must be the numeric Alibaba\.com app key/);
  });
});

describe('Alibaba.com orderSource', () => {
  it('lists a page by the modified window, reads each order whole, and continues by start_page', async () => {
    const { orders } = connect();
    const list: Form[] = [];
    restEndpoint('/alibaba/order/list', list, '{"code":"0","value":{"total_count":"30","order_list":[{"trade_id":9123456789012345678,"trade_status":"undeliver","modify_date":{"timestamp":"1772384400000"}}]},"request_id":"r"}');
    const get: Form[] = [];
    restEndpoint('/alibaba/order/get', get, sampleBody('openapi-v2-guide/get_order_details__example_response.json'));
    const page = await orders.listOrders({ window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }, pageSize: 20 });
    expect(list[0]).toMatchObject({ role: 'seller', start_page: '0', page_size: '20' });
    expect(get[0]).toMatchObject({ e_trade_id: '9123456789012345678' });
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({ id: '9123456789012345678', order: { trade_status: 'unpay', order_products: [{ product_id: expect.any(String) }] } });
    expect(page.cursor).toBe('1');
    expect(orders.maxPageSize).toBe(20);
  });
});

describe('Alibaba.com listingTarget', () => {
  it('adds a product for a SKU the seller lacks, then updates it by the id it got, without reading the pages again', async () => {
    const { listings } = connect();
    catalogue();
    const add: Form[] = [];
    restEndpoint('/alibaba/icbu/product/add', add, '{"code":"0","value":{"product_id":9123456789012345678},"request_id":"r-add"}');
    const doc = { subject: '保温杯 500ml', category_id: 100009031, sku_code: 'FLASK-500' };
    const first = (await listings.putListing({ sku: 'FLASK-500', request: doc })) as AlibabaListingReply;
    expect(first).toEqual({ sku: 'FLASK-500', operation: 'add', status: 'accepted', productId: '9123456789012345678', requestId: 'r-add', issues: [] });
    expect(JSON.parse(add[0]!.product!)).toEqual(doc);
    const update: Form[] = [];
    restEndpoint('/alibaba/icbu/product/update', update, { code: '0', value: { product_id: '9123456789012345678' }, request_id: 'r-up' });
    const second = (await listings.putListing({ sku: 'FLASK-500', request: doc })) as AlibabaListingReply;
    expect(second).toMatchObject({ operation: 'update', status: 'accepted', productId: '9123456789012345678' });
    expect(update[0]).toMatchObject({ product_id: '9123456789012345678' });
  });

  it('updates the product that carries a known SKU, and reports a refusal as a rejected reply with the code', async () => {
    const { listings } = connect();
    catalogue();
    restEndpoint('/alibaba/icbu/product/update', [], { code: '0', result: { success: false, error_code: 'PRODUCT_SUBJECT_INVALID', error_message: '标题含违禁词' }, request_id: 'r-bad' });
    const reply = (await listings.putListing({ sku: 'FLASK-350-BLU', request: { subject: 'x', category_id: 100009031 } })) as AlibabaListingReply;
    expect(reply).toMatchObject({ operation: 'update', status: 'rejected', productId: '7kqpzmwvbxtqaa', requestId: 'r-bad', issues: [{ code: 'PRODUCT_SUBJECT_INVALID' }] });
    expect(reply.issues[0]!.message).toContain('标题含违禁词');
  });

  it('validates locally: a document without a numeric category is rejected, a good one valid, nothing sent', async () => {
    const { listings } = connect();
    expect(await listings.validateListing({ sku: 'A', request: { subject: 'x', category_id: '100009031' } })).toMatchObject({ status: 'valid', operation: 'validate' });
    expect(await listings.validateListing({ sku: 'A', request: { subject: 'x' } })).toMatchObject({ status: 'rejected', issues: [{ code: 'category_id' }] });
    await expect(listings.validateListing({ sku: 'A', request: 'not a document' })).rejects.toThrow(/must be the product document/);
  });

  it('sends a feed one by one and reads it back as a done feed with one reply per SKU', async () => {
    const { listings } = connect();
    catalogue();
    restEndpoint('/alibaba/icbu/product/update', [], { code: '0', value: { product_id: '7kqpzmwvbxtqaa' }, request_id: 'r1' });
    restEndpoint('/alibaba/icbu/product/add', [], { code: '0', value: { is_success: false, error_code: 'CATEGORY_INVALID', error_msg: 'category closed' }, request_id: 'r2' });
    const submission = await listings.submitListingsFeed([
      { sku: 'FLASK-350-RED', product: { subject: 'a', category_id: 1 } },
      { sku: 'NEW-1', product: { subject: 'b', category_id: 2 } },
    ]);
    expect(submission.feeds).toHaveLength(1);
    const { feedId, skus, messages } = submission.feeds[0]!;
    expect({ skus, messages }).toEqual({ skus: ['FLASK-350-RED', 'NEW-1'], messages: 2 });
    const status = await listings.feedStatus(feedId);
    expect(status).toMatchObject({ state: 'done', resultDocumentId: feedId });
    const results = (await listings.feedResults(status.resultDocumentId!)) as AlibabaFeedResults;
    expect(results.results.map((r) => [r.sku, r.status])).toEqual([
      ['FLASK-350-RED', 'accepted'],
      ['NEW-1', 'rejected'],
    ]);
    expect(await listings.feedStatus('alibaba-listings-1-99')).toMatchObject({ state: 'fatal', rawStatus: 'UNKNOWN_TO_THIS_WORKER' });
    await expect(listings.submitListingsFeed([{ sku: 'X' }])).rejects.toThrow(/message 1 must be \{ sku, product \}/);
  });

  it('gives the category schema as the product type schema', async () => {
    const { listings } = connect();
    restEndpoint('/alibaba/icbu/product/schema/get', [], fixture('constructed/product_schema_get__text.json'));
    expect(await listings.productTypeSchema!('100009031', 'ALIBABA')).toMatchObject({ schema: { type: 'object' } });
  });
});

describe('Alibaba.com inventoryTarget', () => {
  it('sets stock in one call per product and rejects a SKU no product carries without a call', async () => {
    const { stock } = connect();
    catalogue();
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/inventory/update', seen, { code: '0', result: { success: true }, request_id: 'r-inv' });
    const out = await stock.setQuantities([
      { sku: 'FLASK-350-RED', marketplaceId: 'ALIBABA', quantity: 5 },
      { sku: 'UNKNOWN', marketplaceId: 'ALIBABA', quantity: 1 },
      { sku: 'FLASK-350-BLU', marketplaceId: 'ALIBABA', quantity: 0 },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ product_id: '7kqpzmwvbxtqaa' });
    expect(JSON.parse(seen[0]!.sku_inventory_list!)).toEqual([{ sku_code: 'FLASK-350-RED', inventory: 5 }, { sku_code: 'FLASK-350-BLU', inventory: 0 }]);
    expect(out.map((s) => [s.sku, (s.submission as AlibabaQuantityReply).status])).toEqual([
      ['FLASK-350-RED', 'accepted'],
      ['UNKNOWN', 'rejected'],
      ['FLASK-350-BLU', 'accepted'],
    ]);
    await expect(stock.setQuantities([{ sku: 'A', marketplaceId: 'ATVPDKIKX0DER', quantity: 1 }])).rejects.toThrow(/not Alibaba\.com's/);
  });

  it('reports a quantities feed as one done feed for the ALIBABA marketplace', async () => {
    const { stock, listings } = connect();
    catalogue();
    restEndpoint('/alibaba/icbu/product/inventory/update', [], { code: '0', result: { success: false, error_code: 'SKU_LOCKED', error_message: 'sku locked' }, request_id: 'r' });
    const { feeds } = await stock.submitQuantitiesFeed([{ sku: 'FLASK-350-RED', marketplaceId: 'ALIBABA', quantity: 3 }]);
    expect(feeds).toEqual([{ feedId: expect.stringMatching(/^alibaba-quantities-/), marketplaceId: 'ALIBABA', skus: ['FLASK-350-RED'], messages: 1 }]);
    const results = (await listings.feedResults(feeds[0]!.feedId)) as AlibabaFeedResults;
    expect(results.results[0]).toMatchObject({ sku: 'FLASK-350-RED', status: 'rejected', issues: [{ code: 'SKU_LOCKED' }] });
  });
});

describe('Alibaba.com shipmentConfirmer', () => {
  it('sends the notice with the order id, and refuses a bad field by name before sending', async () => {
    const { shipments } = connect();
    const seen: Form[] = [];
    restEndpoint('/alibaba/order/shipment/notify', seen, { code: '0', value: true, request_id: 'r-ship' });
    expect(await shipments.confirmShipment('234193410001028893', { logistics_company: 'DHL', tracking_number: 'JD0001', ship_date: '2026-03-02' })).toEqual({ requestId: 'r-ship' });
    expect(seen[0]).toMatchObject({ trade_id: '234193410001028893', logistics_company: 'DHL', tracking_number: 'JD0001', ship_date: '2026-03-02' });
    const e = await rejection(shipments.confirmShipment('234193410001028893', { logistics_company: 'DHL', tracking_number: '', ship_date: '2026-03-02' }));
    expect(e.kind).toBe('validation');
    expect(e.message).toContain('tracking_number');
  });
});
