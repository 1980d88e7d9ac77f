// Types only: the wire format is described once, by the connector's zod schemas.
import type { AliexpressOrder, AliexpressOrderLine, AliexpressReceiptAddress } from '../../connectors/aliexpress/schemas/order.js';
import type { Address } from '../canonical/address.js';
import { isCountryCode } from '../canonical/countries.js';
import type { Money } from '../canonical/money.js';
import { OrderSchema, type Order, type OrderLine, type OrderStatus } from '../canonical/order.js';
import { MappingError, fail, ok, type MappingResult } from '../canonical/result.js';
import { ALIEXPRESS_ORDER_TIME_ZONE, Issues, compact, countryCode, platformTimeToUtc, readQuantity, readWireMoney, sumIfOneCurrency, timesQuantity } from './readers.js';

/**
 * AliExpress order replies → canonical Order. Pure and total: an Order that satisfies
 * OrderSchema, or a MappingError naming the order id and every offending field.
 *
 * - Times (`gmt_create` …) are US Pacific wall-clock text (ALIEXPRESS_ORDER_TIME_ZONE),
 *   converted to UTC; daylight saving is taken into account.
 * - Money keeps the currency each amount states; sums only over one currency.
 * - Ids stay text (the reply is parsed losslessly: ids past 2^53 arrive as exact digits).
 */

export const ALIEXPRESS_ORDER_RECORD_TYPE = 'aliexpress.order';

/**
 * `order_status` of the seller (solution.order.get, findorderbyid) and DS buyer
 * (trade.ds.order.get) order APIs → canonical status. FINISH is read with `end_reason`: an order
 * closed by cancellation or a timeout before shipping is cancelled, otherwise it completed.
 */
export const ALIEXPRESS_ORDER_STATUSES: Readonly<Record<string, OrderStatus>> = {
  PLACE_ORDER_SUCCESS: 'pending', // awaiting the buyer's payment
  RISK_CONTROL: 'pending', // paid, under the 24 h risk check
  WAIT_SELLER_EXAMINE_MONEY: 'pending', // payment awaiting confirmation
  IN_FROZEN: 'pending',
  IN_CANCEL: 'unshipped', // buyer asked to cancel a paid, unshipped order
  WAIT_SELLER_SEND_GOODS: 'unshipped',
  SELLER_PART_SEND_GOODS: 'partially_shipped',
  WAIT_BUYER_ACCEPT_GOODS: 'shipped',
  FUND_PROCESSING: 'shipped', // buyer accepted, funds being released
  IN_ISSUE: 'shipped', // dispute opened after shipping
  FINISH: 'shipped',
};

const CANCELLED_END = /cancel|timeout|time_out|close|refund|risk_reject|unpay/i;

export interface AliexpressOrderContext {
  /** Channel id within the tenant, e.g. `aliexpress`. */
  readonly channel: string;
  /** The order id when the reply does not echo it (trade.ds.order.get answers without one). */
  readonly orderId?: string;
  /** Which API gave the reply (`aliexpress_solution_order_get` …), kept under refs. */
  readonly api?: string;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/** The buyer's receipt address → canonical Address (lines as given, any script). */
export function aliexpressReceiptToAddress(r: AliexpressReceiptAddress, field: string, issues: Issues): Address | undefined {
  const country = countryCode(r.country);
  if (country === undefined || !isCountryCode(country)) {
    issues.add(`${field}.country`, country === undefined ? 'the address has no country' : `"${r.country}" is not an ISO 3166-1 alpha-2 country`, r.country);
    return undefined;
  }
  const lines: string[] = [];
  for (const l of [r.detail_address, r.address2, r.address]) if (present(l) && !lines.includes(l)) lines.push(l);
  const phone = present(r.mobile_no) ? r.mobile_no : [r.phone_country, r.phone_area, r.phone_number].filter(present).join(' ') || undefined;
  return compact<Address>({
    name: present(r.contact_person) ? r.contact_person : undefined,
    lines,
    city: present(r.city) ? r.city : undefined,
    region: present(r.province) ? r.province : undefined,
    postalCode: present(r.zip) ? r.zip : undefined,
    country,
    phone,
  });
}

function mapLine(l: AliexpressOrderLine, i: number, field: string, issues: Issues): OrderLine | undefined {
  const f = `${field}[${i}]`;
  const before = issues.size;
  const quantity = readQuantity(l.product_count, `${f}.product_count`, issues) ?? 1;
  const unit = readWireMoney(l.product_unit_price ?? l.product_price, `${f}.${l.product_unit_price ? 'product_unit_price' : 'product_price'}`, issues);
  const total = readWireMoney(l.total_product_amount ?? l.init_order_amt, `${f}.${l.total_product_amount ? 'total_product_amount' : 'init_order_amt'}`, issues);
  const shipping = readWireMoney(l.logistics_amount ?? l.shipping_fee, `${f}.${l.logistics_amount ? 'logistics_amount' : 'shipping_fee'}`, issues);
  const itemTax = readWireMoney(l.actual_tax_fee, `${f}.actual_tax_fee`, issues);
  const discount = readWireMoney(l.sale_discount_fee, `${f}.sale_discount_fee`, issues);
  if (issues.size > before) return undefined;
  const lineTotal = total ?? (unit === undefined ? undefined : timesQuantity(unit, quantity));
  const childId = l.child_id ?? l.child_order_id ?? l.id ?? l.order_id;
  const refs: Record<string, string> = {};
  if (childId !== undefined) refs.childOrderId = childId;
  if (l.product_id !== undefined) refs.productId = l.product_id;
  if (l.sku_id !== undefined) refs.skuId = l.sku_id;
  if (present(l.son_order_status)) refs.childOrderStatus = l.son_order_status;
  // The line's own shipping service and states, raw: a split order ships and disputes per line.
  const lineService = present(l.logistics_service_name) ? l.logistics_service_name : l.logistics_type;
  if (present(lineService)) refs.logisticsService = lineService;
  if (present(l.show_status)) refs.showStatus = l.show_status;
  if (present(l.fund_status)) refs.fundStatus = l.fund_status;
  if (present(l.issue_status)) refs.issueStatus = l.issue_status;
  if (present(l.product_unit)) refs.unit = l.product_unit;
  if (present(l.memo)) refs.buyerMemo = l.memo;
  const sentAt = time(l.send_goods_time, `${f}.send_goods_time`, issues);
  if (sentAt !== undefined) refs.sentAt = sentAt;
  if (issues.size > before) return undefined;
  return compact<OrderLine>({
    lineId: childId ?? l.sku_id ?? l.product_id ?? String(i + 1),
    sku: present(l.sku_code) ? l.sku_code : undefined,
    title: present(l.product_name) ? l.product_name : undefined,
    quantity,
    lineTotal,
    itemTax,
    shipping,
    promotionDiscount: discount,
    refs,
  });
}

function statusOf(o: AliexpressOrder, issues: Issues): { status: OrderStatus; raw: string } | undefined {
  const raw = o.order_status;
  if (!present(raw)) {
    issues.add('order_status', 'the order has no status');
    return undefined;
  }
  const status = Object.hasOwn(ALIEXPRESS_ORDER_STATUSES, raw) ? ALIEXPRESS_ORDER_STATUSES[raw] : undefined;
  if (status === undefined) {
    issues.add('order_status', `unknown AliExpress order status "${raw}" (known: ${Object.keys(ALIEXPRESS_ORDER_STATUSES).join(', ')})`, raw);
    return undefined;
  }
  const endReason = o.end_reason ?? o.order_end_reason;
  if (raw === 'FINISH' && present(endReason) && CANCELLED_END.test(endReason) && !/confirm|success/i.test(endReason)) return { status: 'cancelled', raw };
  return { status, raw };
}

function time(raw: string | undefined, field: string, issues: Issues): string | undefined {
  if (!present(raw)) return undefined;
  const r = platformTimeToUtc(raw, ALIEXPRESS_ORDER_TIME_ZONE);
  if (!r.ok) issues.add(field, r.message, raw);
  return r.ok ? r.value : undefined;
}

/** One AliExpress order (any of the order APIs' shapes, see connectors/aliexpress/schemas/order.ts) → canonical Order. */
export function aliexpressOrderToOrder(o: AliexpressOrder, ctx: AliexpressOrderContext): MappingResult<Order> {
  const externalId = o.order_id ?? o.id ?? ctx.orderId;
  const issues = new Issues();
  try {
    if (externalId === undefined) {
      issues.add('order_id', 'the reply carries no order id (aliexpress.trade.ds.order.get does not echo it): name the order in the file name, e.g. 8123456789012345678.json');
    }
    const st = statusOf(o, issues);
    const purchasedAt = time(o.gmt_create, 'gmt_create', issues);
    if (!present(o.gmt_create)) issues.add('gmt_create', 'the order has no creation time');
    const updatedAt = time(o.gmt_update ?? o.gmt_modified, o.gmt_update ? 'gmt_update' : 'gmt_modified', issues) ?? purchasedAt;
    const orderTotal = readWireMoney(o.pay_amount ?? o.user_order_amount ?? o.order_amount ?? o.init_oder_amount, o.pay_amount ? 'pay_amount' : o.user_order_amount ? 'user_order_amount' : o.order_amount ? 'order_amount' : 'init_oder_amount', issues);
    const orderShipping = readWireMoney(o.logistics_amount, 'logistics_amount', issues);
    const escrow = readWireMoney(o.escrow_fee, 'escrow_fee', issues);
    const rawLines = o.product_list ?? o.child_order_list ?? [];
    const linesField = o.product_list ? 'product_list' : 'child_order_list';
    const lines = rawLines.map((l, i) => mapLine(l, i, linesField, issues));
    const shipTo = o.receipt_address ? aliexpressReceiptToAddress(o.receipt_address, 'receipt_address', issues) : undefined;
    if (issues.size > 0 || externalId === undefined || st === undefined || purchasedAt === undefined || updatedAt === undefined) {
      return fail(new MappingError(ALIEXPRESS_ORDER_RECORD_TYPE, externalId, issues.list));
    }
    const okLines = lines as OrderLine[];
    const shipping = orderShipping ?? (okLines.some((l) => l.shipping) ? sumIfOneCurrency(okLines.map((l) => l.shipping)) : undefined);
    const itemTax = okLines.some((l) => l.itemTax) ? sumIfOneCurrency(okLines.map((l) => l.itemTax ?? (l.lineTotal ? { amountMinor: 0, currency: l.lineTotal.currency } : undefined))) : undefined;
    const discounts = okLines.some((l) => l.promotionDiscount) ? sumIfOneCurrency(okLines.map((l) => l.promotionDiscount ?? (l.lineTotal ? { amountMinor: 0, currency: l.lineTotal.currency } : undefined))) : undefined;
    const items = okLines.length > 0 ? sumIfOneCurrency(okLines.map((l) => l.lineTotal)) : undefined;
    const totals = compact<NonNullable<Order['totals']>>({ orderTotal, items, shipping, itemTax, discounts });
    const buyerName =
      (present(o.buyer_signer_fullname) ? o.buyer_signer_fullname : undefined) ??
      ([o.buyer_signer_first_name ?? o.buyer_info?.first_name, o.buyer_signer_last_name ?? o.buyer_info?.last_name].filter(present).join(' ') || undefined);
    const logistics = [...(o.logistics_info_list ?? []), ...(o.logistic_info_list ?? [])];
    const refs: Record<string, string> = { aliexpressOrderId: externalId };
    const buyerLogin = o.buyer_login_id ?? o.buyerloginid ?? o.buyer_info?.login_id;
    if (present(buyerLogin)) refs.buyerLoginId = buyerLogin;
    if (o.store_info?.store_id !== undefined) refs.storeId = o.store_info.store_id;
    if (present(o.logistics_status)) refs.logisticsStatus = o.logistics_status;
    const endReason = o.end_reason ?? o.order_end_reason;
    if (present(endReason)) refs.endReason = endReason;
    const tracking = logistics.map((x) => x.logistics_no).filter(present);
    if (tracking.length > 0) refs.trackingNumbers = tracking.join(',');
    if (ctx.api !== undefined) refs.api = ctx.api;
    const serviceLevel = logistics.map((x) => x.logistics_service ?? x.logistics_service_name).find(present) ?? rawLines.map((l) => l.logistics_service_name ?? l.logistics_type).find(present);
    const fees: { type: string; amount: Money }[] = escrow ? [{ type: 'escrow_fee', amount: escrow }] : [];
    const order = compact<Order>({
      channel: ctx.channel,
      vendor: 'aliexpress',
      externalId,
      status: st.status,
      rawStatus: st.raw,
      marketplace: { id: 'aliexpress', name: 'AliExpress' },
      purchasedAt,
      updatedAt,
      currency: orderTotal?.currency ?? okLines.find((l) => l.lineTotal)?.lineTotal?.currency,
      buyer: buyerName === undefined ? undefined : { name: buyerName },
      shipTo,
      shipServiceLevel: serviceLevel,
      lines: okLines,
      totals: Object.keys(totals).length === 0 ? undefined : totals,
      fees: fees.length === 0 ? undefined : fees,
      refs,
    });
    const checked = OrderSchema.safeParse(order);
    if (!checked.success) {
      for (const i of checked.error.issues) issues.add(`(canonical).${i.path.map(String).join('.')}`, i.message);
      return fail(new MappingError(ALIEXPRESS_ORDER_RECORD_TYPE, externalId, issues.list));
    }
    return ok(order);
  } catch (error) {
    return fail(new MappingError(ALIEXPRESS_ORDER_RECORD_TYPE, externalId, [{ field: '(record)', message: `mapping failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` }]));
  }
}
