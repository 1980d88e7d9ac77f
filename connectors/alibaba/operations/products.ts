/**
 * The seller's products on Alibaba.com (the ICBU product APIs on the Open Platform). Real
 * integrations call `/alibaba/icbu/product/list` (current_page, page_size) and
 * `/alibaba/icbu/product/get`; no official reply sample of either, nor any description of the
 * schema/add/update paths, is in the vendor folder or the search corpus. The parameters are
 * those of the legacy alibaba.icbu.product.* APIs the paths carry over, as the wave's wire
 * contract fixes them (the sandbox serves the same):
 *
 * - `/alibaba/icbu/product/list`: `current_page` (from 1), `page_size` (at most 30), optional
 *   `subject`, `category_id`. Payload `{ total_item, current_page, page_size, products }`
 *   (schemas/product.ts), ids as text.
 * - `/alibaba/icbu/product/get`: `product_id` → the product.
 * - `/alibaba/icbu/product/schema/get`: `cat_id` → the JSON Schema of the category's product
 *   document (as an object, as JSON text, or under `schema`).
 * - `/alibaba/icbu/product/add`: `product` (JSON text of the document) → `product_id`.
 * - `/alibaba/icbu/product/update`: `product_id` + `product` (JSON text) → `product_id`.
 */
import { z } from 'zod';
import { contractError, parseReply } from '../../http/error-factories.js';
import { isObject } from '../../http/json-object.js';
import { parseJsonLosslessly } from '../../http/lossless-json.js';
import type { CallOptions } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { RestSend } from '../client.js';
import { ALIBABA } from '../config.js';
import { AlibabaProductPageSchema, AlibabaProductSchema, AlibabaWrittenProductSchema, alibabaProductIdOf, type AlibabaProduct, type AlibabaProductBrief } from '../schemas/product.js';
import { replyPayload, requestIdField } from './reply.js';

export const ALIBABA_PRODUCT_LIST_PATH = '/alibaba/icbu/product/list';
export const ALIBABA_PRODUCT_GET_PATH = '/alibaba/icbu/product/get';
export const ALIBABA_PRODUCT_SCHEMA_PATH = '/alibaba/icbu/product/schema/get';
export const ALIBABA_PRODUCT_ADD_PATH = '/alibaba/icbu/product/add';
export const ALIBABA_PRODUCT_UPDATE_PATH = '/alibaba/icbu/product/update';
/** The legacy list's limit ("每页最多30个"). */
export const ALIBABA_PRODUCT_PAGE_MAX = 30;

export interface ListProductsParams {
  /** From 1. */
  readonly page: number;
  readonly pageSize: number;
  readonly subject?: string;
  readonly categoryId?: string;
}

export interface ListProductsResult {
  readonly products: AlibabaProductBrief[];
  readonly totalItem?: string;
  readonly page: number;
  readonly hasMore: boolean;
  readonly requestId?: string;
}

export interface GetProductResult {
  readonly product: AlibabaProduct;
  readonly requestId?: string;
}

export interface ProductSchemaResult {
  readonly schema: Record<string, unknown>;
  readonly requestId?: string;
}

export interface WrittenProduct {
  readonly productId: string;
  readonly requestId?: string;
}

const LIST_SITE = siteOf(ALIBABA, ALIBABA_PRODUCT_LIST_PATH);
const ID = /^[A-Za-z0-9_-]+$/;

export async function listProducts(rest: RestSend, params: ListProductsParams, options?: CallOptions): Promise<ListProductsResult> {
  const { page, pageSize } = params;
  if (!Number.isInteger(page) || page < 1) throw refuse(LIST_SITE, `page must be an integer from 1, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > ALIBABA_PRODUCT_PAGE_MAX) throw refuse(LIST_SITE, `pageSize must be an integer from 1 to ${ALIBABA_PRODUCT_PAGE_MAX}, got ${pageSize}`);
  const sent = {
    current_page: String(page),
    page_size: String(pageSize),
    ...(params.subject === undefined ? {} : { subject: params.subject }),
    ...(params.categoryId === undefined ? {} : { category_id: params.categoryId }),
  };
  const response = await rest({ apiPath: ALIBABA_PRODUCT_LIST_PATH, params: sent, idempotent: true }, options);
  const value = parseReply(LIST_SITE, AlibabaProductPageSchema, { ...response, data: replyPayload(response.data) }, 'product list page');
  const products = value.products ?? [];
  const total = value.total_item === undefined ? undefined : Number(value.total_item);
  return {
    products,
    ...(value.total_item === undefined ? {} : { totalItem: value.total_item }),
    page,
    hasMore: total !== undefined ? page * pageSize < total : products.length === pageSize,
    ...requestIdField(response),
  };
}

export async function getProduct(rest: RestSend, productId: string, options?: CallOptions): Promise<GetProductResult> {
  const site = siteOf(ALIBABA, ALIBABA_PRODUCT_GET_PATH, productId);
  if (!ID.test(productId)) throw refuse(site, `product_id must be a product id, got "${productId}"`);
  const response = await rest({ apiPath: ALIBABA_PRODUCT_GET_PATH, params: { product_id: productId }, idempotent: true }, options);
  const payload = replyPayload(response.data);
  // The legacy reply wraps it once more: `{ product: { … } }`.
  const doc = isObject(payload) && isObject(payload.product) ? payload.product : payload;
  const product = parseReply(site, AlibabaProductSchema, { ...response, data: doc }, 'product');
  return { product, ...requestIdField(response) };
}

export async function productSchema(rest: RestSend, categoryId: string, options?: CallOptions): Promise<ProductSchemaResult> {
  const site = siteOf(ALIBABA, ALIBABA_PRODUCT_SCHEMA_PATH, categoryId);
  if (!/^\d+$/.test(categoryId)) throw refuse(site, `cat_id must be the numeric category id, got "${categoryId}"`);
  const response = await rest({ apiPath: ALIBABA_PRODUCT_SCHEMA_PATH, params: { cat_id: categoryId }, idempotent: true }, options);
  let doc = replyPayload(response.data);
  if (isObject(doc) && 'schema' in doc) doc = doc.schema;
  if (typeof doc === 'string') {
    const parsed = parseJsonLosslessly(doc);
    if (!parsed.ok) throw contractError(site, `the category schema is not JSON (${parsed.message})`, { status: response.status });
    doc = parsed.value;
  }
  if (!isObject(doc)) throw contractError(site, 'response is not a JSON Schema object', { status: response.status });
  return { schema: doc, ...requestIdField(response) };
}

const WrittenSchema = AlibabaWrittenProductSchema.refine((w) => alibabaProductIdOf(w) !== undefined, { message: 'no product_id', path: ['product_id'] });

/** The written product's id: the payload's `product_id`, or the payload itself when it is the bare id. */
function writtenProduct(site: ReturnType<typeof siteOf>, response: Awaited<ReturnType<RestSend>>, fallbackId?: string): WrittenProduct {
  const payload = replyPayload(response.data);
  if (typeof payload === 'string' || typeof payload === 'number') return { productId: String(payload), ...requestIdField(response) };
  if (fallbackId !== undefined && (!isObject(payload) || alibabaProductIdOf(AlibabaWrittenProductSchema.parse(payload)) === undefined)) {
    return { productId: fallbackId, ...requestIdField(response) };
  }
  const written = parseReply(site, WrittenSchema, { ...response, data: payload }, 'written product');
  return { productId: alibabaProductIdOf(written)!, ...requestIdField(response) };
}

const DocumentSchema = z.record(z.string(), z.unknown());

export async function addProduct(rest: RestSend, product: Record<string, unknown>, options?: CallOptions): Promise<WrittenProduct> {
  const site = siteOf(ALIBABA, ALIBABA_PRODUCT_ADD_PATH);
  if (!DocumentSchema.safeParse(product).success || Array.isArray(product)) throw refuse(site, 'product must be a JSON object (the category schema document)');
  const response = await rest({ apiPath: ALIBABA_PRODUCT_ADD_PATH, params: { product: JSON.stringify(product) }, idempotent: false }, options);
  return writtenProduct(site, response);
}

export async function updateProduct(rest: RestSend, productId: string, product: Record<string, unknown>, options?: CallOptions): Promise<WrittenProduct> {
  const site = siteOf(ALIBABA, ALIBABA_PRODUCT_UPDATE_PATH, productId);
  if (!ID.test(productId)) throw refuse(site, `product_id must be a product id, got "${productId}"`);
  if (!DocumentSchema.safeParse(product).success || Array.isArray(product)) throw refuse(site, 'product must be a JSON object (the category schema document)');
  const response = await rest({ apiPath: ALIBABA_PRODUCT_UPDATE_PATH, params: { product_id: productId, product: JSON.stringify(product) }, idempotent: true }, options);
  return writtenProduct(site, response, productId);
}
