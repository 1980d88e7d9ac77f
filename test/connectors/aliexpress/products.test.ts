/**
 * product.list.get, product.info.get, product.schema.get, schema.product.instance.post and
 * schema.product.full.update through the client: method, every parameter, signature, the
 * replies parsed (with and without simplify, ids above 2^53 exact, numbers and booleans as text),
 * and the errors inside HTTP 200 typed.
 */
import { describe, expect, it } from 'vitest';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { businessParams, fixture, makeClient, syncEndpoint, type Form } from './sync-harness.js';

isolateNetworkPerTest();

describe('AliExpress product operations', () => {
  it('product.list.get: the query JSON and the real reply (big product id exact, success beside a stale error_code)', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_product_list_get.json'));
    const page = await client.listProducts({ statusType: 'onSelling', page: 10, pageSize: 12, skuCode: 'EAR-BLK' });
    const params = businessParams(seen[0]!, 'aliexpress.solution.product.list.get', clock.nowMs);
    expect(Object.keys(params)).toEqual(['aeop_a_e_product_list_query']);
    expect(JSON.parse(params.aeop_a_e_product_list_query!)).toEqual({ current_page: 10, page_size: 12, product_status_type: 'onSelling', sku_code: 'EAR-BLK' });
    expect(page.products[0]).toMatchObject({ product_id: '23453463456346546', subject: 'knew odd', currency_code: 'USD;RUB' });
    expect(page).toMatchObject({ page: 10, hasMore: true, totalCount: '1201' });
  });

  it('product.list.get: a simplify reply (flat list, numbers as text) and a product id filter sent as an exact number', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('constructed/aliexpress.solution.product.list.get__simplify.json'));
    const page = await client.listProducts({ statusType: 'offline', page: 1, pageSize: 20, productId: '1005004638293060123' });
    expect(seen[0]!.aeop_a_e_product_list_query).toBe('{"current_page":1,"page_size":20,"product_status_type":"offline","product_id":1005004638293060123}');
    expect(page.products.map((p) => p.product_id)).toEqual(['1005004638293060123']);
    expect(page.hasMore).toBe(false);
    expect(page.requestId).toBe('0ba2887315178178177751043');
  });

  it('product.info.get: product_id sent; SKUs with prices and flags as text or numbers, Chinese text intact', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('constructed/aliexpress.solution.product.info.get__bigid_zh.json'));
    const { product } = await client.getProduct('1005004638293060123');
    expect(businessParams(seen[0]!, 'aliexpress.solution.product.info.get', clock.nowMs)).toEqual({ product_id: '1005004638293060123' });
    expect(product).toMatchObject({ product_id: '1005004638293060123', subject: '蓝牙耳机 无线降噪', category_id: '200000346' });
    expect(product.aeop_ae_product_s_k_us).toEqual([
      expect.objectContaining({ sku_code: 'EAR-BLK', sku_price: '19.90', sku_stock: true, ipm_sku_stock: '12' }),
      expect.objectContaining({ sku_code: 'EAR-WHT', sku_price: '21.5', sku_stock: false, ipm_sku_stock: '0' }),
    ]);
  });

  it('product.schema.get: aliexpress_category_id sent; the schema text parsed (and the real sample’s empty schema)', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('constructed/aliexpress.solution.product.schema.get__category_200000346.json'));
    const { schema } = await client.getProductSchema('200000346');
    expect(businessParams(seen[0]!, 'aliexpress.solution.product.schema.get', clock.nowMs)).toEqual({ aliexpress_category_id: '200000346' });
    expect(schema).toMatchObject({ type: 'object', required: ['category_id', 'title_multi_language_list', 'sku_info_list'] });
    syncEndpoint([], fixture('retailcrm-top-client/aliexpress_solution_product_schema_get.json'));
    expect((await client.getProductSchema('5090301')).schema).toEqual({});
  });

  it('schema.product.instance.post: the document as JSON text; the new product id exact', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('constructed/aliexpress.solution.schema.product.instance.post.json'));
    const doc = { category_id: 200000346, title_multi_language_list: [{ locale: 'zh_CN', title: '蓝牙耳机' }], sku_info_list: [{ sku_code: 'EAR-BLK', price: '19.90', inventory: 12 }] };
    const written = await client.postProduct(doc);
    const params = businessParams(seen[0]!, 'aliexpress.solution.schema.product.instance.post', clock.nowMs);
    expect(Object.keys(params)).toEqual(['product_instance_request']);
    expect(JSON.parse(params.product_instance_request!)).toEqual(doc);
    expect(written.productId).toBe('1005006000000000001');
  });

  it('schema.product.full.update: the document with product_id as an exact number', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('constructed/aliexpress.solution.schema.product.full.update.json'));
    const written = await client.updateProduct('1005004638293060123', { category_id: 200000346, sku_info_list: [] });
    const params = businessParams(seen[0]!, 'aliexpress.solution.schema.product.full.update', clock.nowMs);
    expect(params).toEqual({ schema_full_update_request: '{"category_id":200000346,"sku_info_list":[],"product_id":1005004638293060123}' });
    expect(written.productId).toBe('1005004638293060123');
  });

  it('instance.post: result.success=false is a validation error with the platform code', async () => {
    const { client } = makeClient();
    syncEndpoint([], fixture('constructed/aliexpress.solution.schema.product.instance.post__success_false.json'));
    const e = await rejection(client.postProduct({ category_id: 1 }));
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 'F00-00-10007-007' });
    expect(e.message).toContain('duplicate sku_code');
  });

  it('refuses bad input before sending: a product id that is not numeric, a document that is not an object', async () => {
    const { client } = makeClient();
    await expect(client.getProduct('12a')).rejects.toThrow(/product_id must be a numeric AliExpress id/);
    await expect(client.postProduct('not a document')).rejects.toThrow(/must be a JSON object/);
    await expect(client.listProducts({ statusType: 'onSelling', page: 0, pageSize: 20 })).rejects.toThrow(/current_page/);
  });
});
