/**
 * AliExpress as an inventory target: one marketplace (ALIEXPRESS); stock is per product, so
 * each SKU is resolved to its product (sku-index.ts) and the SKUs of one product go in one entry.
 * A few updates: batch.product.inventory.update, split by batchCallsOf into calls of at most 20
 * products and 200 SKUs a product (a larger product goes as SKU slices under its id, in separate
 * calls); each SKU is answered with the reply of the call that carried it. Many: feed jobs
 * PRODUCT_STOCKS_UPDATE, one item per SKU (item_content_id the SKU, so feed.query's results name
 * it), at most 2000 per job; polled with the listing target's feedStatus/feedResults.
 *
 * A SKU the seller has no product for is answered (setQuantities) with that reason and left out
 * of feeds; a batch the platform refuses (update_success=false) is answered per SKU with its code.
 */
import type { CapabilityCallOptions, InventoryTarget, QuantitiesFeedSubmission, QuantitySubmission, QuantityUpdate } from '../capabilities.js';
import type { AliexpressClient } from './client.js';
import { refusalOf } from './errors.js';
import { MAX_FEED_ITEMS } from './operations/feeds.js';
import { batchCallsOf } from './operations/stock.js';
import type { AliexpressQuantitySubmission } from './schemas/catalog.js';
import { ExactId, jsonWithExactIds } from './schemas/wire.js';
import { skuIndexOf } from './sku-index.js';

export const NO_PRODUCT_FOR_SKU = 'no_product_for_sku';

async function resolve(client: AliexpressClient, updates: readonly QuantityUpdate[], options?: CapabilityCallOptions) {
  const index = skuIndexOf(client);
  const found: { update: QuantityUpdate; productId: string }[] = [];
  const missing: QuantityUpdate[] = [];
  for (const update of updates) {
    const productId = await index.productIdOf(update.sku, options);
    if (productId === undefined) missing.push(update);
    else found.push({ update, productId });
  }
  return { found, missing };
}

async function setQuantities(client: AliexpressClient, updates: readonly QuantityUpdate[], options?: CapabilityCallOptions): Promise<QuantitySubmission[]> {
  const { found, missing } = await resolve(client, updates, options);
  const out: QuantitySubmission[] = missing.map((u) => ({
    sku: u.sku,
    marketplaceId: u.marketplaceId,
    submission: { sku: u.sku, errorCode: NO_PRODUCT_FOR_SKU, errorMessage: `the seller has no AliExpress product with SKU ${u.sku}` } satisfies AliexpressQuantitySubmission,
  }));
  const byProduct = new Map<string, { update: QuantityUpdate; productId: string }[]>();
  for (const f of found) byProduct.set(f.productId, [...(byProduct.get(f.productId) ?? []), f]);
  for (const call of batchCallsOf([...byProduct].map(([productId, skus]) => ({ productId, skus })))) {
    const entries = call.flatMap((e) => e.skus);
    try {
      const reply = await client.updateInventory(call.map(({ productId, skus }) => ({ productId, skus: skus.map((f) => ({ skuCode: f.update.sku, inventory: f.update.quantity })) })), options);
      for (const f of entries) {
        const submission: AliexpressQuantitySubmission = { sku: f.update.sku, productId: f.productId, result: reply.result, ...(reply.requestId === undefined ? {} : { requestId: reply.requestId }) };
        out.push({ sku: f.update.sku, marketplaceId: f.update.marketplaceId, submission });
      }
    } catch (error) {
      const refused = refusalOf(error);
      for (const f of entries) {
        const submission: AliexpressQuantitySubmission = { sku: f.update.sku, productId: f.productId, ...refused };
        out.push({ sku: f.update.sku, marketplaceId: f.update.marketplaceId, submission });
      }
    }
  }
  return out;
}

async function submitQuantitiesFeed(client: AliexpressClient, updates: readonly QuantityUpdate[], options?: CapabilityCallOptions): Promise<QuantitiesFeedSubmission> {
  const { found } = await resolve(client, updates, options);
  const feeds: QuantitiesFeedSubmission['feeds'][number][] = [];
  // One marketplace on AliExpress, but the feed records name the one each update was for.
  const byMarketplace = new Map<string, typeof found>();
  for (const f of found) byMarketplace.set(f.update.marketplaceId, [...(byMarketplace.get(f.update.marketplaceId) ?? []), f]);
  for (const [marketplaceId, items] of byMarketplace) {
    for (let start = 0; start < items.length; start += MAX_FEED_ITEMS) {
      const chunk = items.slice(start, start + MAX_FEED_ITEMS);
      const feedItems = chunk.map((f) => ({
        item_content_id: f.update.sku,
        item_content: jsonWithExactIds({ aliexpress_product_id: new ExactId(f.productId), multiple_sku_update_list: [{ sku_code: f.update.sku, inventory: f.update.quantity }] }),
      }));
      const { jobId } = await client.submitFeed('PRODUCT_STOCKS_UPDATE', feedItems, options);
      feeds.push({ feedId: jobId, marketplaceId, skus: chunk.map((f) => f.update.sku), messages: chunk.length });
    }
  }
  return { feeds };
}

export function aliexpressInventoryTarget(client: AliexpressClient): InventoryTarget {
  return {
    setQuantities: (updates, options) => setQuantities(client, updates, options),
    submitQuantitiesFeed: (updates, options) => submitQuantitiesFeed(client, updates, options),
  };
}
