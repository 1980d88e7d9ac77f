/**
 * AliExpress as a listing target. A listing write is the product document (an instance of the
 * category's schema, built by the vendor's adapter): instance.post when the seller has no
 * product with the SKU yet, full.update of that product when it has (sku-index.ts resolves the
 * SKU). Bulk writes go as feed jobs (PRODUCT_CREATE / PRODUCT_FULL_UPDATE, at most 2000 items per
 * job), polled through feed.list.get and read with feed.query.
 *
 * validateListing: AliExpress has no preview call. The hub checks every document against the
 * category schema from productTypeSchema (product.schema.get) before it sends it (the listing
 * engine's schema check in listingsPublish), so this verdict only checks what the connector
 * needs to send the document: a JSON object naming its category. It writes nothing.
 *
 * A document the platform refuses (a business error inside HTTP 200, or our own pre-send check)
 * is a submission with success false and the platform's code and text, not a failed call: the
 * listing is rejected, the flow goes on.
 */
import type { CapabilityCallOptions, ListingTarget, ListingWrite, ListingsFeedState, ListingsFeedStatus } from '../capabilities.js';
import { ConnectorError } from '../http/errors.js';
import { isObject } from '../http/json-object.js';
import type { AliexpressClient } from './client.js';
import { refusalOf } from './errors.js';
import { MAX_FEED_ITEMS, type FeedOperationType } from './operations/feeds.js';
import type { AliexpressListingSubmission } from './schemas/catalog.js';
import { skuIndexOf } from './sku-index.js';

/** feed.list.get statuses → the capability's feed states. */
const FEED_STATES: Readonly<Record<string, ListingsFeedState>> = { QUEUEING: 'queued', PROCESSING: 'in_progress', FINISH: 'done' };
/** Jobs read from feed.list.get (newest first) before asking feed.query about a job not listed. */
const FEED_LIST_PAGES = 5;
const FEED_LIST_PAGE_SIZE = 50;

/** A refusal of the document (validation) as a rejected submission; anything else is thrown on. */
function refusal(sku: string, operation: AliexpressListingSubmission['operation'], error: unknown): AliexpressListingSubmission {
  return { sku, operation, success: false, ...refusalOf(error) };
}

/** The SKUs a product document lists (`sku_info_list[].sku_code`). */
function documentSkus(document: unknown): string[] {
  if (!isObject(document) || !Array.isArray(document.sku_info_list)) return [];
  return document.sku_info_list.flatMap((s) => (isObject(s) && typeof s.sku_code === 'string' ? [s.sku_code] : []));
}

async function putListing(client: AliexpressClient, write: ListingWrite, options?: CapabilityCallOptions): Promise<AliexpressListingSubmission> {
  const index = skuIndexOf(client);
  const productId = await index.productIdOf(write.sku, options);
  if (productId === undefined) {
    try {
      const written = await client.postProduct(write.request, options);
      if (written.productId !== undefined) for (const sku of new Set([write.sku, ...documentSkus(write.request)])) index.remember(sku, written.productId);
      return { sku: write.sku, operation: 'instance.post', success: true, ...(written.productId === undefined ? {} : { productId: written.productId }), ...(written.requestId === undefined ? {} : { requestId: written.requestId }) };
    } catch (error) {
      return refusal(write.sku, 'instance.post', error);
    }
  }
  try {
    const written = await client.updateProduct(productId, write.request, options);
    return { sku: write.sku, operation: 'full.update', success: true, productId, ...(written.requestId === undefined ? {} : { requestId: written.requestId }) };
  } catch (error) {
    return { ...refusal(write.sku, 'full.update', error), productId };
  }
}

function validateListing(write: ListingWrite): AliexpressListingSubmission {
  const doc = write.request;
  if (!isObject(doc)) return { sku: write.sku, operation: 'validate', success: false, errorCode: 'not_a_document', errorMessage: 'the product document is not a JSON object' };
  const category = doc.category_id;
  if (!(typeof category === 'number' || (typeof category === 'string' && /^\d+$/.test(category)))) {
    return { sku: write.sku, operation: 'validate', success: false, errorCode: 'category_id', errorMessage: 'the product document names no numeric category_id' };
  }
  return { sku: write.sku, operation: 'validate', success: true };
}

/** One feed message: the adapter's `{ item_content_id: sku, item_content: JSON text }`. */
function feedItemOf(message: unknown, i: number): { item_content_id: string; item_content: string } {
  if (isObject(message) && typeof message.item_content_id === 'string' && typeof message.item_content === 'string') {
    return { item_content_id: message.item_content_id, item_content: message.item_content };
  }
  throw new ConnectorError('validation', `AliExpress listings feed: message ${i} is not { item_content_id, item_content } text`, { vendor: 'aliexpress', operation: 'aliexpress.solution.feed.submit' });
}

/** The document's JSON text with `product_id` first, as an exact number (full update items name their product). */
function withProductId(itemContent: string, productId: string): string {
  const rest = itemContent.trim().slice(1);
  return `{"product_id":${productId}${rest.trim() === '}' ? '' : ','}${rest}`;
}

async function submitListingsFeed(client: AliexpressClient, messages: readonly unknown[], options?: CapabilityCallOptions) {
  const index = skuIndexOf(client);
  const byOperation: Record<'PRODUCT_CREATE' | 'PRODUCT_FULL_UPDATE', { item_content_id: string; item_content: string }[]> = { PRODUCT_CREATE: [], PRODUCT_FULL_UPDATE: [] };
  for (const [i, message] of messages.entries()) {
    const item = feedItemOf(message, i);
    const productId = await index.productIdOf(item.item_content_id, options);
    if (productId === undefined) byOperation.PRODUCT_CREATE.push(item);
    else byOperation.PRODUCT_FULL_UPDATE.push({ item_content_id: item.item_content_id, item_content: withProductId(item.item_content, productId) });
  }
  const feeds: { feedId: string; skus: string[]; messages: number }[] = [];
  for (const [operation, items] of Object.entries(byOperation) as [FeedOperationType, typeof byOperation.PRODUCT_CREATE][]) {
    for (let start = 0; start < items.length; start += MAX_FEED_ITEMS) {
      const chunk = items.slice(start, start + MAX_FEED_ITEMS);
      const { jobId } = await client.submitFeed(operation, chunk, options);
      feeds.push({ feedId: jobId, skus: chunk.map((c) => c.item_content_id), messages: chunk.length });
    }
  }
  return { feeds };
}

/**
 * A job's state: feed.list.get's status where the job is among the newest listed; else feed.query
 * says done once every item has a result (the list may have moved on past an old job).
 */
export async function aliexpressFeedStatus(client: AliexpressClient, jobId: string, options?: CapabilityCallOptions): Promise<ListingsFeedStatus> {
  for (let page = 1; page <= FEED_LIST_PAGES; page++) {
    const { result } = await client.listFeeds({ page, pageSize: FEED_LIST_PAGE_SIZE }, options);
    const job = (result.job_list ?? []).find((j) => j.job_id === jobId);
    if (job !== undefined) {
      const rawStatus = job.status ?? 'UNKNOWN';
      const state = Object.hasOwn(FEED_STATES, rawStatus) ? FEED_STATES[rawStatus] : undefined;
      return { feedId: jobId, rawStatus, ...(state === undefined ? {} : { state }), ...(state === 'done' ? { resultDocumentId: jobId } : {}), feed: job };
    }
    const pages = result.total_page === undefined ? undefined : Number(result.total_page);
    if ((result.job_list ?? []).length < FEED_LIST_PAGE_SIZE || (pages !== undefined && page >= pages)) break;
  }
  const { result } = await client.queryFeed(jobId, options);
  const total = result.total_item_count === undefined ? undefined : Number(result.total_item_count);
  const done = total !== undefined && (result.result_list ?? []).length >= total;
  return done
    ? { feedId: jobId, state: 'done', rawStatus: 'FINISH', resultDocumentId: jobId, feed: result }
    : { feedId: jobId, state: 'in_progress', rawStatus: 'PROCESSING', feed: result };
}

export function aliexpressListingTarget(client: AliexpressClient): ListingTarget {
  return {
    putListing: (write, options) => putListing(client, write, options),
    validateListing: (write) => Promise.resolve(validateListing(write)),
    submitListingsFeed: (messages, options) => submitListingsFeed(client, messages, options),
    feedStatus: (jobId, options) => aliexpressFeedStatus(client, jobId, options),
    // The job's per-item results (parsed: feed.query's result), read by the vendor's feed verdicts.
    feedResults: async (jobId, options) => (await client.queryFeed(jobId, options)).result,
    async productTypeSchema(categoryId, _marketplaceId, options) {
      return { schema: (await client.getProductSchema(categoryId, options)).schema };
    },
  };
}

