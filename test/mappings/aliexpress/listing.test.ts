/**
 * AliExpress products → canonical Listings on the samples (test/fixtures/aliexpress/SOURCE.md):
 * one listing per SKU, price in the currency the SKU states from its decimal text, stock,
 * status with the raw status kept, Chinese text intact, times from US Pacific, and refusals
 * naming the record and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AliexpressProductSchema, type AliexpressProduct } from '../../../connectors/aliexpress/schemas/catalog.js';
import { parseJsonLosslessly } from '../../../connectors/http/lossless-json.js';
import { aliexpressProductToListings, localeOfText } from '../../../mappings/aliexpress/listing.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'aliexpress');
function productOf(rel: string): AliexpressProduct {
  const parsed = parseJsonLosslessly(readFileSync(join(FIX, rel), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const envelope = Object.values(parsed.value as Record<string, { result: unknown }>)[0]!;
  return AliexpressProductSchema.parse(envelope.result);
}

describe('aliexpressProductToListings', () => {
  it('maps each SKU of product.info.get to a listing (price per SKU, stock, Chinese title, times in UTC)', () => {
    const results = aliexpressProductToListings(productOf('constructed/aliexpress.solution.product.info.get__bigid_zh.json'), { channel: 'aliexpress' });
    expect(results.every((r) => r.ok)).toBe(true);
    const [black, white] = results.map((r) => (r.ok ? r.value : undefined));
    expect(black).toEqual({
      channel: 'aliexpress',
      vendor: 'aliexpress',
      sku: 'EAR-BLK',
      marketplace: { id: 'ALIEXPRESS', country: 'CN' },
      title: { zh: '蓝牙耳机 无线降噪' },
      description: { zh: '<div>高保真音质</div>' },
      price: { amountMinor: 1990, currency: 'USD' },
      quantity: 12,
      status: 'active',
      rawStatus: 'onSelling',
      fulfilment: 'merchant',
      // 2024-03-09 23:30 PST (UTC-8) and 2024-03-10 03:15 PDT (UTC-7, after the change at 02:00).
      openedAt: '2024-03-10T07:30:00Z',
      updatedAt: '2024-03-10T10:15:00Z',
      productId: { type: 'barcode', value: '6901234567892' },
      weight: { value: '0.250', unit: 'kg' },
      dimensions: { length: '12', width: '8', height: '4', unit: 'cm' },
      refs: { productId: '1005004638293060123', skuId: '200000182:193', categoryId: '200000346' },
    });
    expect(white).toMatchObject({ sku: 'EAR-WHT', price: { amountMinor: 2150, currency: 'USD' }, quantity: 0 });
  });

  it('maps the findaeproductbyidfordropshipper sample (status onSelling, times "0" absent, Chinese attribute text kept in the record)', () => {
    const [r] = aliexpressProductToListings(productOf('retailcrm-top-client/aliexpress_postproduct_redefining_find_a_e_product_by_id_for_dropshipper.json'), { channel: 'ae', locale: 'en' });
    expect(r!.ok).toBe(true);
    if (!r!.ok) return;
    expect(r!.value).toMatchObject({ sku: 'cfas00978', title: { en: 'knew odd' }, price: { amountMinor: 20007, currency: 'USD' }, quantity: 1234, status: 'active', refs: { productId: '32839190109', categoryId: '123456' } });
    expect(r!.value.updatedAt).toBeUndefined();
  });

  it('refuses a list item without SKUs, and a SKU without sku_code, naming the field', () => {
    const [listed] = aliexpressProductToListings(AliexpressProductSchema.parse({ product_id: '1', subject: 'x' }), { channel: 'ae' });
    expect(listed!.ok).toBe(false);
    if (!listed!.ok) expect(listed!.error.message).toMatch(/aeop_ae_product_s_k_us.*product\.info\.get/);
    const [noCode] = aliexpressProductToListings(AliexpressProductSchema.parse({ product_id: '2', aeop_ae_product_s_k_us: [{ sku_price: '1.00' }] }), { channel: 'ae' });
    expect(noCode!.ok).toBe(false);
    if (!noCode!.ok) expect(noCode!.error.message).toContain('aeop_ae_product_s_k_us[0].sku_code');
  });

  it('keeps a price without one currency as unpricedAmount, and names an unknown status and a bad amount', () => {
    const [multi] = aliexpressProductToListings(AliexpressProductSchema.parse({ product_id: '3', currency_code: 'USD;RUB', aeop_ae_product_s_k_us: [{ sku_code: 'M', sku_price: '5.5' }] }), { channel: 'ae' });
    expect(multi!.ok && multi!.value.unpricedAmount).toBe('5.5');
    const [bad] = aliexpressProductToListings(
      AliexpressProductSchema.parse({ product_id: '4', product_status_type: 'frozen', currency_code: 'JPY', aeop_ae_product_s_k_us: [{ sku_code: 'J', sku_price: '100.5' }] }),
      { channel: 'ae' },
    );
    expect(bad!.ok).toBe(false);
    if (!bad!.ok) {
      expect(bad!.error.message).toContain('unknown AliExpress product status "frozen"');
      expect(bad!.error.message).toContain('aeop_ae_product_s_k_us[0].sku_price');
    }
  });

  it('guesses a locale from the script', () => {
    expect([localeOfText('蓝牙耳机'), localeOfText('ワイヤレス'), localeOfText('무선'), localeOfText('Чехол'), localeOfText('Case')]).toEqual(['zh', 'ja', 'ko', 'ru', 'en']);
  });
});
