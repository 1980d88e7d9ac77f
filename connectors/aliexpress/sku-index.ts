/**
 * SKU → AliExpress product id, as the seller's catalogue says: AliExpress addresses products by
 * its own product id, the hub by the seller's SKU (`sku_code` in a product's SKU list). One index
 * per client (a WeakMap: the listing and inventory targets of a connection share it), filled as
 * lookups find products and asked again on a miss, so a product made since is found.
 *
 * A lookup asks product.list.get for the SKU (`sku_code` filter) in each status the platform
 * lists by, page by page; a listed product without its SKU list is read with product.info.get.
 * Every SKU of every product read is indexed, so later lookups of those SKUs make no call.
 */
import type { CapabilityCallOptions } from '../capabilities.js';
import type { AliexpressClient } from './client.js';
import { PRODUCT_STATUS_TYPES } from './operations/products.js';
import type { AliexpressProduct } from './schemas/catalog.js';

/** product.list.get page size: its largest is not in the vendor folder; 20 as the order pages use. */
const LIST_PAGE_SIZE = 20;

export interface SkuIndex {
  /** The product holding `sku`, or undefined when the seller has none. */
  productIdOf(sku: string, options?: CapabilityCallOptions): Promise<string | undefined>;
  /** Records a product just written (instance.post returns its id). */
  remember(sku: string, productId: string): void;
}

const INDEXES = new WeakMap<AliexpressClient, SkuIndex>();

export function skuIndexOf(client: AliexpressClient): SkuIndex {
  let index = INDEXES.get(client);
  if (index === undefined) INDEXES.set(client, (index = createSkuIndex(client)));
  return index;
}

function createSkuIndex(client: AliexpressClient): SkuIndex {
  const bySku = new Map<string, string>();

  const indexSkus = (productId: string, product: AliexpressProduct): void => {
    for (const s of product.aeop_ae_product_s_k_us ?? []) if (s.sku_code !== undefined) bySku.set(s.sku_code, productId);
  };

  async function search(sku: string, options?: CapabilityCallOptions): Promise<string | undefined> {
    for (const statusType of PRODUCT_STATUS_TYPES) {
      for (let page = 1; ; page++) {
        const result = await client.listProducts({ statusType, page, pageSize: LIST_PAGE_SIZE, skuCode: sku }, options);
        for (const product of result.products) {
          const id = product.product_id;
          if (id === undefined) continue;
          // Read again on every miss: a SKU added to a known product since is found too.
          if (product.aeop_ae_product_s_k_us !== undefined) indexSkus(id, product);
          else indexSkus(id, (await client.getProduct(id, options)).product);
        }
        if (bySku.has(sku)) return bySku.get(sku);
        if (!result.hasMore) break;
      }
    }
    return undefined;
  }

  return {
    async productIdOf(sku, options) {
      return bySku.get(sku) ?? search(sku, options);
    },
    remember(sku, productId) {
      bySku.set(sku, productId);
    },
  };
}
