/**
 * Bulk product jobs (IOP sync; names from retailcrm/aliexpress-top-client's SolutionFeedSubmit,
 * SolutionFeedQuery, SolutionFeedListGet, FeedOperationTypes and FeedStatuses):
 * - `aliexpress.solution.feed.submit`: `operation_type` and `item_list` JSON
 *   `[{ item_content_id, item_content }]` (item_content: the item's document as JSON text) → `job_id`;
 * - `aliexpress.solution.feed.query`: `job_id` → `result_list.single_item_response_dto[]`
 *   `{ item_content_id, item_execution_result }` (the result is JSON text);
 * - `aliexpress.solution.feed.list.get`: `current_page`, `page_size`, optional `feed_type` and
 *   `status` (QUEUEING, PROCESSING, FINISH) → `job_list`.
 * A job holds at most 2000 items (retailcrm's check on item_list; the API's model text says the
 * same: "item list, maximum size: 2000").
 */
import { z } from 'zod';
import type { CallOptions } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { SyncSend } from '../client.js';
import { ALIEXPRESS } from '../config.js';
import {
  AliexpressFeedListResultSchema,
  AliexpressFeedQueryResultSchema,
  AliexpressFeedSubmitResultSchema,
  type AliexpressFeedQueryResult,
} from '../schemas/catalog.js';
import { readSyncReply, requireNumericId } from './sync-reply.js';

export const FEED_SUBMIT_METHOD = 'aliexpress.solution.feed.submit';
export const FEED_QUERY_METHOD = 'aliexpress.solution.feed.query';
export const FEED_LIST_METHOD = 'aliexpress.solution.feed.list.get';
export const MAX_FEED_ITEMS = 2000;

export const FEED_OPERATION_TYPES = ['PRODUCT_CREATE', 'PRODUCT_FULL_UPDATE', 'PRODUCT_STOCKS_UPDATE', 'PRODUCT_PRICES_UPDATE'] as const;
export type FeedOperationType = (typeof FEED_OPERATION_TYPES)[number];
export const FEED_STATUSES = ['QUEUEING', 'PROCESSING', 'FINISH'] as const;

/** One feed item: its id (the SKU, echoed back in feed.query) and its document as JSON text. */
export const AliexpressFeedItemSchema = z.strictObject({ item_content_id: z.string().min(1), item_content: z.string().min(2) });
export type AliexpressFeedItem = z.infer<typeof AliexpressFeedItemSchema>;

export async function submitFeed(sync: SyncSend, operationType: FeedOperationType, items: readonly unknown[], options?: CallOptions): Promise<{ jobId: string; requestId?: string }> {
  const site = siteOf(ALIEXPRESS, FEED_SUBMIT_METHOD);
  if (!(FEED_OPERATION_TYPES as readonly string[]).includes(operationType)) throw refuse(site, `operation_type must be one of ${FEED_OPERATION_TYPES.join(', ')}, got "${operationType}"`);
  if (items.length === 0 || items.length > MAX_FEED_ITEMS) throw refuse(site, `item_list must hold 1 to ${MAX_FEED_ITEMS} items, got ${items.length}`);
  const checked = items.map((item, i) => {
    const parsed = AliexpressFeedItemSchema.safeParse(item);
    if (!parsed.success) throw refuse(site, `item_list[${i}].${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  });
  // Not idempotent: a resent job runs again (a second PRODUCT_CREATE makes duplicates).
  const response = await sync({ method: FEED_SUBMIT_METHOD, params: { operation_type: operationType, item_list: JSON.stringify(checked) }, idempotent: false }, options);
  const { value, requestId } = readSyncReply(FEED_SUBMIT_METHOD, AliexpressFeedSubmitResultSchema, response, 'solution.feed.submit reply');
  if (value.job_id === undefined) throw refuse(site, 'the reply names no job_id');
  return { jobId: value.job_id, ...(requestId === undefined ? {} : { requestId }) };
}

export async function queryFeed(sync: SyncSend, jobId: string, options?: CallOptions): Promise<{ result: AliexpressFeedQueryResult; reply: unknown; requestId?: string }> {
  requireNumericId(FEED_QUERY_METHOD, 'job_id', jobId);
  const response = await sync({ method: FEED_QUERY_METHOD, params: { job_id: jobId }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(FEED_QUERY_METHOD, AliexpressFeedQueryResultSchema, response, 'solution.feed.query reply');
  return { result: value, reply: response.data, ...(requestId === undefined ? {} : { requestId }) };
}

export interface ListFeedsParams {
  readonly page: number;
  readonly pageSize: number;
  readonly feedType?: FeedOperationType;
  readonly status?: (typeof FEED_STATUSES)[number];
}

export type AliexpressFeedJobs = z.infer<typeof AliexpressFeedListResultSchema>;

export async function listFeeds(sync: SyncSend, params: ListFeedsParams, options?: CallOptions): Promise<{ result: AliexpressFeedJobs; requestId?: string }> {
  const site = siteOf(ALIEXPRESS, FEED_LIST_METHOD);
  if (!Number.isInteger(params.page) || params.page < 1) throw refuse(site, `current_page must be an integer from 1, got ${params.page}`);
  if (!Number.isInteger(params.pageSize) || params.pageSize < 1) throw refuse(site, `page_size must be a positive integer, got ${params.pageSize}`);
  const query = {
    current_page: params.page,
    page_size: params.pageSize,
    ...(params.feedType === undefined ? {} : { feed_type: params.feedType }),
    ...(params.status === undefined ? {} : { status: params.status }),
  };
  const response = await sync({ method: FEED_LIST_METHOD, params: query, idempotent: true }, options);
  const { value, requestId } = readSyncReply(FEED_LIST_METHOD, AliexpressFeedListResultSchema, response, 'solution.feed.list.get reply');
  return { result: value, ...(requestId === undefined ? {} : { requestId }) };
}
