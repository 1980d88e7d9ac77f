/**
 * Seller orders on the Alibaba.com Open Platform (openapi.alibaba.com API reference, "alibaba
 * order list" / "alibaba order get", as the integration guide in ../shared/vendor/alibaba
 * quotes them):
 *
 * - `/alibaba/order/list`: `role` (seller here), `start_page` (0-based, default 0), `page_size`
 *   (default 10, at most 100), `modified_date_start` / `modified_date_end` /
 *   `create_date_start` / `create_date_end` as JSON `{ "date_str": "yyyy-MM-dd HH:mm:ss"
 *   (America/Los_Angeles), "date_timestamp": "<epoch ms>" }`, `status`. Reply
 *   `value: { total_count, order_list: [{ trade_id, trade_status, create_date, modify_date }] }`:
 *   a summary per order, without lines or amounts.
 * - `/alibaba/order/get`: `e_trade_id` (the order id), optional `data_select`, `language`.
 *   Reply `value` = the whole order.
 *
 * Ids such as trade_id arrive as text or as bare JSON numbers; both come out as exact text.
 */
import { z } from 'zod';
import { contractError, parseReply } from '../../http/error-factories.js';
import type { CallOptions } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { RestSend } from '../client.js';
import { ALIBABA } from '../config.js';
import { alibabaDateStr } from '../platform-time.js';
import { AlibabaOrderSchema, optionalIdLike, type AlibabaOrder } from '../schemas/order.js';
import { replyPayload, requestIdField } from './reply.js';

export const ALIBABA_ORDER_LIST_PATH = '/alibaba/order/list';
export const ALIBABA_ORDER_GET_PATH = '/alibaba/order/get';
/** The largest page the list serves (API reference: "The maximum number of pages is 100"). */
export const ALIBABA_ORDER_PAGE_MAX = 100;

export interface ListOrdersParams {
  /** ISO 8601 instants; sent as US Pacific wall-clock text with the epoch ms beside it. */
  readonly modifiedFrom?: string;
  readonly modifiedTo?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  /** A platform trade status, e.g. `undeliver`. */
  readonly status?: string;
  /** 0-based (`start_page`). */
  readonly page: number;
  readonly pageSize: number;
}

export interface ListOrdersResult {
  readonly orders: AlibabaOrder[];
  /** All matching orders, as the platform counts them (text: exact). */
  readonly totalCount?: string;
  readonly page: number;
  readonly hasMore: boolean;
  readonly requestId?: string;
}

export interface GetOrderResult {
  readonly order: AlibabaOrder;
  readonly requestId?: string;
}

const LIST_SITE = siteOf(ALIBABA, ALIBABA_ORDER_LIST_PATH);
const GET_SITE = siteOf(ALIBABA, ALIBABA_ORDER_GET_PATH);

/** The platform's date object for an instant. */
export function alibabaDateParam(field: string, iso: string): string {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(ms)) throw refuse(LIST_SITE, `${field} must be an ISO 8601 instant, got "${iso}"`);
  return JSON.stringify({ date_str: alibabaDateStr(ms), date_timestamp: String(ms) });
}

export function buildListOrdersParams(params: ListOrdersParams): Record<string, string> {
  const { page, pageSize } = params;
  if (!Number.isInteger(page) || page < 0) throw refuse(LIST_SITE, `page must be an integer from 0, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > ALIBABA_ORDER_PAGE_MAX) throw refuse(LIST_SITE, `pageSize must be an integer from 1 to ${ALIBABA_ORDER_PAGE_MAX}, got ${pageSize}`);
  const out: Record<string, string> = { role: 'seller', start_page: String(page), page_size: String(pageSize) };
  const dates = { modified_date_start: params.modifiedFrom, modified_date_end: params.modifiedTo, create_date_start: params.createdFrom, create_date_end: params.createdTo };
  for (const [field, iso] of Object.entries(dates)) if (iso !== undefined) out[field] = alibabaDateParam(field, iso);
  if (params.status !== undefined) out.status = params.status;
  return out;
}

const ListValueSchema = z.looseObject({ total_count: optionalIdLike, order_list: z.unknown().optional() });

export async function listOrders(rest: RestSend, params: ListOrdersParams, options?: CallOptions): Promise<ListOrdersResult> {
  const response = await rest({ apiPath: ALIBABA_ORDER_LIST_PATH, params: buildListOrdersParams(params), idempotent: true }, options);
  const value = parseReply(LIST_SITE, ListValueSchema, { ...response, data: replyPayload(response.data) }, 'order list value');
  const raw = value.order_list;
  const items = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : (Object.values(raw as object).find(Array.isArray) as unknown[] | undefined);
  if (items === undefined) throw contractError(LIST_SITE, 'response is not an order list value (order_list is not a list)', { status: response.status });
  const orders = items.map((item, i) => {
    const parsed = AlibabaOrderSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw contractError(LIST_SITE, `order ${i} of page ${params.page} is not an order (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`, { status: response.status });
    }
    return parsed.data;
  });
  const total = value.total_count === undefined ? undefined : Number(value.total_count);
  const hasMore = total !== undefined ? (params.page + 1) * params.pageSize < total : orders.length === params.pageSize;
  return {
    orders,
    ...(value.total_count === undefined ? {} : { totalCount: value.total_count }),
    page: params.page,
    hasMore,
    ...requestIdField(response),
  };
}

export async function getOrder(rest: RestSend, tradeId: string, options?: CallOptions): Promise<GetOrderResult> {
  if (!/^\d+$/.test(tradeId)) throw refuse(GET_SITE, `e_trade_id must be the numeric order id, got "${tradeId}"`);
  const response = await rest({ apiPath: ALIBABA_ORDER_GET_PATH, params: { e_trade_id: tradeId }, idempotent: true }, options);
  const order = parseReply({ ...GET_SITE, subject: tradeId }, AlibabaOrderSchema.refine((o) => o.trade_id !== undefined, { message: 'no trade_id', path: ['trade_id'] }), { ...response, data: replyPayload(response.data) }, 'order');
  return { order, ...requestIdField(response) };
}
