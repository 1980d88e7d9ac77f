/**
 * Orders API 2026-01-01 in the sandbox: searchOrders and getOrder over the same seeded orders
 * that Orders v0 serves, converted into the 2026 wire format of models/orders_2026-01-01.json
 * (camelCase fields, items inside the order, money as {amount, currencyCode}, the order status
 * under fulfillment). Each dataset of `includedData` is sent only when asked for. Values are
 * carried over as stored, never re-parsed: a malformed seeded record stays malformed here, so it
 * is dead-lettered the same way through either API. Pure functions over an OrderStore; the HTTP
 * pipeline (auth, faults, token buckets) is in server.ts.
 */
import { decodeNextToken, encodeNextToken } from './next-token.js';
import type { OrderStore } from './order-store.js';
import { ordersPage, parseGetOrdersRequest, type OrdersQuery, type Parsed, type ParsedOrdersRequest } from './orders-api.js';
import type { SandboxOrder } from './order-builder.js';
import { KNOWN_MARKETPLACE_IDS } from './seed-data.js';
import type { AmazonAddress, AmazonMoney, AmazonOrder, AmazonOrderItem, AmazonOrderStatus } from './wire.js';

export type Orders2026Operation = 'searchOrders' | 'getOrder2026';
export const ORDERS_2026_OPERATIONS: readonly Orders2026Operation[] = ['searchOrders', 'getOrder2026'];

/** Default usage plans, from each operation's description in orders_2026-01-01.json. */
export const ORDERS_2026_USAGE_PLANS: Readonly<Record<Orders2026Operation, { readonly rate: number; readonly burst: number }>> = {
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder2026: { rate: 0.5, burst: 30 },
};

/** The model's `includedData` enum. */
export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type IncludedData = (typeof INCLUDED_DATA)[number];

/** The model's FulfillmentStatus enum, by the v0 OrderStatus it stands for (2026 has no InvoiceUnconfirmed). */
const FULFILLMENT_STATUS: Readonly<Record<AmazonOrderStatus, string>> = {
  PendingAvailability: 'PENDING_AVAILABILITY',
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  InvoiceUnconfirmed: 'SHIPPED',
  Canceled: 'CANCELLED',
  Unfulfillable: 'UNFULFILLABLE',
};
const V0_STATUSES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.values(FULFILLMENT_STATUS).map((s) => [s, Object.keys(FULFILLMENT_STATUS).filter((k) => FULFILLMENT_STATUS[k as AmazonOrderStatus] === s)]),
);
const FULFILLED_BY: Readonly<Record<string, string>> = { AFN: 'AMAZON', MFN: 'MERCHANT' };
const CHANNEL_OF: Readonly<Record<string, string>> = { AMAZON: 'AFN', MERCHANT: 'MFN' };

export interface Money2026 {
  amount: string;
  currencyCode: string;
}
type Json = Record<string, unknown>;

const money = (m: AmazonMoney | undefined): Money2026 | undefined =>
  m === undefined ? undefined : { amount: m.Amount as string, currencyCode: m.CurrencyCode as string };

/** Keeps the keys whose value is defined (the wire format never sends undefined). */
function defined(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * The sum of amounts as a decimal text, when every amount is a plain decimal of one currency;
 * otherwise the first amount as stored (a malformed value travels on unchanged).
 */
function sum(parts: readonly Money2026[], negate = false): Money2026 | undefined {
  const first = parts[0];
  if (!first) return undefined;
  if (!parts.every((p) => PLAIN_DECIMAL.test(p.amount) && p.currencyCode === first.currencyCode)) return first;
  const scale = Math.max(...parts.map((p) => p.amount.split('.')[1]?.length ?? 0));
  let total = 0n;
  for (const p of parts) {
    const [whole, frac = ''] = p.amount.replace('-', '').split('.');
    const minor = BigInt(`${whole}${frac.padEnd(scale, '0')}`);
    total += p.amount.startsWith('-') ? -minor : minor;
  }
  if (negate) total = -total;
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const amount = scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return { amount, currencyCode: first.currencyCode };
}

/** The line's unit price: ItemPrice ÷ quantity when that is exact, else the line price for a single unit. */
function unitPrice(item: AmazonOrderItem): Money2026 | undefined {
  const line = money(item.ItemPrice);
  const qty = item.QuantityOrdered;
  if (!line || qty < 1) return undefined;
  if (qty === 1) return line;
  if (!PLAIN_DECIMAL.test(line.amount)) return undefined;
  const scale = line.amount.split('.')[1]?.length ?? 0;
  const minor = BigInt(line.amount.replace('.', ''));
  if (minor % BigInt(qty) !== 0n) return undefined;
  const digits = (minor / BigInt(qty)).toString().padStart(scale + 1, '0');
  return { amount: scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`, currencyCode: line.currencyCode };
}

/** v0's money fields of an item as ItemProceeds breakdowns; discounts are written as reductions (negative). */
function itemProceeds(item: AmazonOrderItem): Json {
  const breakdowns: Json[] = [];
  const plain = (type: string, m: AmazonMoney | undefined) => {
    const v = money(m);
    if (v) breakdowns.push({ type, subtotal: v });
  };
  plain('ITEM', item.ItemPrice);
  plain('SHIPPING', item.ShippingPrice);
  plain('GIFT_WRAP', item.BuyerInfo?.GiftWrapPrice);
  plain('COD_FEE', item.CODFee);
  const detailed = (type: string, parts: readonly [string, AmazonMoney | undefined][], negate: boolean) => {
    const details = parts.flatMap(([subtype, m]) => {
      const v = money(m);
      return v ? [{ subtype, value: negate ? (sum([v], true) as Money2026) : v }] : [];
    });
    if (details.length === 0) return;
    breakdowns.push({ type, subtotal: sum(details.map((d) => d.value)), detailedBreakdowns: details });
  };
  detailed('TAX', [['ITEM', item.ItemTax], ['SHIPPING', item.ShippingTax], ['GIFT_WRAP', item.BuyerInfo?.GiftWrapTax]], false);
  detailed('DISCOUNT', [['ITEM', item.PromotionDiscount], ['SHIPPING', item.ShippingDiscount]], true);
  return breakdowns.length ? { breakdowns } : {};
}

function itemFulfillment(item: AmazonOrderItem): Json {
  const gift = item.IsGift === 'true';
  return defined({
    quantityFulfilled: item.QuantityShipped,
    quantityUnfulfilled: item.QuantityShipped === undefined ? undefined : Math.max(0, item.QuantityOrdered - item.QuantityShipped),
    packing: gift
      ? { giftOption: defined({ giftMessage: item.BuyerInfo?.GiftMessageText, giftWrapLevel: item.BuyerInfo?.GiftWrapLevel }) }
      : undefined,
    shipping: item.IossNumber === undefined ? undefined : { internationalShipping: { iossNumber: item.IossNumber } },
  });
}

function itemTax(item: AmazonOrderItem): Json | undefined {
  const tax = defined({
    taxCollections: item.TaxCollection ? [defined({ model: item.TaxCollection.Model, responsibleParty: item.TaxCollection.ResponsibleParty })] : undefined,
    taxCalculationBreakdowns: item.DeemedResellerCategory === undefined ? undefined : [{ reportingScheme: item.DeemedResellerCategory }],
  });
  return Object.keys(tax).length ? tax : undefined;
}

const upper = (v: string | undefined): string | undefined => (v === undefined ? undefined : v.toUpperCase());

function orderItem(item: AmazonOrderItem, included: ReadonlySet<IncludedData>): Json {
  const condition = defined({ conditionType: upper(item.ConditionId), conditionSubtype: upper(item.ConditionSubtypeId) });
  const price = defined({ unitPrice: unitPrice(item), priceDesignation: item.PriceDesignation === undefined ? undefined : 'BUSINESS_PRICE' });
  const out: Json = {
    orderItemId: item.OrderItemId,
    quantityOrdered: item.QuantityOrdered,
    product: defined({
      asin: item.ASIN,
      title: item.Title,
      sellerSku: item.SellerSKU,
      condition: Object.keys(condition).length ? condition : undefined,
      price: Object.keys(price).length ? price : undefined,
    }),
  };
  if (included.has('PROCEEDS')) out.proceeds = itemProceeds(item);
  if (included.has('PROMOTION') && item.PromotionIds?.length) out.promotion = { breakdowns: item.PromotionIds.map((promotionId) => ({ promotionId })) };
  if (included.has('CANCELLATION') && item.BuyerRequestedCancel?.IsBuyerRequestedCancel === 'true') {
    out.cancellation = { cancellationRequest: defined({ requester: 'BUYER', cancelReason: item.BuyerRequestedCancel.BuyerCancelReason }) };
  }
  if (included.has('FULFILLMENT')) out.fulfillment = itemFulfillment(item);
  if (included.has('TAX')) {
    const tax = itemTax(item);
    if (tax) out.tax = tax;
  }
  return out;
}

function deliveryAddress(a: AmazonAddress): Json {
  return defined({
    name: a.Name,
    companyName: a.CompanyName,
    addressLine1: a.AddressLine1,
    addressLine2: a.AddressLine2,
    addressLine3: a.AddressLine3,
    city: a.City,
    // One field in 2026 for v0's District and County.
    districtOrCounty: a.County ?? a.District,
    stateOrRegion: a.StateOrRegion,
    municipality: a.Municipality,
    postalCode: a.PostalCode,
    countryCode: a.CountryCode,
    phone: a.Phone,
    addressType: upper(a.AddressType),
  });
}

const window = (earliest: string | undefined, latest: string | undefined): Json | undefined =>
  earliest === undefined && latest === undefined ? undefined : defined({ earliestDateTime: earliest, latestDateTime: latest });

/** One seeded order (v0 Order and its items) in the 2026 wire format, with the datasets in `included`. */
export function toOrder2026(record: SandboxOrder, included: ReadonlySet<IncludedData>): Json {
  const o: AmazonOrder = record.order;
  const programs: string[] = [];
  if (o.IsBusinessOrder) programs.push('AMAZON_BUSINESS');
  if (o.IsPrime) programs.push('PRIME');
  const out: Json = {
    orderId: o.AmazonOrderId,
    ...(o.SellerOrderId !== undefined ? { orderAliases: [{ aliasId: o.SellerOrderId, aliasType: 'SELLER_ORDER_ID' }] } : {}),
    createdTime: o.PurchaseDate,
    lastUpdatedTime: o.LastUpdateDate,
    programs,
    ...(o.ReplacedOrderId !== undefined ? { associatedOrders: [{ orderId: o.ReplacedOrderId, associationType: 'REPLACEMENT_ORIGINAL_ID' }] } : {}),
    salesChannel: defined({
      channelName: o.SalesChannel === 'Non-Amazon' ? 'NON_AMAZON' : 'AMAZON',
      marketplaceId: o.MarketplaceId,
      marketplaceName: o.SalesChannel === 'Non-Amazon' ? undefined : o.SalesChannel,
    }),
  };
  if (included.has('BUYER') && o.BuyerInfo) {
    const b = o.BuyerInfo;
    out.buyer = defined({
      buyerName: b.BuyerName,
      buyerEmail: b.BuyerEmail,
      buyerCompanyName: b.BuyerTaxInfo?.CompanyLegalName,
      buyerPurchaseOrderNumber: b.PurchaseOrderNumber,
    });
  }
  if (included.has('RECIPIENT') && o.ShippingAddress) out.recipient = { deliveryAddress: deliveryAddress(o.ShippingAddress) };
  if (included.has('PROCEEDS')) out.proceeds = defined({ grandTotal: money(o.OrderTotal) });
  if (included.has('FULFILLMENT')) {
    out.fulfillment = defined({
      fulfillmentStatus: FULFILLMENT_STATUS[o.OrderStatus as AmazonOrderStatus] ?? o.OrderStatus,
      fulfilledBy: o.FulfillmentChannel === undefined ? undefined : FULFILLED_BY[o.FulfillmentChannel],
      fulfillmentServiceLevel: o.ShipmentServiceLevelCategory?.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      shipByWindow: window(o.EarliestShipDate, o.LatestShipDate),
      deliverByWindow: window(o.EarliestDeliveryDate, o.LatestDeliveryDate),
    });
  }
  out.orderItems = record.items.map((i) => orderItem(i, included));
  return out;
}

// ---- requests ---------------------------------------------------------------------------

const invalid = (message: string, details = ''): { ok: false; error: { code: string; message: string; details: string } } => ({
  ok: false,
  error: { code: 'InvalidInput', message, details },
});

function list(params: URLSearchParams, name: string): string[] | undefined {
  const raw = params.getAll(name);
  if (raw.length === 0) return undefined;
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** includedData, each value one of the model's enum; none asked for = none sent. */
export function parseIncludedData(params: URLSearchParams): Parsed<ReadonlySet<IncludedData>> {
  const values = list(params, 'includedData') ?? [];
  const bad = values.find((v) => !(INCLUDED_DATA as readonly string[]).includes(v));
  if (bad !== undefined) return invalid(`Invalid includedData value: ${bad}.`);
  return { ok: true, value: new Set(values as IncludedData[]) };
}

export interface SearchOrdersRequest {
  orders: ParsedOrdersRequest;
  included: ReadonlySet<IncludedData>;
}

/** The v0 spelling of the query, so the v0 rules and paging (orders-api.ts) serve both APIs alike. */
function asV0Params(params: URLSearchParams, marketplaceIds: readonly string[]): URLSearchParams | { error: string } {
  const v0 = new URLSearchParams();
  v0.set('MarketplaceIds', marketplaceIds.join(','));
  const names: [string, string][] = [
    ['createdAfter', 'CreatedAfter'],
    ['createdBefore', 'CreatedBefore'],
    ['lastUpdatedAfter', 'LastUpdatedAfter'],
    ['lastUpdatedBefore', 'LastUpdatedBefore'],
    ['maxResultsPerPage', 'MaxResultsPerPage'],
  ];
  for (const [from, to] of names) {
    const v = params.get(from);
    if (v !== null) v0.set(to, v);
  }
  const statuses = list(params, 'fulfillmentStatuses');
  if (statuses) {
    const bad = statuses.find((s) => !V0_STATUSES.has(s));
    if (bad !== undefined) return { error: `Invalid fulfillmentStatuses value: ${bad}.` };
    v0.set('OrderStatuses', statuses.flatMap((s) => V0_STATUSES.get(s) ?? []).join(','));
  }
  const fulfilledBy = list(params, 'fulfilledBy');
  if (fulfilledBy) {
    const bad = fulfilledBy.find((f) => CHANNEL_OF[f] === undefined);
    if (bad !== undefined) return { error: `Invalid fulfilledBy value: ${bad}.` };
    v0.set('FulfillmentChannels', fulfilledBy.map((f) => CHANNEL_OF[f]).join(','));
  }
  return v0;
}

/** The v0 error messages name v0's parameters; 2026 names them in camelCase. */
const renamed = (message: string): string =>
  message.replace(/\b(CreatedAfter|CreatedBefore|LastUpdatedAfter|LastUpdatedBefore|MaxResultsPerPage|MarketplaceIds)\b/g, (n) => `${n[0]!.toLowerCase()}${n.slice(1)}`);

/**
 * searchOrders parameters (the model's rules: exactly one of createdAfter and lastUpdatedAfter,
 * the other family excluded, maxResultsPerPage 1–100). marketplaceIds is optional in 2026: absent,
 * every marketplace the sandbox knows is searched. A paginationToken carries
 * the query it continues; includedData is read from each request.
 */
export function parseSearchOrdersRequest(
  params: URLSearchParams,
  nowMs: number,
  minLagSeconds: number,
): Parsed<SearchOrdersRequest> {
  const included = parseIncludedData(params);
  if (!included.ok) return included;
  const token = params.get('paginationToken');
  if (token !== null) {
    const decoded = decodeNextToken(token) as { op?: unknown; q?: OrdersQuery; c?: { k: number; id: string } } | undefined;
    if (!decoded || decoded.op !== 'searchOrders' || typeof decoded.q !== 'object' || typeof decoded.c !== 'object') {
      return invalid('Invalid paginationToken.', 'The paginationToken is malformed or was not issued for this operation.');
    }
    return { ok: true, value: { orders: { query: decoded.q, cursor: decoded.c }, included: included.value } };
  }
  const v0 = asV0Params(params, list(params, 'marketplaceIds') ?? [...KNOWN_MARKETPLACE_IDS]);
  if (!(v0 instanceof URLSearchParams)) return invalid(v0.error);
  const parsed = parseGetOrdersRequest(v0, nowMs, minLagSeconds);
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, message: renamed(parsed.error.message) } };
  return { ok: true, value: { orders: parsed.value, included: included.value } };
}

export interface SearchOrdersPage {
  orders: Json[];
  pagination?: { nextToken: string };
  lastUpdatedBefore?: string;
  createdBefore?: string;
}

/** One page of searchOrders: v0's keyset paging over the store, each order converted with its items. */
export function searchOrdersPage(store: OrderStore, request: SearchOrdersRequest): SearchOrdersPage {
  const page = ordersPage(store, request.orders);
  const orders = page.Orders.map((o) => toOrder2026(store.get(o.AmazonOrderId) as SandboxOrder, request.included));
  const out: SearchOrdersPage = { orders };
  if (page.NextToken !== undefined) {
    const v0 = decodeNextToken(page.NextToken) as { q: OrdersQuery; c: unknown };
    out.pagination = { nextToken: encodeNextToken({ op: 'searchOrders', q: v0.q, c: v0.c }) };
  }
  if (page.LastUpdatedBefore !== undefined) out.lastUpdatedBefore = page.LastUpdatedBefore;
  if (page.CreatedBefore !== undefined) out.createdBefore = page.CreatedBefore;
  return out;
}
