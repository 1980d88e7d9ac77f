/**
 * Flat-file report documents generated from the sandbox's own data. Column sets are
 * those of real reports (headers as published in sellers' code and Amazon's samples):
 * - GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL: the newer 33 columns, one row per order item;
 * - GET_MERCHANT_LISTINGS_ALL_DATA: 29 columns, one row per listing; in Japan the shorter
 *   Japanese-headed layout Amazon serves there (selling-partner-api-models#2293);
 * - GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: the 18-column "manage your inventory" layout;
 * - GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: the 36 columns of the settlement sample in
 *   vendor/amazon/samples/reports, a summary row then one row per amount;
 * - GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: the same settlement in the 24-column V2 layout.
 * Amounts are decimal text, computed in minor units with bigint, never with floats.
 */
import type { FbaStock } from './catalogue-seed.js';
import { fromMinor, toMinor } from './decimal-text.js';
import { listingStatus, mfnQuantity, offerPrice, type StoredListing } from './listings.js';
import type { SandboxOrder } from './order-builder.js';
import type { MarketplaceInfo } from './seed-data.js';
import type { AmazonMoney } from './wire.js';

export const ORDERS_COLUMNS = [
  'amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel', 'order-channel',
  'url', 'ship-service-level', 'product-name', 'sku', 'asin', 'item-status', 'quantity', 'currency', 'item-price', 'item-tax', 'shipping-price',
  'shipping-tax', 'gift-wrap-price', 'gift-wrap-tax', 'item-promotion-discount', 'ship-promotion-discount', 'ship-city', 'ship-state',
  'ship-postal-code', 'ship-country', 'promotion-ids', 'is-business-order', 'purchase-order-number', 'price-designation',
  'signature-confirmation-recommended',
] as const;

export const LISTINGS_COLUMNS = [
  'item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'image-url', 'item-is-marketplace', 'product-id-type',
  'zshop-shipping-fee', 'item-note', 'item-condition', 'zshop-category1', 'zshop-browse-path', 'zshop-storefront-feature', 'asin1', 'asin2', 'asin3',
  'will-ship-internationally', 'expedited-shipping', 'zshop-boldface', 'product-id', 'bid-for-featured-placement', 'add-delete', 'pending-quantity',
  'fulfillment-channel', 'merchant-shipping-group', 'status',
] as const;

export const LISTINGS_COLUMNS_JP = [
  '商品名', '出品ID', '出品者SKU', '価格', '数量', '出品日', '商品IDタイプ', 'コンディション説明', 'コンディション', 'ASIN 1', '国外へ配送可', '迅速な配送',
  '商品ID', '在庫数', 'フルフィルメント・チャンネル', 'merchant-shipping-group', 'ステータス', 'ポイント',
] as const;

export const FBA_MYI_COLUMNS = [
  'sku', 'fnsku', 'asin', 'product-name', 'condition', 'your-price', 'mfn-listing-exists', 'mfn-fulfillable-quantity', 'afn-listing-exists',
  'afn-warehouse-quantity', 'afn-fulfillable-quantity', 'afn-unsellable-quantity', 'afn-reserved-quantity', 'afn-total-quantity', 'per-unit-volume',
  'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity', 'afn-inbound-receiving-quantity',
] as const;

export const SETTLEMENT_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'shipment-fee-type', 'shipment-fee-amount', 'order-fee-type',
  'order-fee-amount', 'fulfillment-id', 'posted-date', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku',
  'quantity-purchased', 'price-type', 'price-amount', 'item-related-fee-type', 'item-related-fee-amount', 'misc-fee-amount', 'other-fee-amount',
  'other-fee-reason-description', 'promotion-id', 'promotion-type', 'promotion-amount', 'direct-payment-type', 'direct-payment-amount', 'other-amount',
] as const;

type Row<C extends readonly string[]> = Partial<Record<C[number], string>>;

/** Tab-separated with a header line; tabs and line breaks inside a value become spaces (as in Amazon's files). */
export function tsv<C extends readonly string[]>(columns: C, rows: readonly Row<C>[]): string {
  const clean = (v: string | undefined): string => (v ?? '').replace(/[\t\r\n]+/g, ' ');
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c: C[number]) => clean(r[c])).join('\t'))];
  return `${lines.join('\n')}\n`;
}

/** ISO 8601 with +00:00, as the order reports write dates. */
const reportDate = (iso: string): string => iso.replace(/\.\d{3}Z$|Z$/, '+00:00');
const amount = (m: AmazonMoney | undefined): string => m?.Amount ?? '';

const ORDER_STATUS: Readonly<Record<string, string>> = { Canceled: 'Cancelled', PartiallyShipped: 'Shipping', PendingAvailability: 'Pending', InvoiceUnconfirmed: 'Shipped' };

export function ordersReport(orders: readonly SandboxOrder[]): string {
  const rows: Row<typeof ORDERS_COLUMNS>[] = [];
  for (const { order, items } of orders) {
    const status = ORDER_STATUS[order.OrderStatus] ?? order.OrderStatus;
    for (const item of items) {
      const shipped = item.QuantityShipped ?? 0;
      rows.push({
        'amazon-order-id': order.AmazonOrderId,
        'merchant-order-id': order.SellerOrderId !== undefined && order.SellerOrderId !== order.AmazonOrderId ? order.SellerOrderId : '',
        'purchase-date': reportDate(order.PurchaseDate),
        'last-updated-date': reportDate(order.LastUpdateDate),
        'order-status': status,
        'fulfillment-channel': order.FulfillmentChannel === 'AFN' ? 'Amazon' : 'Merchant',
        'sales-channel': order.SalesChannel ?? '',
        'ship-service-level': order.ShipmentServiceLevelCategory ?? '',
        'product-name': item.Title ?? '',
        sku: item.SellerSKU ?? '',
        asin: item.ASIN,
        'item-status': status === 'Cancelled' ? 'Cancelled' : shipped >= item.QuantityOrdered && shipped > 0 ? 'Shipped' : 'Unshipped',
        quantity: String(item.QuantityOrdered),
        currency: item.ItemPrice?.CurrencyCode ?? order.OrderTotal?.CurrencyCode ?? '',
        'item-price': amount(item.ItemPrice),
        'item-tax': amount(item.ItemTax),
        'shipping-price': amount(item.ShippingPrice),
        'shipping-tax': amount(item.ShippingTax),
        'item-promotion-discount': amount(item.PromotionDiscount),
        'ship-city': order.ShippingAddress?.City ?? '',
        'ship-state': order.ShippingAddress?.StateOrRegion ?? '',
        'ship-postal-code': order.ShippingAddress?.PostalCode ?? '',
        'ship-country': order.ShippingAddress?.CountryCode ?? '',
        'promotion-ids': (item.PromotionIds ?? []).join(','),
        'is-business-order': order.IsBusinessOrder ? 'true' : 'false',
        'price-designation': order.IsBusinessOrder ? 'BusinessPrice' : '',
        'signature-confirmation-recommended': 'false',
      });
    }
  }
  return tsv(ORDERS_COLUMNS, rows);
}

/** dd/MM/yyyy HH:mm:ss with the zone abbreviation, as the listings report writes open-date (UTC here). */
function openDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

interface ListingRow {
  name: string;
  listingId: string;
  sku: string;
  price: string;
  quantity: string;
  asin: string;
  status: string;
  createdMs: number;
}

function listingRows(listings: readonly StoredListing[]): ListingRow[] {
  return listings.map((l, i) => {
    const name = (l.attributes.item_name?.[0] as { value?: unknown } | undefined)?.value;
    const price = offerPrice(l.attributes);
    return {
      name: typeof name === 'string' ? name : '',
      listingId: `${new Date(l.createdMs).toISOString().slice(5, 7)}${new Date(l.createdMs).toISOString().slice(8, 10)}${String(i).padStart(6, '0')}X`,
      sku: l.sku,
      price: price === undefined ? '' : String(price),
      quantity: String(mfnQuantity(l.attributes) ?? 0),
      asin: l.asin,
      status: listingStatus(l).includes('BUYABLE') ? 'Active' : 'Inactive',
      createdMs: l.createdMs,
    };
  });
}

/** yyyy/MM/dd HH:mm:ss JST, as the Japanese listings report writes 出品日. */
function jstDate(ms: number): string {
  return `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ')} JST`;
}

export function listingsReport(listings: readonly StoredListing[], japanese = false): string {
  const rows = listingRows(listings);
  if (japanese) {
    return tsv(
      LISTINGS_COLUMNS_JP,
      rows.map((r) => ({
        商品名: r.name,
        出品ID: r.listingId,
        出品者SKU: r.sku,
        価格: r.price,
        数量: r.quantity,
        出品日: jstDate(r.createdMs),
        商品IDタイプ: '1',
        コンディション: '11',
        'ASIN 1': r.asin,
        商品ID: r.asin,
        在庫数: r.quantity,
        'フルフィルメント・チャンネル': 'DEFAULT',
        'merchant-shipping-group': '移行済みテンプレート',
        ステータス: r.status,
      })),
    );
  }
  return tsv(
    LISTINGS_COLUMNS,
    rows.map((r) => ({
      'item-name': r.name,
      'listing-id': r.listingId,
      'seller-sku': r.sku,
      price: r.price,
      quantity: r.quantity,
      'open-date': openDate(r.createdMs),
      'item-is-marketplace': 'y',
      'product-id-type': '1',
      'item-condition': '11',
      asin1: r.asin,
      'product-id': r.asin,
      'pending-quantity': '0',
      'fulfillment-channel': 'DEFAULT',
      'merchant-shipping-group': 'Migrated Template',
      status: r.status,
    })),
  );
}

export function fbaInventoryReport(stock: readonly FbaStock[], listings: (sku: string, marketplaceId: string) => StoredListing | undefined): string {
  return tsv(
    FBA_MYI_COLUMNS,
    stock.map((s) => {
      const mfn = listings(s.sellerSku, s.marketplaceId);
      const warehouse = s.fulfillable + s.unfulfillable + s.reserved;
      return {
        sku: s.sellerSku,
        fnsku: s.fnSku,
        asin: s.asin,
        'product-name': s.productName,
        condition: 'New',
        'your-price': s.price ?? '',
        'mfn-listing-exists': mfn ? 'Yes' : 'No',
        'mfn-fulfillable-quantity': mfn ? String(mfnQuantity(mfn.attributes) ?? 0) : '',
        'afn-listing-exists': 'Yes',
        'afn-warehouse-quantity': String(warehouse),
        'afn-fulfillable-quantity': String(s.fulfillable),
        'afn-unsellable-quantity': String(s.unfulfillable),
        'afn-reserved-quantity': String(s.reserved),
        'afn-total-quantity': String(warehouse + s.inboundWorking + s.inboundShipped + s.inboundReceiving),
        'per-unit-volume': '0.05',
        'afn-inbound-working-quantity': String(s.inboundWorking),
        'afn-inbound-shipped-quantity': String(s.inboundShipped),
        'afn-inbound-receiving-quantity': String(s.inboundReceiving),
      };
    }),
  );
}

export interface SettlementPeriod {
  readonly settlementId: string;
  readonly marketplace: MarketplaceInfo;
  readonly startMs: number;
  readonly endMs: number;
  readonly depositMs: number;
}

const settlementDate = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** Commission Amazon keeps, in parts per 10 000 of the sale (item, shipping and COD charges, after promotions). */
const COMMISSION_BP = 1500n;
/** FBA per-unit fulfilment fee in the marketplace's minor units (sandbox flat rate, by exponent). */
const fbaFeeMinor = (mp: MarketplaceInfo): bigint => (mp.exponent === 0 ? 350n : 322n);

/** Half-even rounding of n / d (d > 0), the rounding a fee rule applies. */
function divHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r2 = 2n * (n - q * d);
  if (r2 > d || r2 < -d) return q + (n < 0n ? -1n : 1n);
  if (r2 === d || r2 === -d) return q % 2n === 0n ? q : q + (n < 0n ? -1n : 1n);
  return q;
}

/**
 * Anomalies planted in one settlement (the demo's seeding, server option
 * `plantSettlementDiscrepancies`), each on an order of that settlement: paid more than its total,
 * charged more commission than the 15 % rate, refunded in full twice.
 */
export interface SettlementPlan {
  /** Paid this much (minor units) over the order's total, on its first item's principal. */
  readonly overpaid?: { readonly orderId: string; readonly minor: bigint };
  /** This much more commission (minor units) than the rate gives. */
  readonly overcharged?: { readonly orderId: string; readonly minor: bigint };
  /** Refunded in full twice: two Refund rows with these adjustment ids, posted on these instants. */
  readonly refundedTwice?: { readonly orderId: string; readonly adjustmentIds: readonly [string, string]; readonly postedMs: readonly [number, number] };
}

/** Orders a settlement of the period pays: shipped orders of its marketplace whose LastUpdateDate falls in it, minus `leftOut`. */
export function settledOrders(period: SettlementPeriod, orders: readonly SandboxOrder[], leftOut: ReadonlySet<string> = new Set()): SandboxOrder[] {
  return orders.filter(({ order }) => {
    const updated = Date.parse(order.LastUpdateDate);
    return order.MarketplaceId === period.marketplace.marketplaceId && updated >= period.startMs && updated < period.endMs && (order.OrderStatus === 'Shipped' || order.OrderStatus === 'InvoiceUnconfirmed') && !leftOut.has(order.AmazonOrderId);
  });
}

interface ItemAmounts {
  principal: bigint;
  shipping: bigint;
  cod: bigint;
  /** Promotions, negative. */
  promotion: bigint;
  shipPromotion: bigint;
  tax: bigint;
  shipTax: bigint;
}

/** Each item's amounts in minor units, `over` added to the first item's principal. */
function itemAmounts(items: SandboxOrder['items'], exponent: number, over = 0n): ItemAmounts[] {
  const m = (x: AmazonMoney | undefined) => toMinor(x?.Amount, exponent);
  return items.map((item, i) => ({ principal: m(item.ItemPrice) + (i === 0 ? over : 0n), shipping: m(item.ShippingPrice), cod: m(item.CODFee) - m(item.CODFeeDiscount), promotion: -m(item.PromotionDiscount), shipPromotion: -m(item.ShippingDiscount), tax: m(item.ItemTax), shipTax: m(item.ShippingTax) }));
}

/** What the commission is charged on: item, shipping and COD charges after promotions. */
const saleOf = (s: ItemAmounts): bigint => s.principal + s.shipping + s.cod + s.promotion + s.shipPromotion;

/** What refunding the order in full pays back (tax too where prices exclude it): the order's total. */
export function fullRefundMinor(items: SandboxOrder['items'], mp: MarketplaceInfo): bigint {
  return itemAmounts(items, mp.exponent).reduce((n, s) => n + saleOf(s) + (mp.taxMode === 'exclusive' ? s.tax + s.shipTax : 0n), 0n);
}

/**
 * The summary row and the amount rows (older layout) of the period's settled orders: per item the
 * principal, shipping, COD fee, promotions (negative), tax where prices exclude it, the commission
 * and FBA's fee; the commission is the rate on the order's sale rounded once (half-even) and split
 * over its items, the last taking the remainder, so the order's commission is what a rule gives.
 */
function settlementRows(period: SettlementPeriod, orders: readonly SandboxOrder[], plan: SettlementPlan = {}, leftOut?: ReadonlySet<string>): { summary: Row<typeof SETTLEMENT_COLUMNS>; rows: Row<typeof SETTLEMENT_COLUMNS>[] } {
  const mp = period.marketplace;
  const e = mp.exponent;
  const rows: Row<typeof SETTLEMENT_COLUMNS>[] = [];
  let total = 0n;
  const push = (row: Row<typeof SETTLEMENT_COLUMNS>, minor: bigint) => {
    rows.push(row);
    total += minor;
  };
  for (const { order, items } of settledOrders(period, orders, leftOut)) {
    const updated = Date.parse(order.LastUpdateDate);
    const id = order.AmazonOrderId;
    const over = plan.overpaid?.orderId === id ? plan.overpaid.minor : 0n;
    const sales = itemAmounts(items, e, over);
    const orderCommission = divHalfEven(sales.reduce((n, s) => n + saleOf(s), 0n) * COMMISSION_BP, 10_000n) + (plan.overcharged?.orderId === id ? plan.overcharged.minor : 0n);
    let commissionLeft = orderCommission;
    items.forEach((item, i) => {
      const s = sales[i]!;
      const base: Row<typeof SETTLEMENT_COLUMNS> = {
        'settlement-id': period.settlementId,
        'transaction-type': 'Order',
        'order-id': id,
        'marketplace-name': mp.salesChannel,
        'fulfillment-id': order.FulfillmentChannel === 'AFN' ? 'AFN' : 'MFN',
        'posted-date': settlementDate(updated),
        'order-item-code': item.OrderItemId,
        sku: item.SellerSKU ?? '',
        'quantity-purchased': String(item.QuantityOrdered),
      };
      const commission = i === items.length - 1 ? commissionLeft : (saleOf(s) * COMMISSION_BP) / 10_000n;
      commissionLeft -= commission;
      push({ ...base, 'price-type': 'Principal', 'price-amount': fromMinor(s.principal, e), 'item-related-fee-type': 'Commission', 'item-related-fee-amount': fromMinor(-commission, e) }, s.principal - commission);
      if (s.shipping !== 0n) push({ ...base, 'price-type': 'Shipping', 'price-amount': fromMinor(s.shipping, e) }, s.shipping);
      if (s.cod !== 0n) push({ ...base, 'price-type': 'COD', 'price-amount': fromMinor(s.cod, e) }, s.cod);
      if (s.promotion !== 0n) push({ ...base, 'promotion-type': 'Principal', 'promotion-amount': fromMinor(s.promotion, e) }, s.promotion);
      if (s.shipPromotion !== 0n) push({ ...base, 'promotion-type': 'Shipping', 'promotion-amount': fromMinor(s.shipPromotion, e) }, s.shipPromotion);
      if (mp.taxMode === 'exclusive') {
        if (s.tax !== 0n) push({ ...base, 'price-type': 'Tax', 'price-amount': fromMinor(s.tax, e) }, s.tax);
        if (s.shipTax !== 0n) push({ ...base, 'price-type': 'ShippingTax', 'price-amount': fromMinor(s.shipTax, e) }, s.shipTax);
      }
      if (order.FulfillmentChannel === 'AFN') {
        const fee = -fbaFeeMinor(mp) * BigInt(item.QuantityOrdered);
        push({ ...base, 'item-related-fee-type': 'FBAPerUnitFulfillmentFee', 'item-related-fee-amount': fromMinor(fee, e) }, fee);
      }
    });
    const twice = plan.refundedTwice;
    if (twice?.orderId === id) {
      const refund = -fullRefundMinor(items, mp);
      twice.adjustmentIds.forEach((adjustmentId, n) => {
        push({ 'settlement-id': period.settlementId, 'transaction-type': 'Refund', 'order-id': id, 'adjustment-id': adjustmentId, 'marketplace-name': mp.salesChannel, 'fulfillment-id': order.FulfillmentChannel === 'AFN' ? 'AFN' : 'MFN', 'posted-date': settlementDate(twice.postedMs[n]!), 'price-type': 'Principal', 'price-amount': fromMinor(refund, e) }, refund);
      });
    }
  }
  const summary: Row<typeof SETTLEMENT_COLUMNS> = {
    'settlement-id': period.settlementId,
    'settlement-start-date': settlementDate(period.startMs),
    'settlement-end-date': settlementDate(period.endMs),
    'deposit-date': settlementDate(period.depositMs),
    'total-amount': fromMinor(total, e),
    currency: mp.currency,
  };
  return { summary, rows };
}

/** GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: a summary row then one row per amount column pair. */
export function settlementReport(period: SettlementPeriod, orders: readonly SandboxOrder[], plan?: SettlementPlan, leftOut?: ReadonlySet<string>): string {
  const { summary, rows } = settlementRows(period, orders, plan, leftOut);
  return tsv(SETTLEMENT_COLUMNS, [summary, ...rows]);
}

/** The V2 layout's 24 columns (../shared/vendor/amazon/SOURCE.md): one amount per row. */
export const SETTLEMENT_V2_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id',
  'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'promotion-id',
] as const;

/**
 * GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 of the same settlement: the same amounts, one per
 * row (`ItemPrice`/`Principal`, `ItemPrice`/`Shipping`, `Promotion`/`Principal`, `ItemFees`/`Commission` …), posted-date as a date and
 * posted-date-time in full.
 */
export function settlementReportV2(period: SettlementPeriod, orders: readonly SandboxOrder[], plan?: SettlementPlan, leftOut?: ReadonlySet<string>): string {
  const { summary, rows } = settlementRows(period, orders, plan, leftOut);
  const v2: Row<typeof SETTLEMENT_V2_COLUMNS>[] = [];
  for (const r of rows) {
    const common: Row<typeof SETTLEMENT_V2_COLUMNS> = {
      'settlement-id': r['settlement-id'],
      'transaction-type': r['transaction-type'],
      'order-id': r['order-id'],
      'adjustment-id': r['adjustment-id'],
      'marketplace-name': r['marketplace-name'],
      'fulfillment-id': r['fulfillment-id'],
      'posted-date': r['posted-date']?.slice(0, 10),
      'posted-date-time': r['posted-date'],
      'order-item-code': r['order-item-code'],
      sku: r.sku,
      'quantity-purchased': r['quantity-purchased'],
    };
    if (r['price-amount'] !== undefined) v2.push({ ...common, 'amount-type': 'ItemPrice', 'amount-description': r['price-type'], amount: r['price-amount'] });
    if (r['promotion-amount'] !== undefined) v2.push({ ...common, 'amount-type': 'Promotion', 'amount-description': r['promotion-type'], amount: r['promotion-amount'] });
    if (r['item-related-fee-amount'] !== undefined) v2.push({ ...common, 'amount-type': 'ItemFees', 'amount-description': r['item-related-fee-type'], amount: r['item-related-fee-amount'] });
  }
  return tsv(SETTLEMENT_V2_COLUMNS, [summary, ...v2]);
}

