// Types only: the report's columns are described once, in connectors/amazon/schemas/reports.ts.
import type { AmazonOrderReportRow, OrderReportColumn } from '../../connectors/amazon/schemas/reports.js';
import type { Address } from '../canonical/address.js';
import { isCountryCode } from '../canonical/countries.js';
import { addMoney, type Money } from '../canonical/money.js';
import { OrderSchema, type Order, type OrderLine, type OrderTotals } from '../canonical/order.js';
import { MappingError, fail, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { amazonOrderStatus } from './order-status.js';
import { amazonMarketplaceFor } from './report-marketplaces.js';
import { checkedRecord, compact, readBooleanCell, readCount, readReportMoney, readReportTimestamp, type Read } from './report-values.js';

/**
 * Amazon orders flat-file report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL and
 * …_BY_ORDER_DATE_GENERAL: one row per order item) → canonical Orders, the rows grouped by
 * amazon-order-id in the order they first appear. The same canonical shape as the Orders v0
 * mapping (order.ts). Pure and total: each order is an Order or a MappingError whose issues
 * name the line of the document and the column (`line 7.item-price`); a bad row rejects its
 * order only, the other orders still map.
 */

export const AMAZON_ORDER_REPORT_RECORD_TYPE = 'amazon.order-report';

export interface AmazonOrderReportContext {
  /** Channel id within the tenant, e.g. `amazon-eu`. */
  readonly channel: string;
}

/**
 * The report's order-status values. The report writes the Orders API statuses, plus `Shipping`
 * (an order part of whose items have shipped) and the British `Cancelled` beside `Canceled`.
 */
const REPORT_STATUS_EXTRA: ReadonlyMap<string, Order['status']> = new Map([
  ['Shipping', 'partially_shipped'],
  ['Cancelled', 'cancelled'],
  // Easy Ship (Amazon.in …): the seller booked the carrier's pick-up; paid, not yet shipped.
  ['Pending - Waiting for Pick Up', 'unshipped'],
]);

/**
 * Easy Ship orders also write where the parcel is after shipping: `Shipped - Delivered to Buyer`,
 * `Shipped - Out for Delivery`, `Shipped - Returned to Seller`, `Shipped - Rejected by Buyer`,
 * `Shipped - Lost in Transit`, `Shipped - Damaged` … (Amazon.in order reports). The order is
 * shipped; the parcel's state stays in rawStatus.
 */
const SHIPPED_WITH_PARCEL_STATE = /^Shipped - \S/;

function reportStatusOf(raw: string): Order['status'] | undefined {
  return amazonOrderStatus(raw) ?? REPORT_STATUS_EXTRA.get(raw) ?? (SHIPPED_WITH_PARCEL_STATE.test(raw) ? 'shipped' : undefined);
}

/** fulfillment-channel: the report writes `Amazon` / `Merchant` (the API's AFN / MFN are accepted too). */
const FULFILMENT: ReadonlyMap<string, NonNullable<Order['fulfilment']>> = new Map([
  ['amazon', 'marketplace'],
  ['afn', 'marketplace'],
  ['merchant', 'merchant'],
  ['mfn', 'merchant'],
]);

/** Money columns of a row → the order line's field. Discounts are made positive (the report may sign them). */
type MoneyField = 'lineTotal' | 'itemTax' | 'shipping' | 'shippingTax' | 'giftWrap' | 'giftWrapTax' | 'promotionDiscount' | 'shippingDiscount';

const MONEY_COLUMNS: ReadonlyArray<readonly [OrderReportColumn, MoneyField, boolean]> = [
  // item-price is taken as the price of the whole line (unit price × quantity), as ItemPrice is in
  // Orders v0. Not checked against a real document (none is public): an assumption.
  ['item-price', 'lineTotal', false],
  ['item-tax', 'itemTax', false],
  ['shipping-price', 'shipping', false],
  ['shipping-tax', 'shippingTax', false],
  ['gift-wrap-price', 'giftWrap', false],
  ['gift-wrap-tax', 'giftWrapTax', false],
  ['item-promotion-discount', 'promotionDiscount', true],
  ['ship-promotion-discount', 'shippingDiscount', true],
];


class Issues {
  readonly list: MappingIssue[] = [];
  add(row: AmazonOrderReportRow, column: string, message: string, value?: string): void {
    this.list.push({ field: `line ${row.line}.${column}`, message, ...(value === undefined ? {} : { value }) });
  }
  /** The cell's value read by `read`, or undefined (an issue recorded when it does not read). */
  read<T>(row: AmazonOrderReportRow, column: OrderReportColumn, read: (raw: string) => Read<T>): T | undefined {
    const raw = row.cells[column];
    if (raw === undefined) return undefined;
    const r = read(raw);
    if (r.ok) return r.value;
    this.add(row, column, r.message, raw);
    return undefined;
  }
  required(row: AmazonOrderReportRow, column: OrderReportColumn): string | undefined {
    const raw = row.cells[column];
    if (raw === undefined) this.add(row, column, 'is empty or missing');
    return raw;
  }
}

function mapLine(row: AmazonOrderReportRow, index: number, currency: string | undefined, issues: Issues): OrderLine | undefined {
  const before = issues.list.length;
  if (row.extraCells !== undefined) issues.add(row, '(row)', `has ${row.extraCells} non-empty cell(s) beyond the header's columns`);
  const quantityText = issues.required(row, 'quantity');
  const quantity = quantityText === undefined ? undefined : issues.read(row, 'quantity', readCount);
  const rowCurrency = row.cells.currency;
  if (rowCurrency !== undefined && currency !== undefined && rowCurrency !== currency) {
    issues.add(row, 'currency', `is ${rowCurrency}, but the order's first row is in ${currency}: one order has one currency`, rowCurrency);
  }
  const money: Partial<Record<MoneyField, Money>> = {};
  for (const [column, field, positive] of MONEY_COLUMNS) {
    const raw = row.cells[column];
    if (raw === undefined) continue;
    if (rowCurrency === undefined) {
      issues.add(row, column, `holds ${raw} but the row has no currency`, raw);
      continue;
    }
    const m = issues.read(row, column, (text) => readReportMoney(text, rowCurrency));
    if (m !== undefined) money[field] = positive ? { ...m, amountMinor: Math.abs(m.amountMinor) } : m;
  }
  if (issues.list.length > before || quantity === undefined) return undefined;
  const asin = row.cells.asin;
  return compact<OrderLine>({
    lineId: String(index + 1),
    sku: row.cells.sku,
    title: row.cells['product-name'],
    quantity,
    ...money,
    refs: compact({ asin, reportLine: String(row.line), itemStatus: row.cells['item-status'] }) as Record<string, string>,
  });
}

function sum(lines: readonly OrderLine[], pick: (l: OrderLine) => ReadonlyArray<Money | undefined>): Money | undefined {
  let total: Money | undefined;
  for (const line of lines) for (const m of pick(line)) if (m !== undefined) total = total === undefined ? m : addMoney(total, m);
  return total;
}

function totalsOf(lines: readonly OrderLine[]): OrderTotals | undefined {
  const totals = compact<OrderTotals>({
    items: sum(lines, (l) => [l.lineTotal]),
    itemTax: sum(lines, (l) => [l.itemTax]),
    shipping: sum(lines, (l) => [l.shipping]),
    shippingTax: sum(lines, (l) => [l.shippingTax]),
    discounts: sum(lines, (l) => [l.promotionDiscount, l.shippingDiscount]),
  });
  return Object.keys(totals).length > 0 ? totals : undefined;
}

function shipToOf(row: AmazonOrderReportRow, issues: Issues): Address | undefined {
  const country = row.cells['ship-country'];
  if (country === undefined) return undefined;
  if (!isCountryCode(country)) {
    issues.add(row, 'ship-country', `"${country}" is not an ISO 3166-1 alpha-2 country code`, country);
    return undefined;
  }
  return compact<Address>({ lines: [], city: row.cells['ship-city'], region: row.cells['ship-state'], postalCode: row.cells['ship-postal-code'], country });
}

function mapOrder(id: string, rows: readonly AmazonOrderReportRow[], channel: string): MappingResult<Order> {
  const issues = new Issues();
  const first = rows[0]!;
  const purchasedAt = issues.required(first, 'purchase-date') === undefined ? undefined : issues.read(first, 'purchase-date', readReportTimestamp);
  const updates = rows.map((r) => (r.cells['last-updated-date'] === undefined ? undefined : issues.read(r, 'last-updated-date', readReportTimestamp)));
  if (rows.every((r) => r.cells['last-updated-date'] === undefined)) issues.required(first, 'last-updated-date');
  const updatedAt = updates.filter((u): u is string => u !== undefined).sort().at(-1);
  const rawStatus = issues.required(first, 'order-status');
  const status = rawStatus === undefined ? undefined : reportStatusOf(rawStatus);
  if (rawStatus !== undefined && status === undefined) issues.add(first, 'order-status', `unknown Amazon order status "${rawStatus}"`, rawStatus);
  const rawFulfilment = first.cells['fulfillment-channel'];
  const fulfilment = rawFulfilment === undefined ? undefined : FULFILMENT.get(rawFulfilment.toLowerCase());
  if (rawFulfilment !== undefined && fulfilment === undefined) issues.add(first, 'fulfillment-channel', `unknown fulfilment channel "${rawFulfilment}" (expected Amazon or Merchant)`, rawFulfilment);
  const salesChannel = issues.required(first, 'sales-channel');
  const known = salesChannel === undefined ? undefined : amazonMarketplaceFor(salesChannel);
  // A storefront not in the table (or `Non-Amazon`, a multi-channel order) is kept by its name.
  const marketplace = salesChannel === undefined ? undefined : known === undefined ? { id: salesChannel, name: salesChannel } : { id: known.id, country: known.country, name: known.name };
  const isBusiness = issues.read(first, 'is-business-order', readBooleanCell);
  const shipTo = shipToOf(first, issues);
  const currency = rows.map((r) => r.cells.currency).find((c) => c !== undefined);
  const lines = rows.map((r, i) => mapLine(r, i, currency, issues)).filter((l): l is OrderLine => l !== undefined);
  if (issues.list.length > 0 || purchasedAt === undefined || updatedAt === undefined || status === undefined || rawStatus === undefined || marketplace === undefined) {
    return fail(new MappingError(AMAZON_ORDER_REPORT_RECORD_TYPE, id, issues.list));
  }
  let totals: OrderTotals | undefined;
  try {
    totals = totalsOf(lines);
  } catch (e) {
    return fail(new MappingError(AMAZON_ORDER_REPORT_RECORD_TYPE, id, [{ field: `line ${first.line}.currency`, message: `cannot total the order: ${(e as Error).message}` }]));
  }
  const purchaseOrderNumber = first.cells['purchase-order-number'];
  const order = compact<Order>({
    channel,
    vendor: 'amazon',
    externalId: id,
    status,
    rawStatus,
    marketplace,
    purchasedAt,
    updatedAt,
    currency,
    fulfilment,
    buyer: purchaseOrderNumber === undefined ? undefined : { purchaseOrderNumber },
    shipTo,
    shipServiceLevel: first.cells['ship-service-level'],
    isBusiness,
    lines,
    totals,
    refs: compact({ amazonOrderId: id, marketplaceId: known?.id, sellerOrderId: first.cells['merchant-order-id'], salesChannel }) as Record<string, string>,
  });
  return checkedRecord(OrderSchema, order, AMAZON_ORDER_REPORT_RECORD_TYPE, id);
}

/** Every order of the report, in first-appearance order; a row without an amazon-order-id is a rejection of its own. */
export function amazonOrderReportToOrders(rows: readonly AmazonOrderReportRow[], ctx: AmazonOrderReportContext): MappingResult<Order>[] {
  const groups = new Map<string, AmazonOrderReportRow[]>();
  const results: { at: number; result: MappingResult<Order> }[] = [];
  for (const row of rows) {
    const id = row.cells['amazon-order-id'];
    if (id === undefined) {
      const issue = { field: `line ${row.line}.amazon-order-id`, message: 'is empty or missing: the row belongs to no order' };
      results.push({ at: row.line, result: fail(new MappingError(AMAZON_ORDER_REPORT_RECORD_TYPE, undefined, [issue])) });
      continue;
    }
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  for (const [id, group] of groups) {
    let result: MappingResult<Order>;
    try {
      result = mapOrder(id, group, ctx.channel);
    } catch (e) {
      result = fail(new MappingError(AMAZON_ORDER_REPORT_RECORD_TYPE, id, [{ field: `line ${group[0]!.line}`, message: `mapping failed unexpectedly: ${(e as Error).message}` }]));
    }
    results.push({ at: group[0]!.line, result });
  }
  return results.sort((a, b) => a.at - b.at).map((r) => r.result);
}
