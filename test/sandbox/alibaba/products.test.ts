import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlibabaSandbox, type AlibabaSandbox } from '../../../sandbox/alibaba/index.js';
import { accessToken, call, T0, testClock, type Reply } from './alibaba-client.js';

const clock = testClock();
let sb: AlibabaSandbox;
let token: string;
beforeAll(async () => {
  sb = await startAlibabaSandbox({ clock: clock.now, seed: { count: 5, seed: 3 }, rateLimits: false, catalogueCsv: 'config/demo-catalogue/products.csv' });
  token = await accessToken(sb);
});
afterAll(async () => {
  await sb.close();
});

const api = (path: string, params: Record<string, string>): Promise<Reply> => call(sb, path, params, { accessToken: token, timestampMs: clock.now().getTime() });

type Brief = { product_id: string; subject: string; category_id: string; gmt_modified: string };
type Detail = Brief & { attributes: Record<string, unknown>; product_sku: { skus: { sku_id: string; sku_code: string; inventory: number; price: { amount: string; currency: string } }[] } };

const TEE = {
  subject: 'Organic cotton T-shirt, Sand, size XL',
  sku_code: 'TS-SAN-XL',
  price: '26.50',
  currency: 'USD',
  inventory: 40,
  color: 'sand',
  size: 'XL',
  material: 'cotton',
  brand: 'Nordwind',
};

describe('ICBU products', () => {
  it('starts with one product per demo catalogue SKU, ids as text and SKU ids as bare numbers above 2^53', async () => {
    const page1 = await api('/alibaba/icbu/product/list', { current_page: '1', page_size: '30' });
    const value = page1.json.value as { total_item: number; current_page: number; page_size: number; products: Brief[] };
    expect(value.total_item).toBe(30);
    expect(value.products).toHaveLength(30);
    expect(value.products.every((p) => /^1601\d{9}$/.test(p.product_id))).toBe(true);
    expect(page1.text).toMatch(/"product_id":"1601\d{9}"/);
    const tote = value.products.find((p) => p.subject === 'Leather tote bag, Cognac');
    if (!tote) throw new Error('no tote bag');
    const got = await api('/alibaba/icbu/product/get', { product_id: tote.product_id });
    expect(got.text).toMatch(/"sku_id":1061\d{14},/);
    const detail = (got.json.value as Detail);
    expect(BigInt(detail.product_sku.skus[0]!.sku_id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(detail).toMatchObject({ category_id: '100002856', attributes: { sku_code: 'HB-TOTE-COG', color: 'cognac', material: 'leather', brand: 'Atelier Elbe', price: '149.00' } });
    expect(detail.product_sku.skus[0]).toMatchObject({ sku_code: 'HB-TOTE-COG', price: { amount: '149.00', currency: 'USD' } });
  });

  it('serves the category schema as JSON text', async () => {
    const r = await api('/alibaba/icbu/product/schema/get', { cat_id: '100003070' });
    const value = r.json.value as { cat_id: string; schema: string };
    const schema = JSON.parse(value.schema) as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(schema.required).toEqual(['subject', 'sku_code', 'price', 'color', 'size', 'material']);
    expect(schema.properties.size?.enum).toContain('XL');
    expect((await api('/alibaba/icbu/product/schema/get', { cat_id: '1' })).json).toMatchObject({ code: 'InvalidParameter', type: 'ISV' });
  });

  it('rejects a document missing a required field with a business error in HTTP 200 naming the field', async () => {
    const { size: _size, ...noSize } = TEE;
    const r = await api('/alibaba/icbu/product/add', { cat_id: '100003070', product: JSON.stringify(noSize) });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ code: '0', result: { success: false, error_code: 'PRODUCT_SCHEMA_INVALID', error_message: 'required field "size" is missing' }, request_id: expect.any(String) });
    const wrongSize = await api('/alibaba/icbu/product/add', { cat_id: '100003070', product: JSON.stringify({ ...TEE, size: 'XXXL' }) });
    expect((wrongSize.json.result as { error_message: string }).error_message).toBe('field "size" must be one of XS, S, M, L, XL, XXL');
    const duplicate = await api('/alibaba/icbu/product/add', { cat_id: '100003070', product: JSON.stringify({ ...TEE, sku_code: 'TS-BLA-S' }) });
    expect(duplicate.json.result).toMatchObject({ success: false, error_code: 'DUPLICATE_SKU_CODE' });
    expect((await api('/alibaba/icbu/product/add', { cat_id: '100003070', product: '{not json' })).json).toMatchObject({ code: 'InvalidParameter' });
  });

  it('adds a product, lists it, updates its stock per SKU and shows it in get', async () => {
    const added = await api('/alibaba/icbu/product/add', { cat_id: '100003070', product: JSON.stringify(TEE) });
    expect(added.json).toMatchObject({ code: '0', result: { success: true, product_id: expect.stringMatching(/^1601\d{9}$/) } });
    const productId = (added.json.result as { product_id: string }).product_id;

    const list = await api('/alibaba/icbu/product/list', { current_page: '1', page_size: '5' });
    const value = list.json.value as { total_item: number; products: Brief[] };
    expect(value.total_item).toBe(31);
    expect(value.products[0]).toMatchObject({ product_id: productId, subject: TEE.subject, category_id: '100003070' });

    clock.advanceSeconds(60);
    const inv = await api('/alibaba/icbu/product/inventory/update', { product_id: productId, sku_inventory_list: JSON.stringify([{ sku_code: 'TS-SAN-XL', inventory: 7 }]) });
    expect(inv.json).toMatchObject({ code: '0', result: { success: true, product_id: productId, sku_result_list: [{ sku_code: 'TS-SAN-XL', success: true }] } });

    const got = await api('/alibaba/icbu/product/get', { product_id: productId });
    const detail = got.json.value as Detail;
    expect(detail.product_sku.skus).toEqual([{ sku_id: expect.stringMatching(/^1061\d{14}$/), sku_code: 'TS-SAN-XL', inventory: 7, price: { amount: '26.50', currency: 'USD' } }]);
    expect(detail.attributes.inventory).toBe(7);
    expect(detail.gmt_modified).toBe('2026-03-15 20:01:00'); // T0 + 60 s in UTC+8
  });

  it('answers an unknown sku_code with a per-SKU business error and applies the known ones', async () => {
    const list = (await api('/alibaba/icbu/product/list', { subject: 'crossbody bag, black' })).json.value as { products: Brief[] };
    const productId = list.products[0]!.product_id;
    const r = await api('/alibaba/icbu/product/inventory/update', {
      product_id: productId,
      sku_inventory_list: JSON.stringify([{ sku_code: 'HB-CROSS-BLA', inventory: 12 }, { sku_code: 'NOPE-1', inventory: 3 }]),
    });
    expect(r.json.result).toEqual({
      success: false,
      error_code: '10005',
      error_message: `sku_code "NOPE-1" is not a SKU of product ${productId}`,
      product_id: productId,
      sku_result_list: [
        { sku_code: 'HB-CROSS-BLA', success: true },
        { sku_code: 'NOPE-1', success: false, error_code: '10005', error_message: `sku_code "NOPE-1" is not a SKU of product ${productId}` },
      ],
    });
    const detail = (await api('/alibaba/icbu/product/get', { product_id: productId })).json.value as Detail;
    expect(detail.product_sku.skus[0]?.inventory).toBe(12);
    expect((await api('/alibaba/icbu/product/inventory/update', { product_id: productId, sku_inventory_list: '[{"sku_code":"HB-CROSS-BLA","inventory":-1}]' })).json).toMatchObject({ code: 'InvalidParameter' });
    expect((await api('/alibaba/icbu/product/inventory/update', { product_id: '1600000000000', sku_inventory_list: '[{"sku_code":"X","inventory":1}]' })).json.result).toMatchObject({ success: false, error_code: '130106' });
  });

  it('updates a product document (validated against its category) and get reflects it', async () => {
    const list = (await api('/alibaba/icbu/product/list', { subject: 'porcelain mug, white, 250' })).json.value as { products: Brief[] };
    const productId = list.products[0]!.product_id;
    const before = (await api('/alibaba/icbu/product/get', { product_id: productId })).json.value as Detail;
    const doc = { subject: 'Porcelain mug, White, 250 ml (gift box)', sku_code: 'MUG-WHI-250', price: '13.90', material: 'porcelain', size: '250 ml', color: 'white' };
    const r = await api('/alibaba/icbu/product/update', { product_id: productId, product: JSON.stringify(doc) });
    expect(r.json).toMatchObject({ code: '0', result: { success: true, product_id: productId } });
    const after = (await api('/alibaba/icbu/product/get', { product_id: productId })).json.value as Detail;
    expect(after.subject).toBe(doc.subject);
    expect(after.product_sku.skus[0]).toMatchObject({ sku_id: before.product_sku.skus[0]!.sku_id, price: { amount: '13.90' }, inventory: before.product_sku.skus[0]!.inventory });
    const bad = await api('/alibaba/icbu/product/update', { product_id: productId, product: JSON.stringify({ ...doc, material: undefined }) });
    expect(bad.json.result).toMatchObject({ success: false, error_message: 'required field "material" is missing' });
    expect((await api('/alibaba/icbu/product/get', { product_id: '1600000000000' })).json).toMatchObject({ code: '130106', type: 'ISV' });
  });

  it('is deterministic, and the embedded SKU list is the demo catalogue CSV: same seed, same catalogue', async () => {
    const again = await startAlibabaSandbox({ clock: () => new Date(T0), seed: { count: 5, seed: 3 } });
    try {
      const t = await accessToken(again);
      const a = await call(again, '/alibaba/icbu/product/list', { subject: 'organic', page_size: '30' }, { accessToken: t });
      const b = await api('/alibaba/icbu/product/list', { subject: 'organic', page_size: '30' });
      const ids = (r: Reply): string[] => (r.json.value as { products: Brief[] }).products.map((p) => p.product_id).sort();
      // The 12 catalogue T-shirts; the first sandbox also has the one added above.
      expect(ids(a)).toHaveLength(12);
      expect(ids(b)).toHaveLength(13);
      expect(ids(b).filter((id) => ids(a).includes(id))).toEqual(ids(a));
    } finally {
      await again.close();
    }
  });
});
