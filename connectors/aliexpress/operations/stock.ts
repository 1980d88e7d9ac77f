/**
 * Stock and prices of many SKUs in one call (IOP sync):
 * `aliexpress.solution.batch.product.inventory.update` and `…batch.product.price.update`, each
 * `mutiple_product_update_list` (the platform's spelling) JSON
 * `[{ product_id, multiple_sku_update_list: [{ sku_code, inventory | price }] }]` → per-product
 * `update_successful_list` / `update_failed_list` with `update_success` for the call.
 *
 * Limits (the API's model text as the TOP SDKs reproduce it, e.g. bububa/opentaobao's
 * aesolution models): at most 20 products per call and 200 SKUs per product; callers split
 * larger sets with batchCallsOf.
 */
import type { CallOptions } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { SyncSend } from '../client.js';
import { ALIEXPRESS } from '../config.js';
import { AliexpressBatchUpdateResultSchema, type AliexpressBatchUpdateResult } from '../schemas/catalog.js';
import { ExactId, jsonWithExactIds } from '../schemas/wire.js';
import { readSyncReply, requireNumericId } from './sync-reply.js';

export const INVENTORY_UPDATE_METHOD = 'aliexpress.solution.batch.product.inventory.update';
export const PRICE_UPDATE_METHOD = 'aliexpress.solution.batch.product.price.update';
export const MAX_PRODUCTS_PER_BATCH = 20;
export const MAX_SKUS_PER_PRODUCT = 200;

export interface ProductStock {
  readonly productId: string;
  readonly skus: readonly { readonly skuCode: string; readonly inventory: number }[];
}

export interface ProductPrices {
  readonly productId: string;
  /** `price`: a decimal as text (never a float), in the product's currency. */
  readonly skus: readonly { readonly skuCode: string; readonly price: string }[];
}

export interface BatchUpdateReply {
  readonly result: AliexpressBatchUpdateResult;
  /** The reply's content as the platform sent it. */
  readonly reply: unknown;
  readonly requestId?: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Products → the entries of each call within the limits: a product of more than
 * MAX_SKUS_PER_PRODUCT SKUs is sent as slices of at most that many under its own id, each slice in
 * a later call than the one before (a reply speaks per product id, so one call names a product
 * once), and a call holds at most MAX_PRODUCTS_PER_BATCH entries. Order is kept.
 */
export function batchCallsOf<S>(products: readonly { readonly productId: string; readonly skus: readonly S[] }[]): { productId: string; skus: S[] }[][] {
  const calls: { productId: string; skus: S[] }[][] = [];
  let current: { productId: string; skus: S[] }[] = [];
  for (const p of products) {
    for (let start = 0; start < p.skus.length; start += MAX_SKUS_PER_PRODUCT) {
      if (current.length === MAX_PRODUCTS_PER_BATCH || current.some((e) => e.productId === p.productId)) {
        calls.push(current);
        current = [];
      }
      current.push({ productId: p.productId, skus: p.skus.slice(start, start + MAX_SKUS_PER_PRODUCT) });
    }
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

function checkBatch(method: string, products: readonly { productId: string; skus: readonly { skuCode: string }[] }[]): void {
  const site = siteOf(ALIEXPRESS, method);
  if (products.length === 0) throw refuse(site, 'at least one product is needed');
  if (products.length > MAX_PRODUCTS_PER_BATCH) throw refuse(site, `at most ${MAX_PRODUCTS_PER_BATCH} products per call, got ${products.length}`);
  for (const [i, p] of products.entries()) {
    requireNumericId(method, `products[${i}].product_id`, p.productId);
    if (p.skus.length === 0 || p.skus.length > MAX_SKUS_PER_PRODUCT) throw refuse(site, `products[${i}] (product ${p.productId}) must have 1 to ${MAX_SKUS_PER_PRODUCT} SKUs, got ${p.skus.length}`);
    for (const [j, s] of p.skus.entries()) if (s.skuCode.trim() === '') throw refuse(site, `products[${i}].skus[${j}].sku_code is empty`);
  }
}

async function send(sync: SyncSend, method: string, list: unknown[], options?: CallOptions): Promise<BatchUpdateReply> {
  // Absolute values: a resend writes the same stock or price.
  const response = await sync({ method, params: { mutiple_product_update_list: jsonWithExactIds(list) }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(method, AliexpressBatchUpdateResultSchema, response, 'batch product update reply');
  return { result: value, reply: response.data, ...(requestId === undefined ? {} : { requestId }) };
}

export async function updateInventory(sync: SyncSend, products: readonly ProductStock[], options?: CallOptions): Promise<BatchUpdateReply> {
  checkBatch(INVENTORY_UPDATE_METHOD, products);
  for (const [i, p] of products.entries()) {
    for (const [j, s] of p.skus.entries()) {
      if (!Number.isInteger(s.inventory) || s.inventory < 0) throw refuse(siteOf(ALIEXPRESS, INVENTORY_UPDATE_METHOD), `products[${i}].skus[${j}].inventory must be a whole number from 0, got ${s.inventory}`);
    }
  }
  const list = products.map((p) => ({ product_id: new ExactId(p.productId), multiple_sku_update_list: p.skus.map((s) => ({ sku_code: s.skuCode, inventory: s.inventory })) }));
  return send(sync, INVENTORY_UPDATE_METHOD, list, options);
}

export async function updatePrices(sync: SyncSend, products: readonly ProductPrices[], options?: CallOptions): Promise<BatchUpdateReply> {
  checkBatch(PRICE_UPDATE_METHOD, products);
  for (const [i, p] of products.entries()) {
    for (const [j, s] of p.skus.entries()) {
      if (!DECIMAL.test(s.price)) throw refuse(siteOf(ALIEXPRESS, PRICE_UPDATE_METHOD), `products[${i}].skus[${j}].price must be a decimal such as 12.50, got "${s.price}"`);
    }
  }
  const list = products.map((p) => ({ product_id: new ExactId(p.productId), multiple_sku_update_list: p.skus.map((s) => ({ sku_code: s.skuCode, price: new ExactId(s.price) })) }));
  return send(sync, PRICE_UPDATE_METHOD, list, options);
}

