/**
 * The seller's SKU codes → Alibaba.com product ids, for the capabilities that address a
 * listing by SKU (listing writes, stock). The platform has no look-up by SKU: the index reads
 * the product pages once per client, and each product (its SKU codes are only in the full
 * product), then keeps the map in memory; products this client adds are remembered as they are
 * made. A build that fails is not kept, so the next call (an activity retry) builds again.
 */
import type { CallOptions } from '../http/pipeline.js';
import type { GetProductResult, ListProductsParams, ListProductsResult } from './operations/products.js';
import { ALIBABA_PRODUCT_PAGE_MAX } from './operations/products.js';
import { alibabaProductIdOf, alibabaSkuCodesOf } from './schemas/product.js';

/** Pages read at most (30 products each): a runaway paging stops here. */
const MAX_PAGES = 2000;

type ListPage = (params: ListProductsParams, options?: CallOptions) => Promise<ListProductsResult>;
type GetOne = (productId: string, options?: CallOptions) => Promise<GetProductResult>;

export class SkuIndex {
  private bySku: Map<string, string> | undefined;
  private building: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly listPage: ListPage,
    private readonly getOne: GetOne,
  ) {}

  /** The product carrying `sku`, or undefined when the seller has none. */
  async productOf(sku: string, options?: CallOptions): Promise<string | undefined> {
    return (await this.map(options)).get(sku);
  }

  /** A product this client just made (or found) for `sku`. */
  remember(sku: string, productId: string): void {
    this.bySku?.set(sku, productId);
  }

  /** A product the platform no longer knows: the next write adds it again. */
  forget(sku: string): void {
    this.bySku?.delete(sku);
  }

  private async map(options?: CallOptions): Promise<Map<string, string>> {
    if (this.bySku !== undefined) return this.bySku;
    this.building ??= this.build(options).finally(() => {
      this.building = undefined;
    });
    this.bySku = await this.building;
    return this.bySku;
  }

  private async build(options?: CallOptions): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const result = await this.listPage({ page, pageSize: ALIBABA_PRODUCT_PAGE_MAX }, options);
      for (const brief of result.products) {
        const id = alibabaProductIdOf(brief);
        if (id === undefined) continue;
        const { product } = await this.getOne(id, options);
        for (const code of alibabaSkuCodesOf(product)) out.set(code, alibabaProductIdOf(product) ?? id);
      }
      if (!result.hasMore) break;
    }
    return out;
  }
}
