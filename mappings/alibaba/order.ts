// Types only: the wire format is described once, by the connector's zod schemas.
import type { AlibabaMoney, AlibabaOrder, AlibabaOrderProduct, AlibabaShippingAddress } from '../../connectors/alibaba/schemas/order.js';
import type { Address } from '../canonical/address.js';
import { isCountryCode } from '../canonical/countries.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import { OrderSchema, type Order, type OrderLine, type OrderStatus } from '../canonical/order.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { Decimal } from '../canonical/decimal.js';
import { currencyInfo } from '../canonical/currencies.js';

/**
 * Alibaba.com Open Platform orders (`/alibaba/order/get` value, `/alibaba/order/list` entries)
 * → canonical Order. Pure and total. Dates are read from their epoch milliseconds
 * (`create_date.timestamp`), which name the instant; `format_date` is US Pacific text for people.
 * Money keeps the currency each amount states (`{ amount, currency }`), never through floats.
 */

export const ALIBABA_ORDER_RECORD_TYPE = 'alibaba.order';

/** `trade_status` (integration guide "Order Status Codes") → canonical status. */
export const ALIBABA_ORDER_STATUSES: Readonly<Record<string, OrderStatus>> = {
  to_be_audited: 'pending',
  unpay: 'pending',
  paying: 'pending',
  paid: 'unshipped',
  captured: 'unshipped',
  undeliver: 'unshipped',
  delivering: 'shipped',
  wait_confirm_receipt: 'shipped',
  trade_success: 'shipped',
  trade_close: 'cancelled',
  frozen: 'pending', // refund in progress: nothing to ship until it is settled
  charge_back: 'cancelled',
};

export interface AlibabaOrderContext {
  readonly channel: string;
}

type Issues = MappingIssue[];
const present = (v: string | undefined | null): v is string => typeof v === 'string' && v.trim() !== '';
const compact = <T extends object>(o: { [K in keyof T]?: T[K] | undefined }): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function money(m: AlibabaMoney | undefined, field: string, issues: Issues): Money | undefined {
  if (m === undefined || m.amount === undefined || m.amount === null || m.amount === '') return undefined;
  const currency = (m.currency ?? m.currency_code)?.trim().toUpperCase();
  if (!present(currency)) {
    issues.push({ field: `${field}.currency`, message: 'an amount without a currency' });
    return undefined;
  }
  const text = typeof m.amount === 'number' ? String(m.amount) : m.amount;
  const r = parseDecimalMoney(text, currency);
  if (!r.ok) issues.push({ field: `${field}.amount`, message: r.message, value: m.amount });
  return r.ok ? r.money : undefined;
}

function instant(d: { timestamp?: string | undefined } | undefined, field: string, issues: Issues): string | undefined {
  const ts = d?.timestamp;
  if (!present(ts)) return undefined;
  if (!/^\d{10,14}$/.test(ts)) {
    issues.push({ field: `${field}.timestamp`, message: 'is not epoch milliseconds', value: ts });
    return undefined;
  }
  // Ten digits are seconds (webhooks use them); more are milliseconds.
  const ms = ts.length <= 10 ? Number(ts) * 1000 : Number(ts);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function address(a: AlibabaShippingAddress, issues: Issues): Address | undefined {
  const raw = a.country_code?.trim().toUpperCase();
  const country = raw === 'UK' ? 'GB' : raw;
  if (!present(country) || !isCountryCode(country)) {
    issues.push({ field: 'shipping_address.country_code', message: present(raw) ? `"${a.country_code}" is not an ISO 3166-1 alpha-2 country` : 'the address has no country code', ...(raw ? { value: a.country_code } : {}) });
    return undefined;
  }
  const phone = a.mobile ?? a.telephone;
  const phoneText = phone ? [phone.country, phone.area, phone.number].filter(present).join(' ') : '';
  return compact<Address>({
    name: present(a.contact_person) ? a.contact_person : undefined,
    lines: [a.address, a.alternate_address].filter(present),
    city: present(a.city) ? a.city : undefined,
    region: present(a.province) ? a.province : undefined,
    postalCode: present(a.zip) ? a.zip : undefined,
    country,
    phone: phoneText === '' ? undefined : phoneText,
  });
}

function line(p: AlibabaOrderProduct, i: number, issues: Issues): OrderLine | undefined {
  const f = `order_products[${i}]`;
  const before = issues.length;
  const q = p.quantity === undefined ? undefined : /^(\d+)(?:\.(\d+))?$/.exec(p.quantity.trim());
  if (p.quantity !== undefined && (!q || (q[2] !== undefined && /[1-9]/.test(q[2])))) issues.push({ field: `${f}.quantity`, message: 'is not a whole quantity', value: p.quantity });
  const quantity = q ? Number(q[1]) : 1;
  // Unit prices carry four decimals ("0.1000"); the line total (unit × quantity) must fit the currency exactly.
  let lineTotal: Money | undefined;
  const up = p.unit_price;
  if (up !== undefined && up.amount !== undefined && up.amount !== null && up.amount !== '') {
    const currency = (up.currency ?? up.currency_code)?.trim().toUpperCase();
    const info = currency === undefined ? undefined : currencyInfo(currency);
    const unit = Decimal.tryParse(typeof up.amount === 'number' ? String(up.amount) : up.amount);
    if (currency === undefined || info === undefined) issues.push({ field: `${f}.unit_price.currency`, message: currency === undefined ? 'an amount without a currency' : `unknown currency "${currency}"` });
    else if (unit === undefined) issues.push({ field: `${f}.unit_price.amount`, message: 'is not a decimal amount', value: up.amount });
    else {
      const total = unit.mul(Decimal.fromInt(quantity));
      if (!total.round(info.exponent).eq(total)) issues.push({ field: `${f}.unit_price.amount`, message: `${unit.toString()} × ${quantity} has more decimals than ${currency} allows (${info.exponent})`, value: up.amount });
      else lineTotal = total.toMoney(currency);
    }
  }
  if (issues.length > before) return undefined;
  const refs: Record<string, string> = {};
  if (p.product_id !== undefined) refs.productId = p.product_id;
  if (p.sku_id !== undefined) refs.skuId = p.sku_id;
  if (present(p.unit)) refs.unit = p.unit;
  const attrs = (p.sku_attributes ?? []).filter((x) => present(x.key)).map((x) => `${x.key}:${x.value ?? ''}`);
  if (attrs.length > 0) refs.skuAttributes = attrs.join(';');
  return compact<OrderLine>({
    lineId: p.sku_id ?? p.product_id ?? String(i + 1),
    // The seller's code is what the hub's catalogue knows; the platform's SKU id is kept in refs.
    sku: present(p.sku_code) ? p.sku_code : p.sku_id,
    title: present(p.name) ? p.name : undefined,
    quantity,
    lineTotal,
    refs,
  });
}

function sum(amounts: readonly (Money | undefined)[]): Money | undefined {
  const xs = amounts.filter((a): a is Money => a !== undefined);
  if (xs.length === 0 || xs.length !== amounts.length || xs.some((a) => a.currency !== xs[0]!.currency)) return undefined;
  const n = xs.reduce((s, a) => s + a.amountMinor, 0);
  return Number.isSafeInteger(n) ? { amountMinor: n, currency: xs[0]!.currency } : undefined;
}

/** One Alibaba.com order → canonical Order, or a MappingError naming trade_id and the fields. */
export function alibabaOrderToOrder(o: AlibabaOrder, ctx: AlibabaOrderContext): MappingResult<Order> {
  const id = o.trade_id;
  const issues: Issues = [];
  try {
    if (id === undefined) issues.push({ field: 'trade_id', message: 'the order has no trade_id' });
    const raw = o.trade_status;
    const status = present(raw) && Object.hasOwn(ALIBABA_ORDER_STATUSES, raw) ? ALIBABA_ORDER_STATUSES[raw] : undefined;
    if (!present(raw)) issues.push({ field: 'trade_status', message: 'the order has no status' });
    else if (status === undefined) issues.push({ field: 'trade_status', message: `unknown Alibaba.com trade status "${raw}" (known: ${Object.keys(ALIBABA_ORDER_STATUSES).join(', ')})`, value: raw });
    const purchasedAt = instant(o.create_date, 'create_date', issues);
    if (o.create_date?.timestamp === undefined) issues.push({ field: 'create_date.timestamp', message: 'the order has no creation time' });
    const updatedAt = instant(o.modify_date, 'modify_date', issues) ?? purchasedAt;
    const orderTotal = money(o.total_amount, 'total_amount', issues);
    const items = money(o.product_total_amount, 'product_total_amount', issues);
    const shipping = money(o.shipment_fee, 'shipment_fee', issues);
    const lines = (o.order_products ?? []).map((p, i) => line(p, i, issues));
    const shipTo = o.shipping_address ? address(o.shipping_address, issues) : undefined;
    if (issues.length > 0 || id === undefined || status === undefined || purchasedAt === undefined || updatedAt === undefined || !present(raw)) {
      return fail(new MappingError(ALIBABA_ORDER_RECORD_TYPE, id, issues));
    }
    // The same SKU twice in one order (two lines of one variant) keeps both: the later ones' ids get their position.
    const seen = new Set<string>();
    const okLines = (lines as OrderLine[]).map((l, i) => {
      const lineId = seen.has(l.lineId) ? `${l.lineId}#${i + 1}` : l.lineId;
      seen.add(lineId);
      return lineId === l.lineId ? l : { ...l, lineId };
    });
    const totals = compact<NonNullable<Order['totals']>>({ orderTotal, items: items ?? (okLines.length > 0 ? sum(okLines.map((l) => l.lineTotal)) : undefined), shipping });
    const refs: Record<string, string> = { alibabaTradeId: id };
    if (present(o.buyer?.immutable_eid)) refs.buyerEid = o.buyer.immutable_eid;
    if (present(o.seller?.immutable_eid)) refs.sellerEid = o.seller.immutable_eid;
    if (present(o.seller?.full_name)) refs.sellerName = o.seller.full_name;
    if (present(o.pay_step)) refs.payStep = o.pay_step;
    if (present(o.fulfillment_channel)) refs.fulfillmentChannel = o.fulfillment_channel;
    if (present(o.carrier?.code)) refs.carrierCode = o.carrier.code;
    const order = compact<Order>({
      channel: ctx.channel,
      vendor: 'alibaba',
      externalId: id,
      status,
      rawStatus: raw,
      marketplace: { id: 'ALIBABA', name: 'Alibaba.com' },
      purchasedAt,
      updatedAt,
      currency: orderTotal?.currency ?? items?.currency ?? okLines.find((l) => l.lineTotal)?.lineTotal?.currency,
      buyer: present(o.buyer?.full_name) ? { name: o.buyer.full_name } : undefined,
      shipTo,
      shipServiceLevel: present(o.carrier?.name) ? o.carrier.name : undefined,
      lines: okLines,
      totals: Object.keys(totals).length === 0 ? undefined : totals,
      refs,
    });
    const checked = OrderSchema.safeParse(order);
    if (!checked.success) {
      return fail(new MappingError(ALIBABA_ORDER_RECORD_TYPE, id, checked.error.issues.map((i) => ({ field: `(canonical).${i.path.map(String).join('.')}`, message: i.message }))));
    }
    return ok(order);
  } catch (error) {
    return fail(new MappingError(ALIBABA_ORDER_RECORD_TYPE, id, [{ field: '(record)', message: `mapping failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` }]));
  }
}
