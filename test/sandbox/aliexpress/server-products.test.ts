import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from './gateway-client.js';

let current: Gateway | undefined;
afterEach(async () => {
  await current?.sandbox.close();
  current = undefined;
});
async function start(...args: Parameters<typeof startGateway>) {
  const started = await startGateway(...args);
  current = started.gw;
  return started;
}

const tshirt = (skuCode: string, extra: Record<string, unknown> = {}) => ({
  category_id: 200000346,
  locale: 'en_US',
  title_multi_language_list: [{ locale: 'en_US', title: 'Linen T-shirt, Sand' }, { locale: 'es_ES', title: 'Camiseta de lino, Arena' }],
  product_units_type: '100000015',
  image_url_list: ['https://images.caravan-demo.example/tshirt/linen-sand.jpg'],
  package_weight: 0.2,
  brand_name: 'Nordwind',
  material: 'linen',
  sku_info_list: [{ sku_code: skuCode, price: '31.00', inventory: 12 }],
  ...extra,
});

describe('product schema and posting', () => {
  it('serves each category schema as JSON text, and a business error for an unknown category', async () => {
    const { gw, token } = await start();
    const reply = await gw.call('aliexpress.solution.product.schema.get', { aliexpress_category_id: '200000346' }, { accessToken: token });
    const result = reply.body.aliexpress_solution_product_schema_get_response.result;
    expect(result.success).toBe(true);
    const schema = JSON.parse(result.schema as string) as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['category_id', 'sku_info_list', 'brand_name', 'material']));
    const unknown = await gw.call('aliexpress.solution.product.schema.get', { aliexpress_category_id: '1' }, { accessToken: token });
    expect(unknown.body.aliexpress_solution_product_schema_get_response.result).toMatchObject({ success: false, error_code: 'CATEGORY_INVALID' });
  });

  it('refuses a document that misses a required field, naming it, inside HTTP 200', async () => {
    const { gw, token } = await start();
    const { material: _m, ...withoutMaterial } = tshirt('TS-LIN-SAN');
    const missing = await gw.call('aliexpress.solution.schema.product.instance.post', { product_instance_request: withoutMaterial }, { accessToken: token });
    expect(missing.status).toBe(200);
    expect(missing.body.aliexpress_solution_schema_product_instance_post_response.result).toEqual({
      success: false,
      error_code: 'SCHEMA_VALIDATION_FAILED',
      error_message: 'the product does not match the schema of category 200000346: material: is required',
    });
    const badSku = await gw.call('aliexpress.solution.schema.product.instance.post', { product_instance_request: tshirt('TS-LIN-SAN', { sku_info_list: [{ sku_code: 'X', price: '1,50', inventory: 1 }] }) }, { accessToken: token });
    expect(badSku.body.aliexpress_solution_schema_product_instance_post_response.result.error_message).toContain('sku_info_list[0].price');
    const taken = await gw.call('aliexpress.solution.schema.product.instance.post', { product_instance_request: tshirt('TS-BLA-M') }, { accessToken: token });
    expect(taken.body.aliexpress_solution_schema_product_instance_post_response.result).toMatchObject({ success: false, error_code: 'F00-00-10007-007' });
  });

  it('posts a product (new id above 2^53), lists it, updates its stock and price, and shows the new stock', async () => {
    const { gw, token } = await start();
    const posted = await gw.call('aliexpress.solution.schema.product.instance.post', { product_instance_request: tshirt('TS-LIN-SAN') }, { accessToken: token });
    const { product_id: productId } = posted.body.aliexpress_solution_schema_product_instance_post_response.result as { product_id: string };
    expect(posted.text).toContain(`"product_id":${productId}`);
    expect(BigInt(productId) > 2n ** 53n).toBe(true);

    const listed = await gw.call('aliexpress.solution.product.list.get', { aeop_a_e_product_list_query: { product_status_type: 'onSelling', page_size: 50, current_page: 1 } }, { accessToken: token });
    const result = listed.body.aliexpress_solution_product_list_get_response.result;
    expect(result.product_count).toBe(31);
    expect((result.aeop_a_e_product_display_d_t_o_list.item_display_dto as { product_id: string; subject: string }[]).find((p) => p.product_id === productId)).toMatchObject({
      subject: 'Linen T-shirt, Sand',
      product_min_price: '31.00',
      currency_code: 'USD',
    });

    const stock = await gw.call(
      'aliexpress.solution.batch.product.inventory.update',
      {
        mutiple_product_update_list: `[{"product_id":${productId},"multiple_sku_update_list":[{"sku_code":"TS-LIN-SAN","inventory":7}]},{"product_id":${productId},"multiple_sku_update_list":[{"sku_code":"NOPE","inventory":1}]},{"product_id":10050069999999999,"multiple_sku_update_list":[{"sku_code":"TS-LIN-SAN","inventory":1}]}]`,
      },
      { accessToken: token },
    );
    const update = stock.body.aliexpress_solution_batch_product_inventory_update_response;
    expect(update.update_success).toBe(false);
    expect(update.update_successful_list.synchronize_product_response_dto).toEqual([{ product_id: productId }]);
    expect(update.update_failed_list.synchronize_product_response_dto).toEqual([
      { product_id: productId, error_code: 'SKU_NOT_FOUND', error_message: `multiple_sku_update_list[0].sku_code "NOPE" is not a SKU of product ${productId}` },
      { product_id: '10050069999999999', error_code: 'PRODUCT_NOT_FOUND', error_message: 'product 10050069999999999 does not exist or does not belong to this seller' },
    ]);
    expect(stock.text).toContain('{"product_id":10050069999999999,');

    const price = await gw.call('aliexpress.solution.batch.product.price.update', { mutiple_product_update_list: [{ product_id: productId, multiple_sku_update_list: [{ sku_code: 'TS-LIN-SAN', price: '29.9' }] }] }, { accessToken: token });
    expect(price.body.aliexpress_solution_batch_product_price_update_response.update_success).toBe(true);

    const info = await gw.call('aliexpress.solution.product.info.get', { product_id: productId }, { accessToken: token });
    const product = info.body.aliexpress_solution_product_info_get_response.result;
    expect(product).toMatchObject({ success: true, product_id: productId, category_id: 200000346, subject: 'Linen T-shirt, Sand', product_status_type: 'onSelling' });
    expect(product.aeop_ae_product_s_k_us.global_aeop_ae_product_sku).toEqual([expect.objectContaining({ sku_code: 'TS-LIN-SAN', sku_price: '29.90', ipm_sku_stock: 7, sku_stock: true })]);
    expect(gw.sandbox.stock()['TS-LIN-SAN']).toBe(7);
  });

  it('replaces a product with full.update, and refuses an unknown product id', async () => {
    const { gw, token } = await start();
    const posted = await gw.call('aliexpress.solution.schema.product.instance.post', { product_instance_request: tshirt('TS-LIN-SAN') }, { accessToken: token });
    const productId = posted.body.aliexpress_solution_schema_product_instance_post_response.result.product_id as string;
    const doc = tshirt('TS-LIN-SAN', { title_multi_language_list: [{ locale: 'en_US', title: 'Linen T-shirt, Sand (new)' }], sku_info_list: [{ sku_code: 'TS-LIN-SAN', price: '33.00', inventory: 3 }] });
    const updated = await gw.call('aliexpress.solution.schema.product.full.update', { schema_full_update_request: `{"product_id":${productId},${JSON.stringify(doc).slice(1)}` }, { accessToken: token });
    expect(updated.body.aliexpress_solution_schema_product_full_update_response.result).toEqual({ success: true, product_id: productId });
    const info = await gw.call('aliexpress.solution.product.info.get', { product_id: productId }, { accessToken: token, simplify: true });
    expect(info.body.result.subject).toBe('Linen T-shirt, Sand (new)');
    expect(info.body.result.multi_language_subject_list).toEqual([{ locale: 'en_US', subject: 'Linen T-shirt, Sand (new)' }]);
    expect(info.body.result.gross_weight).toBe('0.200');
    expect(info.body.result.aeop_ae_product_s_k_us).toEqual([expect.objectContaining({ sku_code: 'TS-LIN-SAN', sku_price: '33.00', ipm_sku_stock: 3 })]);
    const unknown = await gw.call('aliexpress.solution.schema.product.full.update', { schema_full_update_request: { ...doc, product_id: '10050069999999999' } }, { accessToken: token });
    expect(unknown.body.aliexpress_solution_schema_product_full_update_response.result).toMatchObject({ success: false, error_code: 'PRODUCT_NOT_FOUND' });
  });
});

describe('product.list.get query (ItemListQuery)', () => {
  it('finds a product by seller SKU code, excludes ids, and refuses a page size of 100 or more', async () => {
    const { gw, token } = await start();
    const bySku = await gw.call('aliexpress.solution.product.list.get', { aeop_a_e_product_list_query: { sku_code: 'MUG-SAN-450' } }, { accessToken: token, simplify: true });
    const found = bySku.body.result.aeop_a_e_product_display_d_t_o_list as { product_id: string; subject: string }[];
    expect(found).toEqual([expect.objectContaining({ subject: 'Porcelain mug, Sand, 450 ml', product_min_price: '18.60' })]);
    const excepted = await gw.call('aliexpress.solution.product.list.get', { aeop_a_e_product_list_query: `{"sku_code":"MUG-SAN-450","excepted_product_ids":[${found[0]!.product_id}]}` }, { accessToken: token });
    expect(excepted.body.aliexpress_solution_product_list_get_response.result.product_count).toBe(0);
    const tooBig = await gw.call('aliexpress.solution.product.list.get', { aeop_a_e_product_list_query: { page_size: 100 } }, { accessToken: token });
    expect(tooBig.body.error_response).toMatchObject({ code: 'InvalidParameter', msg: 'aeop_a_e_product_list_query.page_size must be less than 100' });
    const offline = await gw.call('aliexpress.solution.product.list.get', { aeop_a_e_product_list_query: { product_status_type: 'offline' } }, { accessToken: token });
    expect(offline.body.aliexpress_solution_product_list_get_response.result).toMatchObject({ product_count: 0, total_page: 0 });
  });
});

describe('feed jobs', () => {
  it('moves a job QUEUEING → PROCESSING → FINISH on the sandbox clock, then gives per-item results and the changed stock', async () => {
    const { gw, token, clock } = await start();
    const target = (await gw.call('aliexpress.solution.product.list.get', { aeop_a_e_product_list_query: { subject: 'evening clutch, black' } }, { accessToken: token })).body
      .aliexpress_solution_product_list_get_response.result.aeop_a_e_product_display_d_t_o_list.item_display_dto[0].product_id as string;
    const submitted = await gw.call(
      'aliexpress.solution.feed.submit',
      {
        operation_type: 'PRODUCT_STOCKS_UPDATE',
        item_list: [
          { item_content_id: 'A1', item_content: `{"aliexpress_product_id":${target},"multiple_sku_update_list":[{"sku_code":"HB-CLUTCH-BLA","inventory":4}]}` },
          { item_content_id: 'A2', item_content: JSON.stringify({ aliexpress_product_id: target, multiple_sku_update_list: [{ sku_code: 'HB-CLUTCH-BLA', inventory: -1 }] }) },
        ],
      },
      { accessToken: token },
    );
    const jobId = submitted.body.aliexpress_solution_feed_submit_response.job_id as string;
    expect(submitted.text).toMatch(/\{"aliexpress_solution_feed_submit_response":\{"job_id":2\d{17},"request_id"/);
    const status = async () => (await gw.call('aliexpress.solution.feed.list.get', {}, { accessToken: token })).body.aliexpress_solution_feed_list_get_response.job_list.batch_operation_job_dto[0];
    expect(await status()).toEqual({ job_id: jobId, operation_type: 'PRODUCT_STOCKS_UPDATE', status: 'QUEUEING' });
    const early = await gw.call('aliexpress.solution.feed.query', { job_id: jobId }, { accessToken: token });
    expect(early.body.aliexpress_solution_feed_query_response).toMatchObject({ job_id: jobId, total_item_count: 2, success_item_count: 0, result_list: { single_item_response_dto: [] } });
    clock.advanceSeconds(1);
    expect((await status()).status).toBe('PROCESSING');
    expect(gw.sandbox.stock()['HB-CLUTCH-BLA']).not.toBe(4);
    clock.advanceSeconds(2);
    expect((await status()).status).toBe('FINISH');
    const done = await gw.call('aliexpress.solution.feed.query', { job_id: jobId }, { accessToken: token });
    const results = done.body.aliexpress_solution_feed_query_response;
    expect(results.success_item_count).toBe(1);
    const items = results.result_list.single_item_response_dto as { item_content_id: string; item_execution_result: string }[];
    expect(items[0]).toEqual({ item_content_id: 'A1', item_execution_result: `{"productId":${target},"success":true}` });
    expect(items[1]!.item_content_id).toBe('A2');
    expect(items[1]!.item_execution_result).toContain('"success":false,"errorCode":"INVENTORY_INVALID"');
    expect(gw.sandbox.stock()['HB-CLUTCH-BLA']).toBe(4);
  });

  it('creates products from a PRODUCT_CREATE feed and lists the job with simplify', async () => {
    const { gw, token, clock } = await start();
    const submitted = await gw.call('aliexpress.solution.feed.submit', { operation_type: 'PRODUCT_CREATE', item_list: [{ item_content_id: 'new-1', item_content: JSON.stringify(tshirt('TS-LIN-OLI')) }] }, { accessToken: token });
    const jobId = submitted.body.aliexpress_solution_feed_submit_response.job_id as string;
    clock.advanceSeconds(3);
    const listed = await gw.call('aliexpress.solution.feed.list.get', { status: 'FINISH', submitted_time_start: '2026-03-15 04:59:00' }, { accessToken: token, simplify: true });
    expect(listed.body.job_list).toEqual([{ job_id: jobId, operation_type: 'PRODUCT_CREATE', status: 'FINISH' }]);
    const before = await gw.call('aliexpress.solution.feed.list.get', { submitted_time_end: '2026-03-15 04:59:00' }, { accessToken: token, simplify: true });
    expect(before.body.job_list).toEqual([]);
    const done = await gw.call('aliexpress.solution.feed.query', { job_id: jobId }, { accessToken: token, simplify: true });
    const result = JSON.parse((done.body.result_list as { item_execution_result: string }[])[0]!.item_execution_result.replace(/:(\d{16,})/, ':"$1"')) as { productId: string; success: boolean };
    expect(result.success).toBe(true);
    expect(gw.sandbox.stock()['TS-LIN-OLI']).toBe(12);
    expect(gw.sandbox.stats()).toMatchObject({ products: 31, feedJobs: 1 });
  });

  it('refuses an unknown operation type or an empty item list as the gateway does', async () => {
    const { gw, token } = await start();
    expect((await gw.call('aliexpress.solution.feed.submit', { operation_type: 'PRODUCT_DELETE', item_list: [] }, { accessToken: token })).body.error_response.code).toBe('InvalidParameter');
    expect((await gw.call('aliexpress.solution.feed.submit', { operation_type: 'PRODUCT_CREATE', item_list: [] }, { accessToken: token })).body.error_response.code).toBe('InvalidParameter');
  });
});
