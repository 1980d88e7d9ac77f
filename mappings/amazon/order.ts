// Types only: the wire format is described once, by the connector's zod schemas.
import type { AmazonOrder, AmazonOrderItem } from '../../connectors/amazon/schemas.js';
import type { Address } from '../canonical/address.js';
import { isCountryCode } from '../canonical/countries.js';
import { addMoney, type Money } from '../canonical/money.js';
import { OrderLineSchema, OrderSchema, type Order, type OrderLine, type OrderTotals } from '../canonical/order.js';
import { passesOrderSchema } from '../canonical/order-guard.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { amazonMarketplace } from './marketplaces.js';
import { amazonOrderStatus } from './order-status.js';
import {
  IssueList,
  isWireRecord,
  moneyCurrency,
  own,
  readBoolean,
  readCount,
  readMoney,
  readObject,
  readRequiredText,
  readText,
  readTimestamp,
  typeName,
  type CurrencyScope,
  type WireRecord,
} from './wire-readers.js';

/**
 * Amazon SP-API Orders v0 (`getOrders`/`getOrder` + `getOrderItems`) → canonical Order.
 * Pure and total: no I/O, no clock, no module state; any input, however malformed, yields
 * either an Order that satisfies OrderSchema or a MappingError listing every issue found,
 * each naming the field path in the Amazon record.
 */

export const AMAZON_ORDER_RECORD_TYPE = 'amazon.order';
export const AMAZON_ORDER_ITEM_RECORD_TYPE = 'amazon.order-item';

/** Field name used when the record itself (not one of its fields) is wrong. */
export const WHOLE_RECORD_FIELD = '(record)';

export interface AmazonOrderMappingContext {
  /** Channel id within the tenant, e.g. `amazon-eu`. */
  readonly channel: string;
}

// FulfillmentChannel: AFN = fulfilled by Amazon, MFN = fulfilled by the seller.
const FULFILMENT: ReadonlyMap<string, NonNullable<Order['fulfilment']>> = new Map([
  ['AFN', 'marketplace'],
  ['MFN', 'merchant'],
]);

const ADDRESS_TYPES: ReadonlySet<string> = new Set(['residential', 'commercial']);

// Money of an OrderItem as paths from the item, in the order they are read. When OrderTotal is
// absent (Pending, Canceled), the first of these that carries an amount fixes the order currency.
const ITEM_MONEY_PATHS: ReadonlyArray<readonly string[]> = [
  ['ItemPrice'],
  ['ItemTax'],
  ['ShippingPrice'],
  ['ShippingTax'],
  ['ShippingDiscount'],
  ['PromotionDiscount'],
  ['CODFee'],
  ['BuyerInfo', 'GiftWrapPrice'],
  ['BuyerInfo', 'GiftWrapTax'],
];

/** Drops keys whose value is undefined (shared with the 2026-01-01 mapping, as the helpers marked `export` below), so records serialise and hash the same however built. */
export function compact<T extends object>(o: T): T {
  // A key loop rather than Object.entries: no pair arrays per field on the import's hot path.
  const source = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    const v = source[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

function describeThrown(err: unknown): string {
  try {
    return err instanceof Error ? `${err.name}: ${err.message}` : typeName(err);
  } catch {
    return 'unreadable error';
  }
}

export function textId(record: unknown, key: string): string | undefined {
  try {
    if (!isWireRecord(record)) return undefined;
    const v = own(record, key);
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

function zodPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export function canonicalIssues(issues: IssueList, zodIssues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): void {
  for (const zi of zodIssues) issues.add(`canonical.${zodPath(zi.path)}`, `the mapped record breaks the canonical schema: ${zi.message}`);
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * One OrderItem → OrderLine. Issues go to `issues` with the item's index in the path
 * (`items[2].ItemPrice.Amount`) and its OrderItemId in the message.
 */
function mapItem(raw: unknown, index: number, scope: CurrencyScope, issues: IssueList): OrderLine | undefined {
  const path = `items[${index}]`;
  if (!isWireRecord(raw)) {
    issues.add(path, `expected an Orders v0 OrderItem object, got ${typeName(raw)}`, raw);
    return undefined;
  }
  const at = (field: string): string => `${path}.${field}`;
  const found = new IssueList();

  const orderItemId = readRequiredText(raw, 'OrderItemId', at('OrderItemId'), found);
  const asin = readRequiredText(raw, 'ASIN', at('ASIN'), found);
  const sku = readText(raw, 'SellerSKU', at('SellerSKU'), found);
  const title = readText(raw, 'Title', at('Title'), found);
  const quantity = readCount(raw, 'QuantityOrdered', at('QuantityOrdered'), found, true);
  const quantityShipped = readCount(raw, 'QuantityShipped', at('QuantityShipped'), found, false);
  // ItemPrice is the price of the whole line (unit price × QuantityOrdered), per the model.
  const lineTotal = readMoney(raw, 'ItemPrice', at('ItemPrice'), scope, found);
  const itemTax = readMoney(raw, 'ItemTax', at('ItemTax'), scope, found);
  const shipping = readMoney(raw, 'ShippingPrice', at('ShippingPrice'), scope, found);
  const shippingTax = readMoney(raw, 'ShippingTax', at('ShippingTax'), scope, found);
  const shippingDiscount = readMoney(raw, 'ShippingDiscount', at('ShippingDiscount'), scope, found);
  const promotionDiscount = readMoney(raw, 'PromotionDiscount', at('PromotionDiscount'), scope, found);
  const codFee = readMoney(raw, 'CODFee', at('CODFee'), scope, found);
  const buyerInfo = readObject(raw, 'BuyerInfo', at('BuyerInfo'), found);
  const giftWrap = buyerInfo && readMoney(buyerInfo, 'GiftWrapPrice', at('BuyerInfo.GiftWrapPrice'), scope, found);
  const giftWrapTax = buyerInfo && readMoney(buyerInfo, 'GiftWrapTax', at('BuyerInfo.GiftWrapTax'), scope, found);
  const isGift = readBoolean(raw, 'IsGift', at('IsGift'), found);
  const condition = readText(raw, 'ConditionId', at('ConditionId'), found);
  const taxCollection = mapTaxCollection(raw, at('TaxCollection'), found);
  const deemedResellerScheme = readText(raw, 'DeemedResellerCategory', at('DeemedResellerCategory'), found);
  const iossNumber = readText(raw, 'IossNumber', at('IossNumber'), found);

  for (const issue of found.issues) {
    const message = orderItemId === undefined ? issue.message : `OrderItemId ${orderItemId}: ${issue.message}`;
    issues.add(issue.field, message, issue.value);
  }
  if (found.size > 0 || orderItemId === undefined || asin === undefined || quantity === undefined) return undefined;

  return compact<OrderLine>({
    lineId: orderItemId,
    sku,
    title,
    quantity,
    quantityShipped,
    lineTotal,
    itemTax,
    shipping,
    shippingTax,
    shippingDiscount,
    promotionDiscount,
    giftWrap,
    giftWrapTax,
    codFee,
    isGift,
    condition,
    taxCollection,
    deemedResellerScheme,
    iossNumber,
    refs: { orderItemId, asin },
  });
}

function mapTaxCollection(item: WireRecord, path: string, issues: IssueList): OrderLine['taxCollection'] {
  const tc = readObject(item, 'TaxCollection', path, issues);
  if (!tc) return undefined;
  const model = readText(tc, 'Model', `${path}.Model`, issues);
  const responsibleParty = readText(tc, 'ResponsibleParty', `${path}.ResponsibleParty`, issues);
  if (model === undefined) {
    if (responsibleParty !== undefined) issues.add(`${path}.Model`, 'is missing while ResponsibleParty is given');
    return undefined;
  }
  return compact({ model, responsibleParty });
}

/**
 * One Orders v0 OrderItem → canonical OrderLine, checked against OrderLineSchema.
 * `index` is the item's position in the order (it appears in issue paths: `items[2].ItemPrice.Amount`);
 * `currency`, when given, is the order currency every money of the item must share; without it
 * the item's first money fixes the currency. Never throws.
 */
export function amazonOrderItemToOrderLine(
  item: AmazonOrderItem,
  index: number,
  currency?: string,
): MappingResult<OrderLine> {
  const recordId = textId(item, 'OrderItemId');
  try {
    const issues = new IssueList();
    const scope: CurrencyScope = { currency, label: currency === undefined ? 'line currency' : 'order currency' };
    const line = mapItem(item, index, scope, issues);
    if (line !== undefined && issues.size === 0) {
      const checked = OrderLineSchema.safeParse(line);
      if (checked.success) return ok(line);
      canonicalIssues(issues, checked.error.issues);
    }
    return fail(new MappingError(AMAZON_ORDER_ITEM_RECORD_TYPE, recordId, issues.issues));
  } catch (err) {
    return fail(unexpected(AMAZON_ORDER_ITEM_RECORD_TYPE, recordId, err));
  }
}

// ---------------------------------------------------------------------------------------------
// Order

function mapAddress(order: WireRecord, key: string, issues: IssueList): Address | undefined {
  const a = readObject(order, key, key, issues);
  if (!a) return undefined;
  const at = (field: string): string => `${key}.${field}`;
  const before = issues.size;

  // Lines stay exactly as Amazon sent them (any script, RTL, inner spacing); only absent or
  // blank lines are dropped.
  const lines: string[] = [];
  for (const field of ['AddressLine1', 'AddressLine2', 'AddressLine3']) {
    const line = readText(a, field, at(field), issues);
    if (line !== undefined) lines.push(line);
  }
  const country = readRequiredText(a, 'CountryCode', at('CountryCode'), issues);
  if (country !== undefined && !isCountryCode(country)) {
    issues.add(at('CountryCode'), `"${country}" is not an ISO 3166-1 alpha-2 country code`, country);
  }
  const addressType = readText(a, 'AddressType', at('AddressType'), issues);
  const type = addressType?.toLowerCase();
  if (type !== undefined && !ADDRESS_TYPES.has(type)) {
    issues.add(at('AddressType'), `"${addressType}" is neither Residential nor Commercial`, addressType);
  }
  const address = compact<Address>({
    name: readText(a, 'Name', at('Name'), issues),
    company: readText(a, 'CompanyName', at('CompanyName'), issues),
    lines,
    city: readText(a, 'City', at('City'), issues),
    district: readText(a, 'District', at('District'), issues),
    county: readText(a, 'County', at('County'), issues),
    region: readText(a, 'StateOrRegion', at('StateOrRegion'), issues),
    postalCode: readText(a, 'PostalCode', at('PostalCode'), issues),
    country: country ?? '',
    phone: readText(a, 'Phone', at('Phone'), issues),
    type: type as Address['type'],
  });
  return issues.size === before ? address : undefined;
}

function mapBuyer(order: WireRecord, issues: IssueList): Order['buyer'] {
  const b = readObject(order, 'BuyerInfo', 'BuyerInfo', issues);
  if (!b) return undefined;
  const taxInfo = readObject(b, 'BuyerTaxInfo', 'BuyerInfo.BuyerTaxInfo', issues);
  const buyer = compact({
    name: readText(b, 'BuyerName', 'BuyerInfo.BuyerName', issues),
    email: readText(b, 'BuyerEmail', 'BuyerInfo.BuyerEmail', issues),
    companyName: taxInfo && readText(taxInfo, 'CompanyLegalName', 'BuyerInfo.BuyerTaxInfo.CompanyLegalName', issues),
    purchaseOrderNumber: readText(b, 'PurchaseOrderNumber', 'BuyerInfo.PurchaseOrderNumber', issues),
  });
  // Without a Restricted Data Token Amazon returns an empty BuyerInfo: no buyer is known.
  return Object.keys(buyer).length > 0 ? buyer : undefined;
}

function firstItemCurrency(items: unknown): string | undefined {
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    for (const path of ITEM_MONEY_PATHS) {
      let node: unknown = item;
      for (const key of path) node = isWireRecord(node) ? own(node, key) : undefined;
      const currency = moneyCurrency(node);
      if (currency !== undefined) return currency;
    }
  }
  return undefined;
}

/** Σ of the picked money over the lines; undefined when no line carries any of it. */
function sumLines(
  lines: readonly OrderLine[],
  pick: (line: OrderLine) => ReadonlyArray<Money | undefined>,
  what: string,
  issues: IssueList,
): Money | undefined {
  let total: Money | undefined;
  for (const line of lines) {
    for (const money of pick(line)) {
      if (money === undefined) continue;
      try {
        total = total === undefined ? money : addMoney(total, money);
      } catch (err) {
        issues.add('items', `cannot total ${what}: ${describeThrown(err)}`);
        return undefined;
      }
    }
  }
  return total;
}

export function mapTotals(orderTotal: Money | undefined, lines: readonly OrderLine[], issues: IssueList): OrderTotals | undefined {
  const totals = compact<OrderTotals>({
    orderTotal,
    items: sumLines(lines, (l) => [l.lineTotal], 'ItemPrice', issues),
    itemTax: sumLines(lines, (l) => [l.itemTax], 'ItemTax', issues),
    shipping: sumLines(lines, (l) => [l.shipping], 'ShippingPrice', issues),
    shippingTax: sumLines(lines, (l) => [l.shippingTax], 'ShippingTax', issues),
    discounts: sumLines(lines, (l) => [l.promotionDiscount, l.shippingDiscount], 'PromotionDiscount + ShippingDiscount', issues),
  });
  // Pending orders carry no prices at all: then nothing is known and there are no totals.
  return Object.keys(totals).length > 0 ? totals : undefined;
}

export function readChannel(ctx: unknown, issues: IssueList): string | undefined {
  const channel = typeof ctx === 'object' && ctx !== null ? (ctx as { channel?: unknown }).channel : undefined;
  if (typeof channel === 'string' && channel.trim() !== '') return channel;
  issues.add('ctx.channel', 'the mapping context needs the channel id (e.g. "amazon-eu")');
  return undefined;
}

function mapOrder(order: unknown, items: unknown, ctx: unknown, recordId: string | undefined): MappingResult<Order> {
  const issues = new IssueList();
  const failed = (): MappingResult<Order> => fail(new MappingError(AMAZON_ORDER_RECORD_TYPE, recordId, issues.issues));
  if (!isWireRecord(order)) {
    issues.add(WHOLE_RECORD_FIELD, `expected an Orders v0 Order object, got ${typeName(order)}`, order);
    readChannel(ctx, issues);
    return failed();
  }

  const channel = readChannel(ctx, issues);
  const amazonOrderId = readRequiredText(order, 'AmazonOrderId', 'AmazonOrderId', issues);
  const sellerOrderId = readText(order, 'SellerOrderId', 'SellerOrderId', issues);
  const purchasedAt = readTimestamp(order, 'PurchaseDate', 'PurchaseDate', issues, true);
  const updatedAt = readTimestamp(order, 'LastUpdateDate', 'LastUpdateDate', issues, true);
  const rawStatus = readRequiredText(order, 'OrderStatus', 'OrderStatus', issues);
  const status = rawStatus === undefined ? undefined : amazonOrderStatus(rawStatus);
  if (rawStatus !== undefined && status === undefined) {
    issues.add('OrderStatus', `unknown Amazon order status "${rawStatus}"`, rawStatus);
  }
  const fulfilmentChannel = readText(order, 'FulfillmentChannel', 'FulfillmentChannel', issues);
  const fulfilment = fulfilmentChannel === undefined ? undefined : FULFILMENT.get(fulfilmentChannel);
  if (fulfilmentChannel !== undefined && fulfilment === undefined) {
    issues.add('FulfillmentChannel', `unknown fulfilment channel "${fulfilmentChannel}" (expected AFN or MFN)`, fulfilmentChannel);
  }
  const shipServiceLevel = readText(order, 'ShipServiceLevel', 'ShipServiceLevel', issues);
  const marketplaceId = readRequiredText(order, 'MarketplaceId', 'MarketplaceId', issues);
  // An id missing from the table is kept as is: Amazon opens marketplaces before the table knows them.
  const marketplace = marketplaceId === undefined ? undefined : amazonMarketplace(marketplaceId);
  const earliestShipAt = readTimestamp(order, 'EarliestShipDate', 'EarliestShipDate', issues, false);
  const latestShipAt = readTimestamp(order, 'LatestShipDate', 'LatestShipDate', issues, false);
  const earliestDeliveryAt = readTimestamp(order, 'EarliestDeliveryDate', 'EarliestDeliveryDate', issues, false);
  const latestDeliveryAt = readTimestamp(order, 'LatestDeliveryDate', 'LatestDeliveryDate', issues, false);
  const isBusiness = readBoolean(order, 'IsBusinessOrder', 'IsBusinessOrder', issues);
  const isPrime = readBoolean(order, 'IsPrime', 'IsPrime', issues);
  const isReplacement = readBoolean(order, 'IsReplacementOrder', 'IsReplacementOrder', issues);
  const replacedOrderId = readText(order, 'ReplacedOrderId', 'ReplacedOrderId', issues);
  const shipTo = mapAddress(order, 'ShippingAddress', issues);
  const buyer = mapBuyer(order, issues);

  // One currency per order: OrderTotal's, else the items', else the marketplace's.
  const scope: CurrencyScope = {
    currency: moneyCurrency(own(order, 'OrderTotal')) ?? firstItemCurrency(items) ?? marketplace?.defaultCurrency,
    label: 'order currency',
  };
  const orderTotal = readMoney(order, 'OrderTotal', 'OrderTotal', scope, issues);

  const lines = mapLines(items, { list: 'items', id: 'OrderItemId', what: 'Orders v0 OrderItems' }, (item, index) => mapItem(item, index, scope, issues), issues);

  if (
    issues.size > 0 ||
    channel === undefined ||
    amazonOrderId === undefined ||
    purchasedAt === undefined ||
    updatedAt === undefined ||
    rawStatus === undefined ||
    status === undefined ||
    marketplaceId === undefined
  ) {
    return failed();
  }
  const totals = mapTotals(orderTotal, lines, issues);
  if (issues.size > 0) return failed();

  const refs: Record<string, string> = { amazonOrderId, marketplaceId };
  if (sellerOrderId !== undefined) refs.sellerOrderId = sellerOrderId;
  if (replacedOrderId !== undefined) refs.replacedOrderId = replacedOrderId;

  const result = compact<Order>({
    channel,
    vendor: 'amazon',
    externalId: amazonOrderId,
    status,
    rawStatus,
    marketplace: compact({ id: marketplaceId, country: marketplace?.country, name: marketplace?.name }),
    purchasedAt,
    updatedAt,
    currency: scope.currency,
    fulfilment,
    buyer,
    shipTo,
    shipServiceLevel,
    isBusiness,
    isPrime,
    isReplacement,
    earliestShipAt,
    latestShipAt,
    earliestDeliveryAt,
    latestDeliveryAt,
    lines,
    totals,
    refs,
  });
  return checkedOrder(result, issues, failed);
}

/** Final guard: whatever a mapping missed, the canonical schema catches, as issues. */
export function checkedOrder(result: Order, issues: IssueList, failed: () => MappingResult<Order>): MappingResult<Order> {
  // The fast walk says yes for nearly every order; zod runs only to name what is wrong.
  if (passesOrderSchema(result)) return ok(result);
  const checked = OrderSchema.safeParse(result);
  if (!checked.success) {
    canonicalIssues(issues, checked.error.issues);
    return failed();
  }
  return ok(result);
}

/**
 * The lines of an order's item list (absent: none), each mapped by `mapOne` (which reports its
 * own issues), with a repeated item id reported at the repeat: `items[2].OrderItemId`.
 */
export function mapLines(
  items: unknown,
  names: { readonly list: string; readonly id: string; readonly what: string },
  mapOne: (item: unknown, index: number) => OrderLine | undefined,
  issues: IssueList,
): OrderLine[] {
  const lines: OrderLine[] = [];
  if (items === undefined || items === null) return lines;
  if (!Array.isArray(items)) {
    issues.add(names.list, `expected an array of ${names.what}, got ${typeName(items)}`, items);
    return lines;
  }
  const seen = new Map<string, number>();
  items.forEach((item: unknown, index) => {
    const line = mapOne(item, index);
    if (line === undefined) return;
    const first = seen.get(line.lineId);
    if (first !== undefined) {
      issues.add(`${names.list}[${index}].${names.id}`, `${names.id} ${line.lineId} repeats ${names.list}[${first}]`, line.lineId);
    } else {
      seen.set(line.lineId, index);
    }
    lines.push(line);
  });
  return lines;
}

export function unexpected(recordType: string, recordId: string | undefined, err: unknown): MappingError {
  const issue: MappingIssue = { field: WHOLE_RECORD_FIELD, message: `mapping failed unexpectedly: ${describeThrown(err)}` };
  return new MappingError(recordType, recordId, [issue]);
}

/**
 * An Orders v0 Order (from getOrders or getOrder) and its OrderItems (getOrderItems, all pages)
 * → canonical Order. `items` undefined means the items were not fetched: the order then has no
 * lines and its totals hold only OrderTotal. Never throws: bad input yields a MappingError
 * (recordType `amazon.order`, recordId the AmazonOrderId) with one issue per offending field.
 */
export function amazonOrderToOrder(
  order: AmazonOrder,
  items: readonly AmazonOrderItem[] | undefined,
  ctx: AmazonOrderMappingContext,
): MappingResult<Order> {
  const recordId = textId(order, 'AmazonOrderId');
  try {
    return mapOrder(order, items, ctx, recordId);
  } catch (err) {
    return fail(unexpected(AMAZON_ORDER_RECORD_TYPE, recordId, err));
  }
}
