/**
 * Alibaba.com as a listing and stock target. The platform writes one product at a time, keyed
 * by its product id, and has neither a look-up by SKU, a dry-run, nor a feed API:
 *
 * - putListing updates the product carrying the SKU (sku-index.ts) or adds one; a product the
 *   platform refuses (a business error: validation, not_found, conflict) is a `rejected` reply
 *   with the platform's code and message, so the flow dead-letters it; auth, quota and transient
 *   failures are thrown for Temporal to retry.
 * - validateListing answers from local checks only (the document is an object with a category):
 *   the flow has already checked the attributes against the category's JSON Schema
 *   (productTypeSchema → /alibaba/icbu/product/schema/get), and the platform offers nothing to
 *   ask without writing.
 * - The feed methods send their messages one by one and report one synthetic feed, done at
 *   once, whose results are the per-SKU replies (local-feeds.ts): the flows read it as any feed.
 */
import type { InventoryTarget, ListingTarget, QuantitySubmission, QuantityUpdate } from '../capabilities.js';
import { isObject } from '../http/json-object.js';
import { ConnectorError } from '../http/errors.js';
import { refuse, siteOf } from '../http/request-checks.js';
import type { CallOptions } from '../http/pipeline.js';
import type { AlibabaClient } from './client.js';
import { ALIBABA, ALIBABA_MARKETPLACE_ID } from './config.js';
import type { AlibabaFeedResults, AlibabaListingReply, AlibabaQuantityReply, AlibabaWriteIssue } from './schemas/submission.js';

/** Kinds that mean the platform refused this write (not the connection or the moment). */
const REFUSALS = new Set(['validation', 'not_found', 'conflict']);

function refusalOf(error: unknown): AlibabaWriteIssue & { requestId?: string } {
  if (error instanceof ConnectorError && REFUSALS.has(error.kind)) {
    return { message: error.message, ...(error.vendorCode === undefined ? {} : { code: error.vendorCode }), ...(error.requestId === undefined ? {} : { requestId: error.requestId }) };
  }
  throw error;
}

const SITE = siteOf(ALIBABA, 'listing');

function documentOf(sku: string, request: unknown): Record<string, unknown> {
  if (!isObject(request) || Array.isArray(request)) throw refuse({ ...SITE, subject: sku }, `the write request of ${sku} must be the product document (a JSON object)`);
  return request;
}

/** Local checks of a product document: what the platform would refuse whatever the category. */
function documentIssues(doc: Record<string, unknown>): AlibabaWriteIssue[] {
  const issues: AlibabaWriteIssue[] = [];
  const cat = doc.category_id;
  if (!((typeof cat === 'number' && Number.isInteger(cat) && cat > 0) || (typeof cat === 'string' && /^\d+$/.test(cat)))) {
    issues.push({ code: 'category_id', message: 'the product document has no numeric category_id (the listing\'s product type)' });
  }
  if (Object.keys(doc).every((k) => k === 'category_id')) issues.push({ code: 'attributes', message: 'the product document carries no attribute besides its category' });
  return issues;
}

async function putOne(client: AlibabaClient, sku: string, doc: Record<string, unknown>, options?: CallOptions): Promise<AlibabaListingReply> {
  let productId = await client.skus.productOf(sku, options);
  if (productId !== undefined) {
    try {
      const written = await client.updateProduct(productId, doc, options);
      return { sku, operation: 'update', status: 'accepted', productId: written.productId, ...(written.requestId === undefined ? {} : { requestId: written.requestId }), issues: [] };
    } catch (error) {
      // The product is gone (deleted on the platform since the index was read): add it again.
      if (!(error instanceof ConnectorError && error.kind === 'not_found')) {
        const { requestId, ...issue } = refusalOf(error);
        return { sku, operation: 'update', status: 'rejected', productId, ...(requestId === undefined ? {} : { requestId }), issues: [issue] };
      }
      client.skus.forget(sku);
      productId = undefined;
    }
  }
  try {
    const written = await client.addProduct(doc, options);
    client.skus.remember(sku, written.productId);
    return { sku, operation: 'add', status: 'accepted', productId: written.productId, ...(written.requestId === undefined ? {} : { requestId: written.requestId }), issues: [] };
  } catch (error) {
    const { requestId, ...issue } = refusalOf(error);
    return { sku, operation: 'add', status: 'rejected', ...(requestId === undefined ? {} : { requestId }), issues: [issue] };
  }
}

/** A feed message as the listing adapter builds it: `{ sku, product }`. */
function feedMessageOf(message: unknown, i: number): { sku: string; product: Record<string, unknown> } {
  if (!isObject(message) || typeof message.sku !== 'string' || message.sku === '' || !isObject(message.product)) {
    throw refuse(siteOf(ALIBABA, 'listings feed'), `message ${i + 1} must be { sku, product } (the Alibaba.com listing adapter's feed message)`);
  }
  return { sku: message.sku, product: message.product };
}

export function alibabaListingTarget(client: AlibabaClient): ListingTarget {
  return {
    putListing: (write, options) => putOne(client, write.sku, documentOf(write.sku, write.request), options),
    async validateListing(write) {
      const issues = documentIssues(documentOf(write.sku, write.request));
      const reply: AlibabaListingReply = { sku: write.sku, operation: 'validate', status: issues.length === 0 ? 'valid' : 'rejected', issues };
      return reply;
    },
    async submitListingsFeed(messages, options) {
      const parsed = messages.map(feedMessageOf);
      const results: AlibabaListingReply[] = [];
      for (const m of parsed) results.push(await putOne(client, m.sku, m.product, options));
      const feed = client.feeds.record('listings', results);
      return { feeds: [{ feedId: feed.feedId, skus: parsed.map((m) => m.sku), messages: parsed.length }] };
    },
    async feedStatus(feedId) {
      const feed = client.feeds.get(feedId);
      if (feed === undefined) return { feedId, state: 'fatal', rawStatus: 'UNKNOWN_TO_THIS_WORKER', feed: { feedId } };
      return { feedId, state: 'done', rawStatus: 'DONE', resultDocumentId: feedId, feed: { feedId, kind: feed.kind, sentAt: new Date(feed.sentAt).toISOString(), messages: feed.results.length } };
    },
    async feedResults(resultDocumentId) {
      const feed = client.feeds.get(resultDocumentId);
      if (feed === undefined) {
        throw new ConnectorError('not_found', `Alibaba.com feed ${resultDocumentId} is not known to this worker (its results live in the memory of the process that sent it)`, { vendor: ALIBABA.vendor, operation: 'feedResults' });
      }
      const results: AlibabaFeedResults = { feedId: feed.feedId, kind: feed.kind, results: feed.results as AlibabaFeedResults['results'] };
      return results;
    },
    async productTypeSchema(productType, _marketplaceId, options) {
      const { schema } = await client.productSchema(productType, options);
      return { schema };
    },
  };
}

/** Stock of the updates, one inventory call per product; a SKU no product carries is rejected, not sent. */
async function setStock(client: AlibabaClient, updates: readonly QuantityUpdate[], options?: CallOptions): Promise<AlibabaQuantityReply[]> {
  for (const u of updates) {
    if (u.marketplaceId !== ALIBABA_MARKETPLACE_ID) throw refuse(siteOf(ALIBABA, 'setQuantities', u.sku), `marketplace ${u.marketplaceId} is not Alibaba.com's (${ALIBABA_MARKETPLACE_ID})`);
  }
  const replies = new Map<QuantityUpdate, AlibabaQuantityReply>();
  const byProduct = new Map<string, QuantityUpdate[]>();
  for (const u of updates) {
    const productId = await client.skus.productOf(u.sku, options);
    if (productId === undefined) {
      replies.set(u, { sku: u.sku, quantity: u.quantity, status: 'rejected', issues: [{ code: 'sku_not_listed', message: `no Alibaba.com product carries SKU ${u.sku}: publish the listing first` }] });
    } else byProduct.set(productId, [...(byProduct.get(productId) ?? []), u]);
  }
  for (const [productId, group] of byProduct) {
    let outcome: Pick<AlibabaQuantityReply, 'status' | 'issues' | 'requestId'>;
    try {
      const r = await client.updateInventory({ productId, skus: group.map((u) => ({ sku_code: u.sku, inventory: u.quantity })) }, options);
      outcome = { status: 'accepted', issues: [], ...(r.requestId === undefined ? {} : { requestId: r.requestId }) };
    } catch (error) {
      const { requestId, ...issue } = refusalOf(error);
      outcome = { status: 'rejected', issues: [issue], ...(requestId === undefined ? {} : { requestId }) };
    }
    for (const u of group) replies.set(u, { sku: u.sku, quantity: u.quantity, productId, ...outcome });
  }
  return updates.map((u) => replies.get(u)!);
}

export function alibabaInventoryTarget(client: AlibabaClient): InventoryTarget {
  return {
    async setQuantities(updates, options) {
      const replies = await setStock(client, updates, options);
      return replies.map((submission, i): QuantitySubmission => ({ sku: updates[i]!.sku, marketplaceId: updates[i]!.marketplaceId, submission }));
    },
    async submitQuantitiesFeed(updates, options) {
      if (updates.length === 0) return { feeds: [] };
      const replies = await setStock(client, updates, options);
      const feed = client.feeds.record('quantities', replies);
      return { feeds: [{ feedId: feed.feedId, marketplaceId: ALIBABA_MARKETPLACE_ID, skus: updates.map((u) => u.sku), messages: updates.length }] };
    },
  };
}
