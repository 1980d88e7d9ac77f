/**
 * getOrders / getOrderItems semantics: parameter rules from ordersV0.json, filtering,
 * and keyset paging with opaque NextTokens. Pure functions over an OrderStore; the
 * HTTP layer is in server.ts.
 */
import { csvParam as list } from './api-types.js';
import { formatIsoMs, parseIsoDate } from './iso-date.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { lowerBound, type OrderStore, type SortMode, type StoredOrder } from './order-store.js';
import { KNOWN_MARKETPLACE_IDS } from './seed-data.js';
import { AMAZON_ORDER_STATUSES, type AmazonError, type AmazonOrder, type AmazonOrderItem } from './wire.js';

export interface OrdersQuery {
  mode: SortMode;
  afterMs: number;
  beforeMs: number;
  marketplaceIds: string[];
  statuses?: string[];
  channels?: string[];
  paymentMethods?: string[];
  orderIds?: string[];
  sellerOrderId?: string;
  buyerEmail?: string;
  maxResults: number;
}

interface OrdersCursor {
  k: number;
  id: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: AmazonError };

const invalid = (message: string, details = ''): { ok: false; error: AmazonError } => ({
  ok: false,
  error: { code: 'InvalidInput', message, details },
});

const CHANNELS = new Set(['AFN', 'MFN']);
const PAYMENT_METHODS = new Set(['COD', 'CVS', 'Other']);
const STATUSES = new Set<string>(AMAZON_ORDER_STATUSES);

function checkValues(name: string, values: string[] | undefined, allowed: ReadonlySet<string>): AmazonError | undefined {
  const bad = values?.find((v) => !allowed.has(v));
  return bad === undefined ? undefined : { code: 'InvalidInput', message: `Invalid ${name} value: ${bad}.`, details: '' };
}

export interface ParsedOrdersRequest {
  query: OrdersQuery;
  cursor?: OrdersCursor;
}

export function parseGetOrdersRequest(
  params: URLSearchParams,
  nowMs: number,
  minLagSeconds: number,
): Parsed<ParsedOrdersRequest> {
  const marketplaceIds = list(params, 'MarketplaceIds');
  if (!marketplaceIds || marketplaceIds.length === 0) return invalid("Missing required parameter 'MarketplaceIds'.");
  // maxItems 50 (ordersV0.json).
  if (marketplaceIds.length > 50) return invalid('MarketplaceIds cannot contain more than 50 values.');
  const unknown = marketplaceIds.find((id) => !KNOWN_MARKETPLACE_IDS.has(id));
  if (unknown !== undefined) return invalid(`Invalid MarketplaceIds value: ${unknown}.`);

  // With a NextToken, the token carries the query; other filters are ignored.
  const nextToken = params.get('NextToken');
  if (nextToken !== null) {
    const decoded = decodeOrdersToken(nextToken);
    if (!decoded) return invalid('Invalid NextToken.', 'The NextToken is malformed or was not issued for this operation.');
    return { ok: true, value: decoded };
  }

  const createdAfter = params.get('CreatedAfter');
  const createdBefore = params.get('CreatedBefore');
  const updatedAfter = params.get('LastUpdatedAfter');
  const updatedBefore = params.get('LastUpdatedBefore');
  if (createdAfter === null && updatedAfter === null) {
    return invalid('Either CreatedAfter or LastUpdatedAfter must be specified.');
  }
  if (createdAfter !== null && updatedAfter !== null) {
    return invalid('CreatedAfter and LastUpdatedAfter cannot both be specified.');
  }
  if (createdAfter !== null && updatedBefore !== null) {
    return invalid('LastUpdatedBefore cannot be specified when CreatedAfter is specified.');
  }
  if (updatedAfter !== null && createdBefore !== null) {
    return invalid('CreatedBefore cannot be specified when LastUpdatedAfter is specified.');
  }
  const mode: SortMode = createdAfter !== null ? 'created' : 'updated';
  const [afterName, beforeName] = mode === 'created' ? ['CreatedAfter', 'CreatedBefore'] : ['LastUpdatedAfter', 'LastUpdatedBefore'];
  const afterRaw = (createdAfter ?? updatedAfter) as string;
  const beforeRaw = mode === 'created' ? createdBefore : updatedBefore;

  const afterMs = parseIsoDate(afterRaw);
  if (afterMs === undefined) return invalid(`${afterName} is not a valid ISO 8601 date: ${afterRaw}.`);
  if (afterMs > nowMs) return invalid(`${afterName} cannot be in the future.`);
  // "at least two minutes before current time" (ordersV0.json, CreatedBefore/LastUpdatedBefore).
  const latestBefore = Math.floor((nowMs - minLagSeconds * 1000) / 1000) * 1000;
  let beforeMs = latestBefore;
  if (beforeRaw !== null) {
    const parsed = parseIsoDate(beforeRaw);
    if (parsed === undefined) return invalid(`${beforeName} is not a valid ISO 8601 date: ${beforeRaw}.`);
    if (parsed < afterMs) return invalid(`${beforeName} must be equal to or after ${afterName}.`);
    if (minLagSeconds > 0 && parsed > nowMs - minLagSeconds * 1000) {
      return invalid(`${beforeName} must be at least ${minLagSeconds} seconds before the current time.`);
    }
    beforeMs = parsed;
  }

  let maxResults = 100;
  const maxRaw = params.get('MaxResultsPerPage');
  if (maxRaw !== null) {
    if (!/^\d+$/.test(maxRaw) || Number(maxRaw) < 1 || Number(maxRaw) > 100) {
      return invalid('MaxResultsPerPage must be an integer between 1 and 100.');
    }
    maxResults = Number(maxRaw);
  }

  const statuses = list(params, 'OrderStatuses');
  const channels = list(params, 'FulfillmentChannels');
  const paymentMethods = list(params, 'PaymentMethods');
  const orderIds = list(params, 'AmazonOrderIds');
  const sellerOrderId = params.get('SellerOrderId') ?? undefined;
  const buyerEmail = params.get('BuyerEmail') ?? undefined;
  const badValue =
    checkValues('OrderStatuses', statuses, STATUSES) ??
    checkValues('FulfillmentChannels', channels, CHANNELS) ??
    checkValues('PaymentMethods', paymentMethods, PAYMENT_METHODS);
  if (badValue) return { ok: false, error: badValue };
  if (orderIds && orderIds.length > 50) return invalid('AmazonOrderIds cannot contain more than 50 values.');
  // "If SellerOrderId is specified, then FulfillmentChannels, OrderStatuses, PaymentMethod,
  // LastUpdatedAfter, LastUpdatedBefore, and BuyerEmail cannot be specified."
  if (sellerOrderId !== undefined && (channels || statuses || paymentMethods || updatedAfter !== null || buyerEmail !== undefined)) {
    return invalid('SellerOrderId cannot be combined with FulfillmentChannels, OrderStatuses, PaymentMethods, LastUpdatedAfter, LastUpdatedBefore or BuyerEmail.');
  }

  const query: OrdersQuery = { mode, afterMs, beforeMs, marketplaceIds, maxResults };
  if (statuses) query.statuses = statuses;
  if (channels) query.channels = channels;
  if (paymentMethods) query.paymentMethods = paymentMethods;
  if (orderIds) query.orderIds = orderIds;
  if (sellerOrderId !== undefined) query.sellerOrderId = sellerOrderId;
  if (buyerEmail !== undefined) query.buyerEmail = buyerEmail;
  return { ok: true, value: { query } };
}

function decodeOrdersToken(token: string): ParsedOrdersRequest | undefined {
  const payload = decodeNextToken(token) as { op?: unknown; q?: OrdersQuery; c?: OrdersCursor } | undefined;
  if (!payload || payload.op !== 'getOrders' || typeof payload.q !== 'object' || typeof payload.c !== 'object') return undefined;
  const { q, c } = payload;
  if (typeof q.afterMs !== 'number' || typeof q.beforeMs !== 'number' || !Array.isArray(q.marketplaceIds)) return undefined;
  if (typeof c.k !== 'number' || typeof c.id !== 'string') return undefined;
  return { query: q, cursor: c };
}

export interface OrdersPage {
  Orders: AmazonOrder[];
  NextToken?: string;
  LastUpdatedBefore?: string;
  CreatedBefore?: string;
}

function matches(e: StoredOrder, q: OrdersQuery, sets: { mk: Set<string>; st?: Set<string>; fc?: Set<string>; pm?: Set<string>; ids?: Set<string> }): boolean {
  const o = e.record.order;
  if (o.MarketplaceId === undefined || !sets.mk.has(o.MarketplaceId)) return false;
  if (sets.st && !sets.st.has(o.OrderStatus)) return false;
  if (sets.fc && (o.FulfillmentChannel === undefined || !sets.fc.has(o.FulfillmentChannel))) return false;
  if (sets.pm && (o.PaymentMethod === undefined || !sets.pm.has(o.PaymentMethod))) return false;
  if (sets.ids && !sets.ids.has(o.AmazonOrderId)) return false;
  if (q.sellerOrderId !== undefined && o.SellerOrderId !== q.sellerOrderId) return false;
  if (q.buyerEmail !== undefined && o.BuyerInfo?.BuyerEmail !== q.buyerEmail) return false;
  return true;
}

/**
 * One page, in (date, AmazonOrderId) order. The cursor is the last record served, so
 * walking all pages of a stable data set yields every match exactly once.
 */
export function ordersPage(store: OrderStore, request: ParsedOrdersRequest): OrdersPage {
  const { query: q, cursor } = request;
  const list = store.ordered(q.mode);
  const sets = {
    mk: new Set(q.marketplaceIds),
    ...(q.statuses ? { st: new Set(q.statuses) } : {}),
    ...(q.channels ? { fc: new Set(q.channels) } : {}),
    ...(q.paymentMethods ? { pm: new Set(q.paymentMethods) } : {}),
    ...(q.orderIds ? { ids: new Set(q.orderIds) } : {}),
  };
  let i = cursor ? lowerBound(list, q.mode, cursor.k, cursor.id) : lowerBound(list, q.mode, q.afterMs);
  const hits: StoredOrder[] = [];
  let more = false;
  for (; i < list.length; i++) {
    const e = list[i] as StoredOrder;
    const key = q.mode === 'created' ? e.createdMs : e.updatedMs;
    if (key > q.beforeMs) break;
    if (key < q.afterMs || !matches(e, q, sets)) continue;
    if (hits.length === q.maxResults) {
      more = true;
      break;
    }
    hits.push(e);
  }
  const page: OrdersPage = { Orders: hits.map((h) => h.record.order) };
  const last = hits[hits.length - 1];
  if (more && last) {
    page.NextToken = encodeNextToken({
      op: 'getOrders',
      q,
      c: { k: q.mode === 'created' ? last.createdMs : last.updatedMs, id: last.id },
    });
  }
  if (q.mode === 'created') page.CreatedBefore = formatIsoMs(q.beforeMs);
  else page.LastUpdatedBefore = formatIsoMs(q.beforeMs);
  return page;
}

export interface OrderItemsPage {
  AmazonOrderId: string;
  OrderItems: AmazonOrderItem[];
  NextToken?: string;
}

/** Items from `offset` (0 or from the NextToken), `pageSize` at a time. */
export function orderItemsPage(
  orderId: string,
  items: readonly AmazonOrderItem[],
  nextToken: string | null,
  pageSize: number,
): Parsed<OrderItemsPage> {
  let offset = 0;
  if (nextToken !== null) {
    const payload = decodeNextToken(nextToken) as { op?: unknown; o?: unknown; i?: unknown } | undefined;
    if (!payload || payload.op !== 'getOrderItems' || payload.o !== orderId || typeof payload.i !== 'number' || payload.i < 0) {
      return invalid('Invalid NextToken.', 'The NextToken is malformed or was not issued for this order.');
    }
    offset = payload.i;
  }
  const page: OrderItemsPage = { AmazonOrderId: orderId, OrderItems: items.slice(offset, offset + pageSize) };
  if (offset + pageSize < items.length) {
    page.NextToken = encodeNextToken({ op: 'getOrderItems', o: orderId, i: offset + pageSize });
  }
  return { ok: true, value: page };
}
