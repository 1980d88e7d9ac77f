/**
 * The seller's Alibaba.com orders: seeded history plus orders placed through the admin API,
 * served in the integration guide's shapes (../shared/vendor/alibaba/samples/openapi-v2-guide:
 * get_order_list__example_response.json for /alibaba/order/list, section 11 "Get Order Details"
 * for /alibaba/order/get). Statuses are the guide's "Order Status Codes". trade_id is 18 digits
 * (above 2^53): text in most list entries, as the sample shows, a bare number in the others and
 * in every /alibaba/order/get reply; order lines' sku_id is always a bare number.
 */
import type { Catalogue, StoredProduct } from './catalogue.js';
import { bare, type JsonTextValue } from './json-text.js';
import { platformDate } from './platform-time.js';
import type { SeededRandom } from './seeded-random.js';

interface Party {
  readonly company: string;
  readonly eid: string;
  readonly address: {
    readonly zip: string;
    readonly country: string;
    readonly country_code: string;
    readonly province: string;
    readonly city: string;
    readonly address: string;
    readonly contact_person: string;
    readonly mobile: { readonly country: string; readonly number: string };
  };
}

// Importers buying from the demo seller; company names in their own scripts.
const BUYERS: readonly Party[] = [
  { company: '香港環球貿易有限公司', eid: 'hK3vQm9Tz1Lw0cR2bYp8Ug==', address: { zip: '999077', country: 'Hong Kong, China', country_code: 'HK', province: 'Kowloon', city: 'Kwun Tong', address: '88 Hoi Bun Road, Unit 1203', contact_person: '陳大文', mobile: { country: '+852', number: '91234567' } } },
  { company: '深圳市海通贸易有限公司', eid: 'Sz7pHt2Kq4Nd8aXv1mWc3A==', address: { zip: '518000', country: 'China Mainland', country_code: 'CN', province: 'Guangdong', city: 'Shenzhen', address: '福田区深南大道 6008 号 12 楼', contact_person: '李娜', mobile: { country: '+86', number: '13800138000' } } },
  { company: 'Globex Import GmbH', eid: 'Gl0bExImP0rtGmbH00001w==', address: { zip: '20457', country: 'Germany', country_code: 'DE', province: 'Hamburg', city: 'Hamburg', address: 'Am Sandtorkai 41', contact_person: 'Jana Vogt', mobile: { country: '+49', number: '15112345678' } } },
  { company: 'Sunrise Trading LLC', eid: 'SunR1seTr4d1ngLLC0002Q==', address: { zip: '10012', country: 'United States of America', country_code: 'US', province: 'New York', city: 'New York', address: '123 Main Street', contact_person: 'John Doe', mobile: { country: '+1', number: '5551234567' } } },
  { company: '株式会社さくら商事', eid: 'SakuraSh0j1KK00000003g==', address: { zip: '530-0001', country: 'Japan', country_code: 'JP', province: 'Osaka', city: 'Osaka', address: '北区梅田 3-1-3', contact_person: '佐藤 花子', mobile: { country: '+81', number: '9012345678' } } },
  { company: 'Maple Leaf Wholesale Inc.', eid: 'MapleLeafWh0lesale004A==', address: { zip: 'M5V 2T6', country: 'Canada', country_code: 'CA', province: 'Ontario', city: 'Toronto', address: '200 Wellington St W', contact_person: 'Amélie Tremblay', mobile: { country: '+1', number: '4165550199' } } },
  { company: 'Al Noor General Trading LLC', eid: 'AlN00rGenTrad1ng0005w==', address: { zip: '00000', country: 'United Arab Emirates', country_code: 'AE', province: 'Dubai', city: 'Dubai', address: 'Al Maktoum Road, Deira, Office 402', contact_person: 'Omar Haddad', mobile: { country: '+971', number: '501234567' } } },
  { company: 'Hanseatic Merchants Ltd', eid: 'HanseaticMerchants006Q==', address: { zip: 'E1 6AN', country: 'United Kingdom', country_code: 'GB', province: 'London', city: 'London', address: '12 Commercial Street', contact_person: 'Priya Shah', mobile: { country: '+44', number: '7700900123' } } },
  { company: '新加坡華昌貿易私人有限公司', eid: 'SgWahCh0ngTrad1ng007g==', address: { zip: '068914', country: 'Singapore', country_code: 'SG', province: 'Singapore', city: 'Singapore', address: '1 Raffles Place, #20-61', contact_person: '林志明', mobile: { country: '+65', number: '81234567' } } },
];

const SELLER = { immutable_eid: 'kx++Dlfuw+osaJiw08no/A==', full_name: 'Caravan Demo Trading Co., Ltd.' };
const CARRIERS: readonly { code: string; name: string }[] = [
  { code: 'SEMI_MANAGED_CARRIER_CODE_CHEAPEST', name: 'Standard' },
  { code: 'EX_ASP_JYC_FEDEX', name: 'FedEx International Priority' },
  { code: 'EX_ASP_Economy_Express_3C', name: 'Alibaba.com Economy Express' },
];

/** The guide's statuses the seed uses, by weight. */
const SEED_STATUSES: readonly (readonly [string, number])[] = [
  ['unpay', 2],
  ['paid', 3],
  ['undeliver', 3],
  ['wait_confirm_receipt', 3],
  ['trade_success', 4],
  ['trade_close', 1],
];
/** Statuses from which the seller may notify a shipment (paid, not yet shipped). */
const SHIPPABLE = new Set(['paid', 'captured', 'undeliver']);
const SHIPPED = new Set(['delivering', 'wait_confirm_receipt', 'trade_success']);
/** After a shipment notification the order waits for the buyer to confirm receipt. */
export const SHIPPED_STATUS = 'wait_confirm_receipt';

export interface OrderLine {
  readonly productId: string;
  readonly skuId: string;
  readonly skuCode: string;
  readonly name: string;
  readonly quantity: number;
  /** Cents (USD). */
  readonly unitCents: number;
}

export interface Shipment {
  readonly logisticsCompany: string;
  readonly trackingNumber: string;
  readonly shipDate: string;
}

export interface StoredOrder {
  readonly tradeId: string;
  status: string;
  readonly createdMs: number;
  modifiedMs: number;
  /** Whether list entries carry trade_id as a bare number rather than text. */
  readonly bareIdInList: boolean;
  readonly buyer: Party;
  readonly lines: readonly OrderLine[];
  readonly shipmentFeeCents: number;
  readonly carrier: { readonly code: string; readonly name: string };
  shipment?: Shipment;
}

const cents = (price: string): number => {
  const [int = '0', frac = ''] = price.split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
};
const amount = (c: number, decimals = 2): string => {
  const text = `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  return decimals === 4 ? `${text}00` : text;
};
const money = (c: number, decimals = 2): JsonTextValue => ({ amount: amount(c, decimals), currency: 'USD' });

function pickWeighted(rng: SeededRandom, entries: readonly (readonly [string, number])[]): string {
  let r = rng.fraction() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of entries) {
    r -= w;
    if (r < 0) return v;
  }
  return (entries[entries.length - 1] as readonly [string, number])[0];
}

export class OrderBook {
  private readonly orders = new Map<string, StoredOrder>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly rng: SeededRandom,
    count: number,
    nowMs: number,
    days = 30,
  ) {
    const products = catalogue.list();
    if (products.length === 0) return;
    for (let i = 0; i < count; i++) {
      const createdMs = nowMs - this.rng.between(10 * 60, days * 86_400) * 1000;
      const status = pickWeighted(this.rng, SEED_STATUSES);
      const lines = Array.from({ length: this.rng.between(1, 3) }, () => this.line(this.rng.oneOf(products), this.rng.between(1, 60)));
      const modifiedMs = status === 'unpay' ? createdMs + 1000 : Math.min(nowMs - 60_000, createdMs + this.rng.between(60, 5 * 86_400) * 1000);
      this.insert({ status, createdMs, modifiedMs, lines, bareIdInList: this.rng.fraction() < 0.35 });
    }
  }

  get size(): number {
    return this.orders.size;
  }

  get(tradeId: string): StoredOrder | undefined {
    return this.orders.get(tradeId);
  }

  /** Newest modification first; the list's paging walks this order. */
  all(): StoredOrder[] {
    return [...this.orders.values()].sort((a, b) => b.modifiedMs - a.modifiedMs || (a.tradeId < b.tradeId ? 1 : -1));
  }

  byStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const o of this.orders.values()) out[o.status] = (out[o.status] ?? 0) + 1;
    return out;
  }

  /** A new paid order of one SKU (the admin API); takes the stock it sells. */
  place(skuCode: string, quantity: number, nowMs: number): { ok: true; order: StoredOrder; inventory: number } | { ok: false; status: 404 | 409; error: string } {
    const found = this.catalogue.findSku(skuCode);
    if (!found) return { ok: false, status: 404, error: `no product has sku_code "${skuCode}"` };
    if (found.sku.inventory < quantity) return { ok: false, status: 409, error: `insufficient inventory for "${skuCode}": ${found.sku.inventory} left, ${quantity} ordered` };
    found.sku.inventory -= quantity;
    found.product.document = { ...found.product.document, inventory: found.sku.inventory };
    found.product.modifiedMs = nowMs;
    const order = this.insert({ status: 'paid', createdMs: nowMs, modifiedMs: nowMs, lines: [this.line(found.product, quantity)], bareIdInList: false });
    return { ok: true, order, inventory: found.sku.inventory };
  }

  /** The seller's shipment notification: only a paid order that has not shipped moves on. */
  notifyShipment(tradeId: string, shipment: Shipment, nowMs: number): { ok: true; order: StoredOrder } | { ok: false; error_code: string; error_message: string } {
    const order = this.orders.get(tradeId);
    if (!order) return { ok: false, error_code: 'ORDER_NOT_EXIST', error_message: `order ${tradeId} does not exist` };
    if (order.status === 'trade_close') return { ok: false, error_code: 'ORDER_STATUS_INVALID', error_message: `order ${tradeId} is closed (trade_close): it cannot be shipped` };
    if (SHIPPED.has(order.status)) return { ok: false, error_code: 'ORDER_ALREADY_SHIPPED', error_message: `order ${tradeId} has already been shipped (${order.status})` };
    if (!SHIPPABLE.has(order.status)) return { ok: false, error_code: 'ORDER_STATUS_INVALID', error_message: `order ${tradeId} is not paid (${order.status}): it cannot be shipped` };
    order.status = SHIPPED_STATUS;
    order.shipment = shipment;
    order.modifiedMs = nowMs;
    return { ok: true, order };
  }

  private line(product: StoredProduct, quantity: number): OrderLine {
    const sku = product.skus[0];
    if (!sku) throw new Error(`product ${product.productId} has no SKU`);
    return { productId: product.productId, skuId: sku.skuId, skuCode: sku.skuCode, name: product.document.subject as string, quantity, unitCents: cents(sku.price) };
  }

  private insert(o: Pick<StoredOrder, 'status' | 'createdMs' | 'modifiedMs' | 'lines' | 'bareIdInList'>): StoredOrder {
    let tradeId: string;
    // 18 digits with the seller suffix the guide's ids share ("…001028893").
    do tradeId = `2${this.rng.digits(8)}001028893`;
    while (this.orders.has(tradeId));
    const order: StoredOrder = {
      tradeId,
      ...o,
      buyer: this.rng.oneOf(BUYERS),
      shipmentFeeCents: this.rng.between(400, 9_000),
      carrier: this.rng.oneOf(CARRIERS),
    };
    this.orders.set(tradeId, order);
    return order;
  }
}

/** An entry of /alibaba/order/list's `order_list` (the sample's four fields). */
export function orderListEntry(o: StoredOrder): JsonTextValue {
  return {
    trade_id: o.bareIdInList ? bare(o.tradeId) : o.tradeId,
    trade_status: o.status,
    create_date: platformDate(o.createdMs),
    modify_date: platformDate(o.modifiedMs),
  };
}

/** /alibaba/order/get's `value`: the fields the order mapping reads, in the guide's shape. */
export function orderDetail(o: StoredOrder): JsonTextValue {
  const productCents = o.lines.reduce((s, l) => s + l.unitCents * l.quantity, 0);
  return {
    trade_id: bare(o.tradeId),
    trade_status: o.status,
    pay_step: 'ADVANCE',
    fulfillment_channel: 'TAD',
    create_date: platformDate(o.createdMs),
    modify_date: platformDate(o.modifiedMs),
    shipping_address: o.buyer.address,
    order_products: o.lines.map((l) => ({
      product_id: l.productId,
      sku_id: bare(l.skuId),
      sku_code: l.skuCode,
      name: l.name,
      quantity: `${l.quantity}.0000`,
      unit: 'Pieces',
      unit_price: money(l.unitCents, 4),
    })),
    product_total_amount: money(productCents),
    shipment_fee: money(o.shipmentFeeCents),
    total_amount: money(productCents + o.shipmentFeeCents),
    carrier: o.carrier,
    buyer: { immutable_eid: o.buyer.eid, full_name: o.buyer.company },
    seller: SELLER,
  };
}
