/**
 * listOrders — `aliexpress.solution.order.get` (IOP sync): one page of the seller's orders.
 * The query is one JSON parameter, `param0` (OrderQuery: create/modified date range, status
 * list, page size, current page); times are `yyyy-MM-dd HH:mm:ss` as the seller's platform
 * states them. The reply is `{ aliexpress_solution_order_get_response: { result } }`, or
 * `{ result }` with simplify; its lists come wrapped (`target_list.order_dto[]`) or flat.
 */
import { z } from 'zod';
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, PipelineResponse } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { SyncCall, SyncSend } from '../client.js';
import { ALIEXPRESS } from '../config.js';
import { AliexpressOrderListResultSchema, AliexpressOrderSchema, type AliexpressOrder } from '../schemas/order.js';
import { optionalIdLike } from '../schemas/wire.js';

export const LIST_ORDERS_METHOD = 'aliexpress.solution.order.get';
const SITE = siteOf(ALIEXPRESS, LIST_ORDERS_METHOD);
const PLATFORM_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export interface ListOrdersParams {
  /** `yyyy-MM-dd HH:mm:ss`. */
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly modifiedFrom?: string;
  readonly modifiedTo?: string;
  /** Platform statuses, e.g. `WAIT_SELLER_SEND_GOODS`. */
  readonly statuses?: readonly string[];
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface ListOrdersResult {
  readonly orders: AliexpressOrder[];
  /** All matching orders across pages, as the platform counts them (text: exact). */
  readonly totalCount?: string;
  readonly page: number;
  /** Whether a next page exists (by total_page, else total_count, else a full page). */
  readonly hasMore: boolean;
  readonly requestId?: string;
}

export function buildListOrdersCall(params: ListOrdersParams): SyncCall {
  const { page, pageSize, statuses } = params;
  if (!Number.isInteger(page) || page < 1) throw refuse(SITE, `page must be an integer from 1, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw refuse(SITE, `pageSize must be a positive integer, got ${pageSize}`);
  const times = { create_date_start: params.createdFrom, create_date_end: params.createdTo, modified_date_start: params.modifiedFrom, modified_date_end: params.modifiedTo };
  for (const [field, value] of Object.entries(times)) {
    if (value !== undefined && !PLATFORM_TIME.test(value)) throw refuse(SITE, `${field} must be yyyy-MM-dd HH:mm:ss, got "${value}"`);
  }
  const query = Object.fromEntries(
    Object.entries({ ...times, order_status_list: statuses === undefined || statuses.length === 0 ? undefined : [...statuses], page_size: pageSize, current_page: page }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return { method: LIST_ORDERS_METHOD, params: { param0: JSON.stringify(query) }, idempotent: true };
}

const EnvelopeSchema = z.looseObject({ result: AliexpressOrderListResultSchema, request_id: z.string().optional() });
/** The envelope named after the API, or (simplify) the result at the root. */
const ListReplySchema = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && 'aliexpress_solution_order_get_response' in v ? v.aliexpress_solution_order_get_response : v),
  EnvelopeSchema,
);

const PagingSchema = z.looseObject({ total_page: optionalIdLike, page_size: optionalIdLike });

export function parseListOrdersReply(response: PipelineResponse, params: ListOrdersParams): ListOrdersResult {
  const envelope = parseReply(SITE, ListReplySchema, response, 'solution.order.get reply');
  const { result } = envelope;
  const orders = (result.target_list ?? []).map((item, i) => {
    const parsed = AliexpressOrderSchema.safeParse(item);
    if (!parsed.success) throw refuse(SITE, `order ${i} of page ${params.page}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    return parsed.data;
  });
  const paging = PagingSchema.parse(result);
  const totalPages = paging.total_page === undefined ? undefined : Number(paging.total_page);
  const total = result.total_count === undefined ? undefined : Number(result.total_count);
  const hasMore =
    totalPages !== undefined ? params.page < totalPages : total !== undefined ? params.page * params.pageSize < total : orders.length === params.pageSize;
  const requestId = envelope.request_id ?? response.requestId;
  return {
    orders,
    ...(result.total_count === undefined ? {} : { totalCount: result.total_count }),
    page: params.page,
    hasMore,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

export async function listOrders(sync: SyncSend, params: ListOrdersParams, options?: CallOptions): Promise<ListOrdersResult> {
  return parseListOrdersReply(await sync(buildListOrdersCall(params), options), params);
}
