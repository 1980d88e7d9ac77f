/**
 * The seller's products (IOP sync; parameter names from retailcrm/aliexpress-top-client's
 * request models):
 * - `aliexpress.solution.product.list.get`: `aeop_a_e_product_list_query` JSON (`current_page`,
 *   `page_size`, `product_status_type` — required: onSelling, offline, auditing, editingRequired —
 *   and filters such as `sku_code`, `product_id`) → `result.aeop_a_e_product_display_d_t_o_list`;
 * - `aliexpress.solution.product.info.get`: `product_id` → `result` with its SKUs;
 * - `aliexpress.solution.product.schema.get`: `aliexpress_category_id` → `result.schema`, the
 *   category's JSON Schema as text;
 * - `aliexpress.solution.schema.product.instance.post`: `product_instance_request`, the product
 *   document (a schema instance) as JSON text → the new `product_id`;
 * - `aliexpress.solution.schema.product.full.update`: `schema_full_update_request`, the document
 *   with its `product_id`, as JSON text.
 */
import type { CallOptions } from '../../http/pipeline.js';
import { isObject } from '../../http/json-object.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { SyncSend } from '../client.js';
import { ALIEXPRESS } from '../config.js';
import {
  AliexpressProductListResultSchema,
  AliexpressProductSchema,
  AliexpressProductSchemaResultSchema,
  AliexpressProductWriteResultSchema,
  type AliexpressProduct,
} from '../schemas/catalog.js';
import { ExactId, jsonWithExactIds } from '../schemas/wire.js';
import { z } from 'zod';
import { readSyncReply, requireNumericId } from './sync-reply.js';

export const PRODUCT_LIST_METHOD = 'aliexpress.solution.product.list.get';
export const PRODUCT_INFO_METHOD = 'aliexpress.solution.product.info.get';
export const PRODUCT_SCHEMA_METHOD = 'aliexpress.solution.product.schema.get';
export const PRODUCT_POST_METHOD = 'aliexpress.solution.schema.product.instance.post';
export const PRODUCT_FULL_UPDATE_METHOD = 'aliexpress.solution.schema.product.full.update';

/** The statuses product.list.get filters by (one per query). */
export const PRODUCT_STATUS_TYPES = ['onSelling', 'offline', 'auditing', 'editingRequired'] as const;
export type ProductStatusType = (typeof PRODUCT_STATUS_TYPES)[number];

const requireId = (method: string, field: string, id: string): ExactId => new ExactId(requireNumericId(method, field, id));

export interface ListProductsParams {
  readonly statusType: ProductStatusType;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  readonly skuCode?: string;
  readonly productId?: string;
}

export interface ListProductsResult {
  readonly products: AliexpressProduct[];
  readonly page: number;
  readonly hasMore: boolean;
  readonly totalCount?: string;
  readonly requestId?: string;
}

export async function listProducts(sync: SyncSend, params: ListProductsParams, options?: CallOptions): Promise<ListProductsResult> {
  const site = siteOf(ALIEXPRESS, PRODUCT_LIST_METHOD);
  const { page, pageSize } = params;
  if (!Number.isInteger(page) || page < 1) throw refuse(site, `current_page must be an integer from 1, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw refuse(site, `page_size must be a positive integer, got ${pageSize}`);
  const query = {
    current_page: page,
    page_size: pageSize,
    product_status_type: params.statusType,
    ...(params.skuCode === undefined ? {} : { sku_code: params.skuCode }),
    ...(params.productId === undefined ? {} : { product_id: requireId(PRODUCT_LIST_METHOD, 'product_id', params.productId) }),
  };
  const response = await sync({ method: PRODUCT_LIST_METHOD, params: { aeop_a_e_product_list_query: jsonWithExactIds(query) }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(PRODUCT_LIST_METHOD, z.looseObject({ result: AliexpressProductListResultSchema }), response, 'solution.product.list.get reply');
  const { result } = value;
  const products = result.aeop_a_e_product_display_d_t_o_list ?? [];
  const totalPages = result.total_page === undefined ? undefined : Number(result.total_page);
  const hasMore = totalPages !== undefined ? page < totalPages : products.length === pageSize;
  return {
    products,
    page,
    hasMore,
    ...(result.product_count === undefined ? {} : { totalCount: result.product_count }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

export async function getProduct(sync: SyncSend, productId: string, options?: CallOptions): Promise<{ product: AliexpressProduct; requestId?: string }> {
  requireId(PRODUCT_INFO_METHOD, 'product_id', productId);
  const response = await sync({ method: PRODUCT_INFO_METHOD, params: { product_id: productId }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(PRODUCT_INFO_METHOD, z.looseObject({ result: AliexpressProductSchema }), response, 'solution.product.info.get reply');
  return requestId === undefined ? { product: value.result } : { product: value.result, requestId };
}

/** The category's schema document, parsed from the JSON text the platform sends. */
export async function getProductSchema(sync: SyncSend, categoryId: string, options?: CallOptions): Promise<{ schema: unknown; requestId?: string }> {
  const site = siteOf(ALIEXPRESS, PRODUCT_SCHEMA_METHOD);
  requireId(PRODUCT_SCHEMA_METHOD, 'aliexpress_category_id', categoryId);
  const response = await sync({ method: PRODUCT_SCHEMA_METHOD, params: { aliexpress_category_id: categoryId }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(PRODUCT_SCHEMA_METHOD, z.looseObject({ result: AliexpressProductSchemaResultSchema }), response, 'solution.product.schema.get reply');
  let schema: unknown;
  try {
    schema = JSON.parse(value.result.schema);
  } catch (error) {
    throw refuse(site, `category ${categoryId}: result.schema is not JSON text (${(error as Error).message})`);
  }
  if (!isObject(schema)) throw refuse(site, `category ${categoryId}: result.schema is not a JSON object`);
  return requestId === undefined ? { schema } : { schema, requestId };
}

export interface ProductWriteResult {
  /** The product written (the new one's id for instance.post). */
  readonly productId?: string;
  /** The reply's content as the platform sent it (for verdicts). */
  readonly reply: unknown;
  readonly requestId?: string;
}

function documentOf(method: string, document: unknown): Record<string, unknown> {
  if (!isObject(document)) throw refuse(siteOf(ALIEXPRESS, method), 'the product document must be a JSON object');
  return document;
}

function writeResult(method: string, reply: { value: z.infer<typeof AliexpressProductWriteResultSchema>; requestId?: string }, raw: unknown): ProductWriteResult {
  const productId = reply.value.result?.product_id ?? reply.value.product_id;
  return { ...(productId === undefined ? {} : { productId }), reply: raw, ...(reply.requestId === undefined ? {} : { requestId: reply.requestId }) };
}

/** Creates a product from its schema instance. Not idempotent: a resend creates a second product. */
export async function postProduct(sync: SyncSend, document: unknown, options?: CallOptions): Promise<ProductWriteResult> {
  const doc = documentOf(PRODUCT_POST_METHOD, document);
  const response = await sync({ method: PRODUCT_POST_METHOD, params: { product_instance_request: JSON.stringify(doc) }, idempotent: false }, options);
  return writeResult(PRODUCT_POST_METHOD, readSyncReply(PRODUCT_POST_METHOD, AliexpressProductWriteResultSchema, response, 'schema.product.instance.post reply'), response.data);
}

/** Replaces product `productId` with the document (a full replacement: a resend writes the same). */
export async function updateProduct(sync: SyncSend, productId: string, document: unknown, options?: CallOptions): Promise<ProductWriteResult> {
  const doc = documentOf(PRODUCT_FULL_UPDATE_METHOD, document);
  const id = requireId(PRODUCT_FULL_UPDATE_METHOD, 'product_id', productId);
  const body = jsonWithExactIds({ ...doc, product_id: id });
  const response = await sync({ method: PRODUCT_FULL_UPDATE_METHOD, params: { schema_full_update_request: body }, idempotent: true }, options);
  const read = writeResult(PRODUCT_FULL_UPDATE_METHOD, readSyncReply(PRODUCT_FULL_UPDATE_METHOD, AliexpressProductWriteResultSchema, response, 'schema.product.full.update reply'), response.data);
  return read.productId === undefined ? { ...read, productId } : read;
}
