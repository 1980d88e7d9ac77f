/** Alibaba.com products → canonical Listings (one per SKU code): prices in the stated currency from decimal text, Chinese text intact, statuses with the raw kept. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlibabaProductSchema } from '../../../connectors/alibaba/index.js';
import { parseJsonLosslessly } from '../../../connectors/http/lossless-json.js';
import { alibabaListingStatus, alibabaProductToListings } from '../../../mappings/alibaba/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'alibaba');
function product(rel: string) {
  const r = parseJsonLosslessly(readFileSync(join(FIX, rel), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return AlibabaProductSchema.parse((r.value as { value: unknown }).value);
}
const ctx = { channel: 'alibaba' };

describe('alibabaProductToListings', () => {
  it('maps each SKU of a product: first bulk price in dollars, stock summed over warehouses, Chinese subject intact', () => {
    const r = alibabaProductToListings(product('constructed/product_get__flask_zh.json'), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      {
        channel: 'alibaba',
        vendor: 'alibaba',
        sku: 'FLASK-350-RED',
        marketplace: { id: 'ALIBABA', country: 'CN', name: 'Alibaba.com' },
        title: { en: '不锈钢保温杯 350ml' },
        description: { en: '<p>双层真空，保温12小时</p>' },
        price: { amountMinor: 1250, currency: 'USD' },
        quantity: 120,
        status: 'active',
        rawStatus: 'approved',
        fulfilment: 'merchant',
        refs: { productId: '7kqpzmwvbxtqaa', id: '9007199254740993', skuId: '106117950042', categoryId: '100009031', display: 'Y' },
      },
      expect.objectContaining({ sku: 'FLASK-350-BLU', price: { amountMinor: 1250, currency: 'USD' }, quantity: 10, refs: expect.objectContaining({ skuId: '106117950043' }) }),
    ]);
  });

  it('prices an inquiry product in its FOB currency, keeps an FOB amount without one unpriced, and reads the single-SKU code', () => {
    const base = { product_id: 'p1', subject: 'Mug', language: 'SPANISH', status: 'sketch', sku_code: 'MUG-1' };
    const fob = alibabaProductToListings(AlibabaProductSchema.parse({ ...base, sourcing_trade: { fob_currency: 'EUR', fob_min_price: '3.5', fob_max_price: '4' } }), ctx);
    expect(fob).toMatchObject({ ok: true, value: [{ sku: 'MUG-1', title: { es: 'Mug' }, price: { amountMinor: 350, currency: 'EUR' }, status: 'incomplete', rawStatus: 'sketch' }] });
    const bare = alibabaProductToListings(AlibabaProductSchema.parse({ ...base, sourcing_trade: { fob_min_price: '3.50' } }), ctx);
    expect(bare).toMatchObject({ ok: true, value: [{ unpricedAmount: '3.50' }] });
    expect(bare.ok && bare.value[0]!.price).toBeUndefined();
  });

  it('names the product and field of what it cannot map: no SKU code, a price with too many decimals, a bad count', () => {
    const none = alibabaProductToListings(AlibabaProductSchema.parse({ product_id: 'p2', subject: 'x' }), ctx);
    expect(none).toMatchObject({ ok: false, error: { recordType: 'alibaba.product', recordId: 'p2', issues: [{ field: 'product_sku.skus' }] } });
    const bad = alibabaProductToListings(
      AlibabaProductSchema.parse({ product_id: 'p3', product_sku: { skus: [{ sku_code: 'A', bulk_discount_prices: [{ start_quantity: 1, price: '1.005' }] }, { sku_code: 'B', inventory: '2.5' }] }, wholesale_trade: { price: '1' } }),
      ctx,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues.map((i) => i.field)).toEqual(['product_sku.skus[0].bulk_discount_prices[0].price', 'product_sku.skus[1].inventory']);
  });

  it('maps the review statuses with display', () => {
    expect([
      alibabaListingStatus('approved', 'Y'),
      alibabaListingStatus('approved', 'N'),
      alibabaListingStatus('sketch', undefined),
      alibabaListingStatus('tbd', 'N'),
      alibabaListingStatus('modified', 'Y'),
      alibabaListingStatus('deleted', undefined),
    ]).toEqual(['active', 'inactive', 'incomplete', 'inactive', 'inactive', undefined]);
  });
});
