/**
 * The seller's products in the hub, one per (tenant, sku), versioned and numbered in the
 * tenant's catalogue change sequence (see catalogue-changes.ts).
 */
import type { Knex } from 'knex';
import type { Product } from '../mappings/canonical/product.js';
import { catalogueHighWater, selectChangedSince, writeVersioned, type VersionedRow, type VersionedTable } from './catalogue-changes.js';
import { canonicalJsonValue, sha256Hex } from './stable-json.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, storableText, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import { StoreInputError } from './store-errors.js';
import type { WriteOptions } from './write-options.js';

export { catalogueHighWater };

/** A product as stored: the canonical record with its version and change sequence number. */
export interface StoredProduct {
  tenant: string;
  sku: string;
  /** 1 on insert, +1 on each real change. */
  version: number;
  /** The tenant's catalogue sequence number of the last insert or change. */
  seq: number;
  product: Product;
  updatedAt: string;
}

export interface UpsertProductsResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The tenant's catalogue sequence after the write. */
  highWater: number;
}

interface ProductRow extends VersionedRow {
  category: string | null;
}

const PRODUCTS: VersionedTable<ProductRow> = { table: 'catalogue_products', keyColumns: ['sku'], contentColumns: ['category'] };

/**
 * Upserts products by (tenant, sku) in one transaction: the batch a caller streams (an import
 * writes a few hundred rows a call). The content hash of the key-sorted JSON decides: an
 * unchanged product is not written and takes no sequence number. Within a batch the last
 * product with a SKU wins.
 */
export async function upsertProducts(db: Knex, tenant: string, products: readonly Product[], options: WriteOptions = {}): Promise<UpsertProductsResult> {
  assertStorableKey(tenant, 'tenant');
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const rows = products.map((product, i): ProductRow => {
    if (typeof product?.sku !== 'string') throw new StoreInputError(`products[${i}]: sku must be a string`);
    assertStorableKey(product.sku, `products[${i}].sku`);
    const record = JSON.stringify(canonicalJsonValue(product));
    return {
      tenant,
      sku: product.sku,
      category: storableText(product.category),
      content_hash: sha256Hex(record),
      record,
      version: 1,
      seq: 0,
      created_at: now,
      updated_at: now,
    };
  });
  return writeVersioned(db, tenant, PRODUCTS, rows);
}

function toStoredProduct(row: ProductRow): StoredProduct {
  return {
    tenant: row.tenant,
    sku: row.sku,
    version: toSafeInteger(row.version, 'catalogue_products.version'),
    seq: toSafeInteger(row.seq, 'catalogue_products.seq'),
    product: JSON.parse(row.record) as Product,
    updatedAt: row.updated_at,
  };
}

export async function getProduct(db: Knex, tenant: string, sku: string): Promise<StoredProduct | undefined> {
  const row: ProductRow | undefined = await db(PRODUCTS.table).select('*').where({ tenant, sku }).first();
  return row ? toStoredProduct(row) : undefined;
}

export interface ListProductsQuery {
  category?: string;
  /** Keyset paging: the SKUs after this one (SKU order). */
  afterSku?: string;
  /** Default 100. */
  limit?: number;
}

/** A tenant's products in SKU order, a page at a time. */
export async function listProducts(db: Knex, tenant: string, query: ListProductsQuery = {}): Promise<StoredProduct[]> {
  const q = db(PRODUCTS.table).select('*').where({ tenant });
  if (query.category !== undefined) q.andWhere({ category: query.category });
  if (query.afterSku !== undefined) q.andWhere('sku', '>', query.afterSku);
  const rows: ProductRow[] = await q.orderBy('sku', 'asc').limit(query.limit ?? 100);
  return rows.map(toStoredProduct);
}

/**
 * The products inserted or changed after sequence number `afterSeq`, in sequence order, at
 * most `limit`: a flow passes the last `seq` it handled and keeps the page's last `seq`.
 */
export async function listProductsChangedSince(db: Knex, tenant: string, afterSeq: number, limit = 500): Promise<StoredProduct[]> {
  const rows = await selectChangedSince<ProductRow>(db, PRODUCTS.table, tenant, afterSeq, limit);
  return rows.map(toStoredProduct);
}

export async function countProducts(db: Knex, tenant: string): Promise<number> {
  const row = (await db(PRODUCTS.table).count({ n: '*' }).where({ tenant }).first()) as { n: unknown } | undefined;
  return toSafeInteger(row?.n ?? 0, 'count(catalogue_products)');
}

/** The given SKUs the tenant has no product for, in input order without repeats (stock for an unknown SKU, say). */
export async function skusWithoutProduct(db: Knex, tenant: string, skus: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(skus)];
  const known = new Set<string>();
  for (const part of chunk(wanted, IN_LIST_CHUNK)) {
    const rows: { sku: string }[] = await db(PRODUCTS.table).select('sku').where({ tenant }).whereIn('sku', part);
    for (const r of rows) known.add(r.sku);
  }
  return wanted.filter((sku) => !known.has(sku));
}
