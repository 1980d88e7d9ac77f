/**
 * batch.product.inventory.update / price.update and feed.submit / feed.query / feed.list.get
 * through the client: method, every parameter, signature, the real replies parsed, and the
 * errors inside HTTP 200 (a failed batch call, a failed feed query) typed.
 */
import { describe, expect, it } from 'vitest';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { businessParams, fixture, makeClient, syncEndpoint, type Form } from './sync-harness.js';

isolateNetworkPerTest();

describe('AliExpress batch stock and price updates', () => {
  it('inventory: mutiple_product_update_list with exact product ids; the real reply with both lists', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_batch_product_inventory_update.json'));
    const r = await client.updateInventory([{ productId: '1005004638293060123', skus: [{ skuCode: 'EAR-BLK', inventory: 7 }, { skuCode: 'EAR-WHT', inventory: 0 }] }]);
    expect(businessParams(seen[0]!, 'aliexpress.solution.batch.product.inventory.update', clock.nowMs)).toEqual({
      mutiple_product_update_list: '[{"product_id":1005004638293060123,"multiple_sku_update_list":[{"sku_code":"EAR-BLK","inventory":7},{"sku_code":"EAR-WHT","inventory":0}]}]',
    });
    expect(r.result.update_success).toBe(true);
    expect(r.result.update_failed_list?.map((p) => p.product_id)).toEqual(['123', '1234']);
    expect(r.result.update_successful_list?.map((p) => p.product_id)).toEqual(['123']);
  });

  it('price: decimals written as exact JSON numbers', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_batch_product_price_update.json'));
    await client.updatePrices([{ productId: '123', skus: [{ skuCode: 'EAR-BLK', price: '19.90' }] }]);
    expect(businessParams(seen[0]!, 'aliexpress.solution.batch.product.price.update', clock.nowMs)).toEqual({
      mutiple_product_update_list: '[{"product_id":123,"multiple_sku_update_list":[{"sku_code":"EAR-BLK","price":19.90}]}]',
    });
  });

  it('update_success=false with an error code is a validation error; more than 20 products is refused before sending', async () => {
    const { client } = makeClient();
    syncEndpoint([], fixture('constructed/aliexpress.solution.batch.product.inventory.update__update_success_false.json'));
    const e = await rejection(client.updateInventory([{ productId: '1', skus: [{ skuCode: 'A', inventory: 1 }] }]));
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 'F00-00-10000-001', requestId: '0ba2887315178178177751048' });
    expect(e.message).toContain('more than 20 products');
    const many = Array.from({ length: 21 }, (_, i) => ({ productId: String(i + 1), skus: [{ skuCode: `S${i}`, inventory: 1 }] }));
    await expect(client.updateInventory(many)).rejects.toThrow(/at most 20 products/);
    await expect(client.updateInventory([{ productId: '1', skus: [{ skuCode: 'A', inventory: -1 }] }])).rejects.toThrow(/inventory must be a whole number/);
    const skus = Array.from({ length: 201 }, (_, i) => ({ skuCode: `S${i}`, inventory: 1 }));
    await expect(client.updateInventory([{ productId: '1', skus }])).rejects.toThrow(/1 to 200 SKUs, got 201/);
    await expect(client.updatePrices([{ productId: '1', skus: [{ skuCode: 'A', price: '1,50' }] }])).rejects.toThrow(/price must be a decimal/);
  });
});

describe('AliExpress feeds', () => {
  it('feed.submit: operation_type and item_list JSON; the job id of the real reply exact', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_feed_submit.json'));
    const items = [{ item_content_id: 'EAR-BLK', item_content: '{"aliexpress_product_id":123,"multiple_sku_update_list":[{"sku_code":"EAR-BLK","inventory":7}]}' }];
    const { jobId } = await client.submitFeed('PRODUCT_STOCKS_UPDATE', items);
    expect(businessParams(seen[0]!, 'aliexpress.solution.feed.submit', clock.nowMs)).toEqual({ operation_type: 'PRODUCT_STOCKS_UPDATE', item_list: JSON.stringify(items) });
    expect(jobId).toBe('200000000060024475');
  });

  it('feed.submit refuses an unknown operation, an empty list and an item without content', async () => {
    const { client } = makeClient();
    await expect(client.submitFeed('PRODUCT_DELETE' as never, [{ item_content_id: 'a', item_content: '{}' }])).rejects.toThrow(/operation_type must be one of/);
    await expect(client.submitFeed('PRODUCT_CREATE', [])).rejects.toThrow(/1 to 2000 items/);
    await expect(client.submitFeed('PRODUCT_CREATE', [{ item_content_id: 'a' }])).rejects.toThrow(/item_list\[0\]\.item_content/);
  });

  it('feed.query: job_id sent; item results of the real reply', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_feed_query.json'));
    const { result } = await client.queryFeed('200000000060054475');
    expect(businessParams(seen[0]!, 'aliexpress.solution.feed.query', clock.nowMs)).toEqual({ job_id: '200000000060054475' });
    expect(result).toMatchObject({ job_id: '200000000060054475', success_item_count: '1', total_item_count: '1' });
    expect(result.result_list).toEqual([{ item_content_id: 'A00000000Y1', item_execution_result: '{"productId":33030372006,"success":true}' }]);
  });

  it('feed.query: an error_code + error_message reply is a validation error', async () => {
    const { client } = makeClient();
    syncEndpoint([], fixture('constructed/aliexpress.solution.feed.query__error_code.json'));
    const e = await rejection(client.queryFeed('200000000060054999'));
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 'JOB_NOT_FOUND' });
  });

  it('feed.list.get: paging and filters sent; the jobs of the real reply', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_feed_list_get.json'));
    const { result } = await client.listFeeds({ page: 3, pageSize: 20, feedType: 'PRODUCT_CREATE', status: 'PROCESSING' });
    expect(businessParams(seen[0]!, 'aliexpress.solution.feed.list.get', clock.nowMs)).toEqual({ current_page: '3', page_size: '20', feed_type: 'PRODUCT_CREATE', status: 'PROCESSING' });
    expect(result.job_list).toEqual([{ job_id: '2000000000123456', status: 'PROCESSING', operation_type: 'PRODUCT_CREATE' }]);
    expect(result.total_page).toBe('15');
  });
});
