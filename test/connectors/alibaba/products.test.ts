/**
 * Alibaba.com seller products through the client: list/get/schema/add/update and the stock
 * update as signed /rest forms (path, parameters, signature), their replies parsed (lists with
 * and without the wrapper, ids past 2^53 exact, Chinese text intact), business refusals typed,
 * bad requests refused before sending. No official reply samples exist (SOURCE.md): the
 * fixtures are constructed in the legacy ICBU models' shape.
 */
import { describe, expect, it } from 'vitest';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { expectedSign, fixture, makeClient, restEndpoint, type Form } from './kit.js';

isolateNetworkPerTest();

const signedOk = (path: string, form: Form) => {
  const { sign, expected } = expectedSign(path, form);
  expect(sign).toBe(expected);
};

describe('Alibaba.com products', () => {
  it('lists a page (current_page, page_size) with the wrapped list, plain ids past 2^53 exact', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/list', seen, fixture('constructed/product_list__page.json'));
    const page = await client.listProducts({ page: 1, pageSize: 30 });
    expect(seen[0]).toMatchObject({ current_page: '1', page_size: '30' });
    signedOk('/alibaba/icbu/product/list', seen[0]!);
    expect(page.products.map((p) => [p.id, p.product_id, p.subject])).toEqual([
      ['1601314875038', '6edvniewvnewovn', 'Stainless Steel Vacuum Flask 500ml'],
      ['9007199254740993', '7kqpzmwvbxtqaa', '不锈钢保温杯 350ml'],
    ]);
    expect(page).toMatchObject({ totalItem: '2', hasMore: false, requestId: '0ba2887315178178017221101' });
    await expect(client.listProducts({ page: 1, pageSize: 31 })).rejects.toThrow(/pageSize must be an integer from 1 to 30/);
  });

  it('gets one product with its SKUs, prices as text and Chinese text intact', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/get', seen, fixture('constructed/product_get__flask_zh.json'));
    const { product } = await client.getProduct('7kqpzmwvbxtqaa');
    expect(seen[0]).toMatchObject({ product_id: '7kqpzmwvbxtqaa' });
    signedOk('/alibaba/icbu/product/get', seen[0]!);
    expect(product).toMatchObject({ id: '9007199254740993', subject: '不锈钢保温杯 350ml', wholesale_trade: { price: '12.50' } });
    expect(product.product_sku?.skus?.map((s) => [s.sku_code, s.sku_id])).toEqual([
      ['FLASK-350-RED', '106117950042'],
      ['FLASK-350-BLU', '106117950043'],
    ]);
    expect(product.keywords).toEqual(['保温杯', 'vacuum flask']);
  });

  it('reads the category schema sent as JSON text', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/schema/get', seen, fixture('constructed/product_schema_get__text.json'));
    const { schema } = await client.productSchema('100009031');
    expect(seen[0]).toMatchObject({ cat_id: '100009031' });
    expect(schema).toMatchObject({ type: 'object', required: ['subject'] });
    restEndpoint('/alibaba/icbu/product/schema/get', [], { code: '0', value: { schema: '<schema/>' }, request_id: 'r' });
    const e = await rejection(client.productSchema('100009031'));
    expect(e.message).toMatch(/category schema is not JSON/);
    await expect(client.productSchema('abc')).rejects.toThrow(/cat_id must be the numeric category id/);
  });

  it('adds a product (the document as JSON text, not resent) and reads the new id', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/add', seen, '{"code":"0","value":{"product_id":9123456789012345678},"request_id":"r-add"}');
    const doc = { subject: '不锈钢保温杯', category_id: 100009031, sku_code: 'FLASK-350-RED' };
    const written = await client.addProduct(doc);
    expect(JSON.parse(seen[0]!.product!)).toEqual(doc);
    signedOk('/alibaba/icbu/product/add', seen[0]!);
    expect(written).toEqual({ productId: '9123456789012345678', requestId: 'r-add' });
  });

  it('types a refused product (result.success=false inside 200) as validation, and keeps the id on an update that answers none', async () => {
    const { client } = makeClient();
    restEndpoint('/alibaba/icbu/product/add', [], { code: '0', result: { success: false, error_code: 'PRODUCT_SUBJECT_INVALID', error_message: '标题不能为空' }, request_id: 'r-bad' });
    const e = await rejection(client.addProduct({ category_id: 1 }));
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 'PRODUCT_SUBJECT_INVALID', requestId: 'r-bad' });
    expect(e.message).toContain('标题不能为空');
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/update', seen, { code: '0', value: { success: true }, request_id: 'r-up' });
    expect(await client.updateProduct('7kqpzmwvbxtqaa', { subject: 'x' })).toEqual({ productId: '7kqpzmwvbxtqaa', requestId: 'r-up' });
    expect(seen[0]).toMatchObject({ product_id: '7kqpzmwvbxtqaa', product: '{"subject":"x"}' });
  });

  it('updates stock of one product (sku_inventory_list JSON) and refuses a negative or fractional quantity before sending', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/icbu/product/inventory/update', seen, { code: '0', result: { success: true }, request_id: 'r-inv' });
    const r = await client.updateInventory({ productId: '7kqpzmwvbxtqaa', skus: [{ sku_code: 'FLASK-350-RED', inventory: 5 }, { sku_code: 'FLASK-350-BLU', inventory: 0 }] });
    expect(seen[0]).toMatchObject({ product_id: '7kqpzmwvbxtqaa' });
    expect(JSON.parse(seen[0]!.sku_inventory_list!)).toEqual([{ sku_code: 'FLASK-350-RED', inventory: 5 }, { sku_code: 'FLASK-350-BLU', inventory: 0 }]);
    signedOk('/alibaba/icbu/product/inventory/update', seen[0]!);
    expect(r.requestId).toBe('r-inv');
    await expect(client.updateInventory({ productId: 'p', skus: [{ sku_code: 'A', inventory: -1 }] })).rejects.toThrow(/must not be negative/);
    await expect(client.updateInventory({ productId: 'p', skus: [{ sku_code: 'A', inventory: 1.5 }] })).rejects.toThrow(/whole units/);
  });
});

describe('Alibaba.com shipment notice (/alibaba/order/shipment/notify)', () => {
  it('sends trade_id, carrier, tracking number and ship date signed', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    restEndpoint('/alibaba/order/shipment/notify', seen, { code: '0', value: true, request_id: 'r-ship' });
    const r = await client.notifyShipment({ trade_id: '234193410001028893', logistics_company: 'DHL', tracking_number: '1234567890', ship_date: '2026-03-02' });
    expect(seen[0]).toMatchObject({ trade_id: '234193410001028893', logistics_company: 'DHL', tracking_number: '1234567890', ship_date: '2026-03-02' });
    signedOk('/alibaba/order/shipment/notify', seen[0]!);
    expect(r).toEqual({ requestId: 'r-ship', value: true });
  });

  it('refuses a notice with a bad field, naming it, before sending', async () => {
    const { client } = makeClient();
    const e = await rejection(client.notifyShipment({ trade_id: '1', logistics_company: 'DHL', tracking_number: 'x', ship_date: '02/03/2026' }));
    expect(e.kind).toBe('validation');
    expect(e.message).toContain('ship_date');
  });
});
