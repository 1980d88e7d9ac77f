import { isCountryCode } from './countries.js';
import { currencyInfo } from './currencies.js';
import { OrderStatusSchema, type Order } from './order.js';
import { isRealUtcTimestamp } from './utc-timestamp.js';

/**
 * A fast yes to "does OrderSchema accept this value?", for the import's hot path, where
 * every mapped order is checked and almost every one passes: a plain walk over the record,
 * with no parsed copy and no issue objects built (zod's safeParse was a third of the
 * mapping's time). It is never more lenient than OrderSchema: each test below is one of
 * the schema's, or stricter (integers must be safe, records plain). False means "ask
 * OrderSchema": callers run safeParse then, for the issues, so a rejected order is
 * reported exactly as before. test/mappings/canonical/order-guard.test.ts holds the two
 * to agreement on valid orders and on thousands of damaged ones.
 */
export function passesOrderSchema(value: unknown): value is Order {
  if (!isObject(value)) return false;
  const o = value as Record<string, unknown>;
  return (
    isNonEmptyText(o.channel) &&
    isNonEmptyText(o.vendor) &&
    isNonEmptyText(o.externalId) &&
    typeof o.status === 'string' &&
    STATUSES.has(o.status) &&
    typeof o.rawStatus === 'string' &&
    isMarketplace(o.marketplace) &&
    isTimestamp(o.purchasedAt) &&
    isTimestamp(o.updatedAt) &&
    (o.currency === undefined || isCurrency(o.currency)) &&
    (o.fulfilment === undefined || o.fulfilment === 'merchant' || o.fulfilment === 'marketplace') &&
    (o.buyer === undefined || isBuyer(o.buyer)) &&
    (o.shipTo === undefined || isAddress(o.shipTo)) &&
    isOptionalText(o.shipServiceLevel) &&
    isOptionalBoolean(o.isBusiness) &&
    isOptionalBoolean(o.isPrime) &&
    isOptionalBoolean(o.isReplacement) &&
    (o.earliestShipAt === undefined || isTimestamp(o.earliestShipAt)) &&
    (o.latestShipAt === undefined || isTimestamp(o.latestShipAt)) &&
    (o.earliestDeliveryAt === undefined || isTimestamp(o.earliestDeliveryAt)) &&
    (o.latestDeliveryAt === undefined || isTimestamp(o.latestDeliveryAt)) &&
    everyEntry(o.lines, isLine) &&
    uniqueLineIds(o.lines as readonly { lineId: string }[]) &&
    (o.totals === undefined || isTotals(o.totals)) &&
    (o.fees === undefined || everyEntry(o.fees, isFee)) &&
    isRefs(o.refs)
  );
}

const STATUSES: ReadonlySet<string> = new Set(OrderStatusSchema.options);
const CURRENCY = /^[A-Z]{3}$/;
const HS_CODE = /^\d{6,12}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array whose every index holds a passing entry (a hole is undefined to the schema, so it fails). */
/** OrderSchema's rule that no two lines share an id (called once every line passed isLine). */
function uniqueLineIds(lines: readonly { lineId: string }[]): boolean {
  if (lines.length < 2) return true;
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.lineId)) return false;
    seen.add(l.lineId);
  }
  return true;
}

function everyEntry(v: unknown, test: (entry: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!test(v[i])) return false;
  return true;
}

const isNonEmptyText = (v: unknown): boolean => typeof v === 'string' && v.length >= 1;
const isOptionalText = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isOptionalBoolean = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
// isRealUtcTimestamp checks the schema's pattern itself.
const isTimestamp = (v: unknown): boolean => typeof v === 'string' && isRealUtcTimestamp(v);
const isCurrency = (v: unknown): boolean => typeof v === 'string' && CURRENCY.test(v) && currencyInfo(v) !== undefined;
const isCountry = (v: unknown): boolean => typeof v === 'string' && isCountryCode(v);

function isMoney(v: unknown): boolean {
  return isObject(v) && Number.isSafeInteger(v.amountMinor) && isCurrency(v.currency);
}

const isOptionalMoney = (v: unknown): boolean => v === undefined || isMoney(v);

function isMarketplace(v: unknown): boolean {
  return isObject(v) && isNonEmptyText(v.id) && (v.country === undefined || isCountry(v.country)) && isOptionalText(v.name);
}

function isBuyer(v: unknown): boolean {
  return isObject(v) && isOptionalText(v.name) && isOptionalText(v.email) && isOptionalText(v.companyName) && isOptionalText(v.purchaseOrderNumber);
}

function isAddress(v: unknown): boolean {
  return (
    isObject(v) &&
    isOptionalText(v.name) &&
    isOptionalText(v.company) &&
    everyEntry(v.lines, (l) => typeof l === 'string') &&
    isOptionalText(v.city) &&
    isOptionalText(v.district) &&
    isOptionalText(v.county) &&
    isOptionalText(v.region) &&
    isOptionalText(v.postalCode) &&
    isCountry(v.country) &&
    isOptionalText(v.phone) &&
    (v.type === undefined || v.type === 'residential' || v.type === 'commercial')
  );
}

/** A plain object of text values only (RefsSchema), no symbol keys. */
function isRefs(v: unknown): boolean {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(v).length > 0) return false;
  for (const k of Object.keys(v)) if (typeof v[k] !== 'string') return false;
  return true;
}

const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

function isLine(v: unknown): boolean {
  return (
    isObject(v) &&
    isNonEmptyText(v.lineId) &&
    isOptionalText(v.sku) &&
    isOptionalText(v.title) &&
    isCount(v.quantity) &&
    (v.quantityShipped === undefined || isCount(v.quantityShipped)) &&
    isOptionalMoney(v.lineTotal) &&
    isOptionalMoney(v.itemTax) &&
    isOptionalMoney(v.shipping) &&
    isOptionalMoney(v.shippingTax) &&
    isOptionalMoney(v.shippingDiscount) &&
    isOptionalMoney(v.promotionDiscount) &&
    isOptionalMoney(v.giftWrap) &&
    isOptionalMoney(v.giftWrapTax) &&
    isOptionalMoney(v.codFee) &&
    isOptionalBoolean(v.isGift) &&
    isOptionalText(v.condition) &&
    (v.taxCollection === undefined || (isObject(v.taxCollection) && typeof v.taxCollection.model === 'string' && isOptionalText(v.taxCollection.responsibleParty))) &&
    isOptionalText(v.deemedResellerScheme) &&
    isOptionalText(v.iossNumber) &&
    (v.hsCode === undefined || (typeof v.hsCode === 'string' && HS_CODE.test(v.hsCode))) &&
    (v.originCountry === undefined || isCountry(v.originCountry)) &&
    isOptionalText(v.taxCategory) &&
    isRefs(v.refs)
  );
}

function isTotals(v: unknown): boolean {
  return (
    isObject(v) &&
    isOptionalMoney(v.orderTotal) &&
    isOptionalMoney(v.items) &&
    isOptionalMoney(v.itemTax) &&
    isOptionalMoney(v.shipping) &&
    isOptionalMoney(v.shippingTax) &&
    isOptionalMoney(v.discounts)
  );
}

function isFee(v: unknown): boolean {
  return isObject(v) && typeof v.type === 'string' && isMoney(v.amount);
}
