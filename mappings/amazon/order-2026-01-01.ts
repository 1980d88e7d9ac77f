// Types only: the wire format is described once, by the connector's zod schemas.
import type { Amazon2026Order } from '../../connectors/amazon/schemas/orders-2026-01-01.js';
import type { Address } from '../canonical/address.js';
import { isCountryCode } from '../canonical/countries.js';
import { addMoney, type Money } from '../canonical/money.js';
import type { Order, OrderLine } from '../canonical/order.js';
import { MappingError, fail, type MappingResult } from '../canonical/result.js';
import { amazonMarketplace } from './marketplaces.js';
import {
  AMAZON_ORDER_RECORD_TYPE,
  WHOLE_RECORD_FIELD,
  checkedOrder,
  compact,
  mapLines,
  mapTotals,
  readChannel,
  textId,
  unexpected,
  type AmazonOrderMappingContext,
} from './order.js';
import { amazon2026OrderStatus } from './order-status.js';
import {
  IssueList,
  ORDERS_2026_MONEY_KEYS,
  isWireRecord,
  moneyCurrency,
  own,
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
 * Amazon SP-API Orders API 2026-01-01 (`searchOrders` / `getOrder`, items inside the order) →
 * the same canonical Order that Orders v0 gives (mappings/amazon/order.ts) for the same data.
 * Pure and total: any input yields an Order that satisfies OrderSchema or a MappingError
 * (recordType `amazon.order`, recordId the orderId) listing every issue, each naming the field
 * path in the 2026 record (`orderItems[0].proceeds.breakdowns[1].subtotal.amount`).
 *
 * Where v0 and 2026 name the same thing differently the canonical value is v0's, so an order
 * read through either API maps the same: condition `NEW` → `New`; fulfilledBy AMAZON/MERCHANT
 * as AFN/MFN. The raw status stays as sent (`SHIPPED`, v0 `Shipped`). Enum-like values the
 * model does not list (a new fulfilledBy, addressType, program, proceeds type) never reject an
 * order; only a fulfillment status outside the table does, since the canonical status needs one.
 */

// fulfillment.fulfilledBy: AMAZON = fulfilled by Amazon (v0 AFN), MERCHANT = by the seller (v0 MFN).
const FULFILMENT: ReadonlyMap<string, NonNullable<Order['fulfilment']>> = new Map([
  ['AMAZON', 'marketplace'],
  ['MERCHANT', 'merchant'],
]);

// CustomerAddress.addressType. PICKUP_POINT (a documented 2026 value) has no canonical type: left out.
const ADDRESS_TYPES: ReadonlyMap<string, NonNullable<Address['type']>> = new Map([
  ['RESIDENTIAL', 'residential'],
  ['COMMERCIAL', 'commercial'],
]);

// ItemCondition.conditionType → v0 ConditionId spelling (New, Used, …); unknown values kept as sent.
const CONDITIONS: ReadonlyMap<string, string> = new Map([
  ['NEW', 'New'],
  ['USED', 'Used'],
  ['COLLECTIBLE', 'Collectible'],
  ['REFURBISHED', 'Refurbished'],
  ['PREORDER', 'Preorder'],
  ['CLUB', 'Club'],
]);

const M = ORDERS_2026_MONEY_KEYS;

// ---------------------------------------------------------------------------------------------
// Items

/** Money of one item, as the ItemProceeds breakdowns give them (v0's OrderItem money fields). */
interface ItemMoney {
  lineTotal?: Money;
  itemTax?: Money;
  shipping?: Money;
  shippingTax?: Money;
  shippingDiscount?: Money;
  promotionDiscount?: Money;
  giftWrap?: Money;
  giftWrapTax?: Money;
  codFee?: Money;
}

function add(money: ItemMoney, key: keyof ItemMoney, value: Money | undefined, path: string, issues: IssueList): void {
  if (value === undefined) return;
  const before = money[key];
  try {
    money[key] = before === undefined ? value : addMoney(before, value);
  } catch (err) {
    issues.add(path, `cannot add to the ${key} read before: ${err instanceof Error ? err.message : typeName(err)}`);
  }
}

/** Discounts are positive canonical amounts; the 2026 proceeds may write them either way (a reduction of proceeds). */
function positive(m: Money | undefined): Money | undefined {
  return m === undefined ? undefined : { amountMinor: Math.abs(m.amountMinor), currency: m.currency };
}

// Detailed breakdown subtypes of TAX and DISCOUNT → the ItemMoney field they fill.
const TAX_SUBTYPES: ReadonlyMap<string, keyof ItemMoney> = new Map([
  ['ITEM', 'itemTax'],
  ['SHIPPING', 'shippingTax'],
  ['GIFT_WRAP', 'giftWrapTax'],
]);
const DISCOUNT_SUBTYPES: ReadonlyMap<string, keyof ItemMoney> = new Map([
  ['ITEM', 'promotionDiscount'],
  ['SHIPPING', 'shippingDiscount'],
]);
// Breakdown types carried whole: ITEM is the line's selling price (v0 ItemPrice, unit price × quantity).
const PLAIN_TYPES: ReadonlyMap<string, keyof ItemMoney> = new Map([
  ['ITEM', 'lineTotal'],
  ['SHIPPING', 'shipping'],
  ['GIFT_WRAP', 'giftWrap'],
  ['COD_FEE', 'codFee'],
]);

/**
 * ItemProceeds.breakdowns → the item's money. TAX and DISCOUNT split by their detailed
 * breakdowns (subtype ITEM, SHIPPING, GIFT_WRAP); without details the whole TAX is the item tax
 * and the whole DISCOUNT the promotion discount. OTHER and unknown types are not canonical money.
 */
function readItemProceeds(item: WireRecord, path: string, scope: CurrencyScope, issues: IssueList): ItemMoney {
  const money: ItemMoney = {};
  const proceeds = readObject(item, 'proceeds', `${path}.proceeds`, issues);
  if (!proceeds) return money;
  const breakdowns = own(proceeds, 'breakdowns');
  if (breakdowns === undefined || breakdowns === null) return money;
  if (!Array.isArray(breakdowns)) {
    issues.add(`${path}.proceeds.breakdowns`, `expected an array, got ${typeName(breakdowns)}`, breakdowns);
    return money;
  }
  breakdowns.forEach((b: unknown, j) => {
    const at = `${path}.proceeds.breakdowns[${j}]`;
    if (!isWireRecord(b)) {
      issues.add(at, `expected an ItemProceedsBreakdown object, got ${typeName(b)}`, b);
      return;
    }
    const type = readRequiredText(b, 'type', `${at}.type`, issues);
    if (type === undefined) return;
    const subtotal = readMoney(b, 'subtotal', `${at}.subtotal`, scope, issues, M);
    const plain = PLAIN_TYPES.get(type);
    if (plain !== undefined) {
      add(money, plain, subtotal, `${at}.subtotal`, issues);
      return;
    }
    const subtypes = type === 'TAX' ? TAX_SUBTYPES : type === 'DISCOUNT' ? DISCOUNT_SUBTYPES : undefined;
    if (subtypes === undefined) return;
    const sign = type === 'DISCOUNT' ? positive : (m: Money | undefined) => m;
    const details = own(b, 'detailedBreakdowns');
    if (Array.isArray(details) && details.length > 0) {
      details.forEach((d: unknown, k) => {
        const dat = `${at}.detailedBreakdowns[${k}]`;
        if (!isWireRecord(d)) {
          issues.add(dat, `expected an ItemProceedsDetailedBreakdown object, got ${typeName(d)}`, d);
          return;
        }
        const subtype = readText(d, 'subtype', `${dat}.subtype`, issues);
        const value = readMoney(d, 'value', `${dat}.value`, scope, issues, M);
        const key = subtype === undefined ? undefined : subtypes.get(subtype);
        if (key !== undefined) add(money, key, sign(value), `${dat}.value`, issues);
      });
    } else if (details !== undefined && details !== null && !Array.isArray(details)) {
      issues.add(`${at}.detailedBreakdowns`, `expected an array, got ${typeName(details)}`, details);
    } else {
      add(money, type === 'TAX' ? 'itemTax' : 'promotionDiscount', sign(subtotal), `${at}.subtotal`, issues);
    }
  });
  return money;
}

/** unitPrice × quantity: the line total when the proceeds (includedData=PROCEEDS) are absent. */
function lineTotalFromUnitPrice(unitPrice: Money | undefined, quantity: number | undefined, path: string, issues: IssueList): Money | undefined {
  if (unitPrice === undefined || quantity === undefined) return undefined;
  const amountMinor = unitPrice.amountMinor * quantity;
  if (!Number.isSafeInteger(amountMinor)) {
    issues.add(path, `unit price × ${quantity} is too large`);
    return undefined;
  }
  return { amountMinor, currency: unitPrice.currency };
}

/** The first object of an array member (tax collections, calculation breakdowns) and its path. */
function firstOf(record: WireRecord, key: string, path: string, issues: IssueList): { value: WireRecord; path: string } | undefined {
  const v = own(record, key);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    issues.add(path, `expected an array, got ${typeName(v)}`, v);
    return undefined;
  }
  const i = v.findIndex(isWireRecord);
  return i < 0 ? undefined : { value: v[i] as WireRecord, path: `${path}[${i}]` };
}

function mapTaxCollection(tax: WireRecord | undefined, path: string, issues: IssueList): OrderLine['taxCollection'] {
  if (!tax) return undefined;
  const first = firstOf(tax, 'taxCollections', `${path}.taxCollections`, issues);
  if (!first) return undefined;
  const model = readText(first.value, 'model', `${first.path}.model`, issues);
  const responsibleParty = readText(first.value, 'responsibleParty', `${first.path}.responsibleParty`, issues);
  if (model === undefined) {
    if (responsibleParty !== undefined) issues.add(`${first.path}.model`, 'is missing while responsibleParty is given');
    return undefined;
  }
  return compact({ model, responsibleParty });
}

function mapItem(raw: unknown, index: number, scope: CurrencyScope, issues: IssueList): OrderLine | undefined {
  const path = `orderItems[${index}]`;
  if (!isWireRecord(raw)) {
    issues.add(path, `expected an Orders 2026-01-01 OrderItem object, got ${typeName(raw)}`, raw);
    return undefined;
  }
  const at = (field: string): string => `${path}.${field}`;
  const found = new IssueList();

  const orderItemId = readRequiredText(raw, 'orderItemId', at('orderItemId'), found);
  const quantity = readCount(raw, 'quantityOrdered', at('quantityOrdered'), found, true);
  const product = readObject(raw, 'product', at('product'), found);
  const asin = product && readText(product, 'asin', at('product.asin'), found);
  const sku = product && readText(product, 'sellerSku', at('product.sellerSku'), found);
  const title = product && readText(product, 'title', at('product.title'), found);
  const conditionBlock = product && readObject(product, 'condition', at('product.condition'), found);
  const conditionType = conditionBlock && readText(conditionBlock, 'conditionType', at('product.condition.conditionType'), found);
  const price = product && readObject(product, 'price', at('product.price'), found);
  const unitPrice = price && readMoney(price, 'unitPrice', at('product.price.unitPrice'), scope, found, M);
  const money = readItemProceeds(raw, path, scope, found);
  const fulfillment = readObject(raw, 'fulfillment', at('fulfillment'), found);
  const quantityShipped = fulfillment && readCount(fulfillment, 'quantityFulfilled', at('fulfillment.quantityFulfilled'), found, false);
  const packing = fulfillment && readObject(fulfillment, 'packing', at('fulfillment.packing'), found);
  const giftOption = packing && readObject(packing, 'giftOption', at('fulfillment.packing.giftOption'), found);
  const shippingBlock = fulfillment && readObject(fulfillment, 'shipping', at('fulfillment.shipping'), found);
  const international = shippingBlock && readObject(shippingBlock, 'internationalShipping', at('fulfillment.shipping.internationalShipping'), found);
  const iossNumber = international && readText(international, 'iossNumber', at('fulfillment.shipping.internationalShipping.iossNumber'), found);
  const tax = readObject(raw, 'tax', at('tax'), found);
  const taxCollection = mapTaxCollection(tax, at('tax'), found);
  const scheme = tax && firstOf(tax, 'taxCalculationBreakdowns', at('tax.taxCalculationBreakdowns'), found);
  const deemedResellerScheme = scheme && readText(scheme.value, 'reportingScheme', `${scheme.path}.reportingScheme`, found);
  const lineTotal = money.lineTotal ?? lineTotalFromUnitPrice(unitPrice, quantity, at('product.price.unitPrice'), found);

  for (const issue of found.issues) {
    const message = orderItemId === undefined ? issue.message : `orderItemId ${orderItemId}: ${issue.message}`;
    issues.add(issue.field, message, issue.value);
  }
  if (found.size > 0 || orderItemId === undefined || quantity === undefined) return undefined;

  return compact<OrderLine>({
    lineId: orderItemId,
    sku,
    title,
    quantity,
    quantityShipped,
    lineTotal,
    itemTax: money.itemTax,
    shipping: money.shipping,
    shippingTax: money.shippingTax,
    shippingDiscount: money.shippingDiscount,
    promotionDiscount: money.promotionDiscount,
    giftWrap: money.giftWrap,
    giftWrapTax: money.giftWrapTax,
    codFee: money.codFee,
    // A gift option is only sent for gifts (includedData=FULFILLMENT); its absence says nothing.
    isGift: giftOption ? true : undefined,
    condition: conditionType === undefined ? undefined : (CONDITIONS.get(conditionType) ?? conditionType),
    taxCollection,
    deemedResellerScheme,
    iossNumber,
    refs: compact({ orderItemId, asin }) as Record<string, string>,
  });
}

// ---------------------------------------------------------------------------------------------
// Order

function mapAddress(order: WireRecord, issues: IssueList): Address | undefined {
  const recipient = readObject(order, 'recipient', 'recipient', issues);
  const key = 'recipient.deliveryAddress';
  const a = recipient && readObject(recipient, 'deliveryAddress', key, issues);
  if (!a) return undefined;
  const at = (field: string): string => `${key}.${field}`;
  const before = issues.size;
  // Lines stay exactly as Amazon sent them; absent or blank lines ("addressLine3": "") are dropped.
  const lines: string[] = [];
  for (const field of ['addressLine1', 'addressLine2', 'addressLine3']) {
    const line = readText(a, field, at(field), issues);
    if (line !== undefined) lines.push(line);
  }
  const country = readRequiredText(a, 'countryCode', at('countryCode'), issues);
  if (country !== undefined && !isCountryCode(country)) {
    issues.add(at('countryCode'), `"${country}" is not an ISO 3166-1 alpha-2 country code`, country);
  }
  // A value the table does not know (PICKUP_POINT, or one Amazon adds) leaves the type unknown.
  const type = ADDRESS_TYPES.get(readText(a, 'addressType', at('addressType'), issues)?.toUpperCase() ?? '');
  const address = compact<Address>({
    name: readText(a, 'name', at('name'), issues),
    company: readText(a, 'companyName', at('companyName'), issues),
    lines,
    city: readText(a, 'city', at('city'), issues),
    // One field in 2026 for v0's District and County: read as the county.
    county: readText(a, 'districtOrCounty', at('districtOrCounty'), issues),
    region: readText(a, 'stateOrRegion', at('stateOrRegion'), issues),
    postalCode: readText(a, 'postalCode', at('postalCode'), issues),
    country: country ?? '',
    phone: readText(a, 'phone', at('phone'), issues),
    type,
  });
  return issues.size === before ? address : undefined;
}

function mapBuyer(order: WireRecord, issues: IssueList): Order['buyer'] {
  const b = readObject(order, 'buyer', 'buyer', issues);
  if (!b) return undefined;
  const buyer = compact({
    name: readText(b, 'buyerName', 'buyer.buyerName', issues),
    email: readText(b, 'buyerEmail', 'buyer.buyerEmail', issues),
    companyName: readText(b, 'buyerCompanyName', 'buyer.buyerCompanyName', issues),
    purchaseOrderNumber: readText(b, 'buyerPurchaseOrderNumber', 'buyer.buyerPurchaseOrderNumber', issues),
  });
  // Without the restricted role (or includedData=BUYER) the block is empty or absent: no buyer is known.
  return Object.keys(buyer).length > 0 ? buyer : undefined;
}

/** A list of strings (programs); issues for anything else. Undefined when absent. */
function readTextList(record: WireRecord, key: string, issues: IssueList): string[] | undefined {
  const v = own(record, key);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    issues.add(key, `expected an array of strings, got ${typeName(v)}`, v);
    return undefined;
  }
  const out: string[] = [];
  v.forEach((x: unknown, i) => {
    if (typeof x === 'string') out.push(x);
    else issues.add(`${key}[${i}]`, `expected a string, got ${typeName(x)}`, x);
  });
  return out;
}

/** The id of the first entry of `key` whose `typeKey` is `type` (an alias or an associated order). */
function idOfType(order: WireRecord, key: string, idKey: string, typeKey: string, type: string, issues: IssueList): { present: boolean; id?: string } {
  const v = own(order, key);
  if (v === undefined || v === null) return { present: false };
  if (!Array.isArray(v)) {
    issues.add(key, `expected an array, got ${typeName(v)}`, v);
    return { present: false };
  }
  for (const [i, entry] of v.entries()) {
    if (!isWireRecord(entry) || own(entry, typeKey) !== type) continue;
    const id = readText(entry, idKey, `${key}[${i}].${idKey}`, issues);
    if (id !== undefined) return { present: true, id };
  }
  return { present: true };
}

function readWindow(fulfillment: WireRecord | undefined, key: string, issues: IssueList): { earliest?: string; latest?: string } {
  const w = fulfillment && readObject(fulfillment, key, `fulfillment.${key}`, issues);
  if (!w) return {};
  return compact({
    earliest: readTimestamp(w, 'earliestDateTime', `fulfillment.${key}.earliestDateTime`, issues, false),
    latest: readTimestamp(w, 'latestDateTime', `fulfillment.${key}.latestDateTime`, issues, false),
  });
}

function firstItemCurrency(items: unknown): string | undefined {
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    if (!isWireRecord(item)) continue;
    const product = own(item, 'product');
    const price = isWireRecord(product) ? own(product, 'price') : undefined;
    const unit = moneyCurrency(isWireRecord(price) ? own(price, 'unitPrice') : undefined, M);
    if (unit !== undefined) return unit;
    const proceeds = own(item, 'proceeds');
    const breakdowns = isWireRecord(proceeds) ? own(proceeds, 'breakdowns') : undefined;
    for (const b of Array.isArray(breakdowns) ? breakdowns : []) {
      const c = moneyCurrency(isWireRecord(b) ? own(b, 'subtotal') : undefined, M);
      if (c !== undefined) return c;
    }
  }
  return undefined;
}

function mapOrder(order: unknown, ctx: unknown, recordId: string | undefined): MappingResult<Order> {
  const issues = new IssueList();
  const failed = (): MappingResult<Order> => fail(new MappingError(AMAZON_ORDER_RECORD_TYPE, recordId, issues.issues));
  if (!isWireRecord(order)) {
    issues.add(WHOLE_RECORD_FIELD, `expected an Orders 2026-01-01 Order object, got ${typeName(order)}`, order);
    readChannel(ctx, issues);
    return failed();
  }

  const channel = readChannel(ctx, issues);
  const orderId = readRequiredText(order, 'orderId', 'orderId', issues);
  const purchasedAt = readTimestamp(order, 'createdTime', 'createdTime', issues, true);
  const updatedAt = readTimestamp(order, 'lastUpdatedTime', 'lastUpdatedTime', issues, true);

  const fulfillment = readObject(order, 'fulfillment', 'fulfillment', issues);
  let rawStatus: string | undefined;
  if (fulfillment) {
    rawStatus = readRequiredText(fulfillment, 'fulfillmentStatus', 'fulfillment.fulfillmentStatus', issues);
  } else if (own(order, 'fulfillment') === undefined || own(order, 'fulfillment') === null) {
    // The status lives in the FULFILLMENT dataset: an order read without it has no status to map.
    issues.add('fulfillment.fulfillmentStatus', 'is missing: the order status comes only with includedData=FULFILLMENT');
  }
  const status = rawStatus === undefined ? undefined : amazon2026OrderStatus(rawStatus);
  if (rawStatus !== undefined && status === undefined) {
    issues.add('fulfillment.fulfillmentStatus', `unknown Amazon fulfillment status "${rawStatus}"`, rawStatus);
  }
  const fulfilledBy = fulfillment && readText(fulfillment, 'fulfilledBy', 'fulfillment.fulfilledBy', issues);
  // A fulfilledBy the model does not list leaves the fulfilment unknown (the order still maps).
  const fulfilment = fulfilledBy === undefined ? undefined : FULFILMENT.get(fulfilledBy);
  // The speed category (v0's ShipmentServiceLevelCategory); 2026 has no v0 ShipServiceLevel.
  const shipServiceLevel = fulfillment && readText(fulfillment, 'fulfillmentServiceLevel', 'fulfillment.fulfillmentServiceLevel', issues);
  const shipBy = readWindow(fulfillment, 'shipByWindow', issues);
  const deliverBy = readWindow(fulfillment, 'deliverByWindow', issues);

  const salesChannel = readObject(order, 'salesChannel', 'salesChannel', issues);
  if (own(order, 'salesChannel') === undefined || own(order, 'salesChannel') === null) issues.add('salesChannel', 'is required but missing');
  const marketplaceId = salesChannel && readRequiredText(salesChannel, 'marketplaceId', 'salesChannel.marketplaceId', issues);
  // An id missing from the table is kept as is: Amazon opens marketplaces before the table knows them.
  const marketplace = marketplaceId === undefined ? undefined : amazonMarketplace(marketplaceId);
  const marketplaceName = salesChannel && readText(salesChannel, 'marketplaceName', 'salesChannel.marketplaceName', issues);

  const programs = readTextList(order, 'programs', issues);
  const replaced = idOfType(order, 'associatedOrders', 'orderId', 'associationType', 'REPLACEMENT_ORIGINAL_ID', issues);
  const sellerOrderId = idOfType(order, 'orderAliases', 'aliasId', 'aliasType', 'SELLER_ORDER_ID', issues).id;
  const shipTo = mapAddress(order, issues);
  const buyer = mapBuyer(order, issues);

  const items = own(order, 'orderItems');
  const proceeds = readObject(order, 'proceeds', 'proceeds', issues);
  // One currency per order: grandTotal's, else the items', else the marketplace's.
  const scope: CurrencyScope = {
    currency: moneyCurrency(proceeds && own(proceeds, 'grandTotal'), M) ?? firstItemCurrency(items) ?? marketplace?.defaultCurrency,
    label: 'order currency',
  };
  const orderTotal = proceeds && readMoney(proceeds, 'grandTotal', 'proceeds.grandTotal', scope, issues, M);

  const lines = mapLines(items, { list: 'orderItems', id: 'orderItemId', what: 'Orders 2026-01-01 OrderItems' }, (item, index) => mapItem(item, index, scope, issues), issues);

  if (
    issues.size > 0 ||
    channel === undefined ||
    orderId === undefined ||
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

  const refs: Record<string, string> = { amazonOrderId: orderId, marketplaceId };
  if (sellerOrderId !== undefined) refs.sellerOrderId = sellerOrderId;
  if (replaced.id !== undefined) refs.replacedOrderId = replaced.id;

  const result = compact<Order>({
    channel,
    vendor: 'amazon',
    externalId: orderId,
    status,
    rawStatus,
    marketplace: compact({ id: marketplaceId, country: marketplace?.country, name: marketplace?.name ?? marketplaceName }),
    purchasedAt,
    updatedAt,
    currency: scope.currency,
    fulfilment,
    buyer,
    shipTo,
    shipServiceLevel,
    isBusiness: programs === undefined ? undefined : programs.includes('AMAZON_BUSINESS'),
    isPrime: programs === undefined ? undefined : programs.includes('PRIME'),
    isReplacement: replaced.present ? replaced.id !== undefined : undefined,
    earliestShipAt: shipBy.earliest,
    latestShipAt: shipBy.latest,
    earliestDeliveryAt: deliverBy.earliest,
    latestDeliveryAt: deliverBy.latest,
    lines,
    totals,
    refs,
  });
  return checkedOrder(result, issues, failed);
}

/**
 * An Orders API 2026-01-01 Order (from searchOrders or getOrder; its items inside) → canonical
 * Order. Never throws: bad input yields a MappingError (recordType `amazon.order`, recordId the
 * orderId) with one issue per offending field.
 */
export function amazon2026OrderToOrder(order: Amazon2026Order, ctx: AmazonOrderMappingContext): MappingResult<Order> {
  const recordId = textId(order, 'orderId');
  try {
    return mapOrder(order, ctx, recordId);
  } catch (err) {
    return fail(unexpected(AMAZON_ORDER_RECORD_TYPE, recordId, err));
  }
}
