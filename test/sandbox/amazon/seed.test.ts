import { describe, expect, it } from 'vitest';
import { currencyInfo } from '../../../mappings/canonical/currencies.js';
import {
  CURATED_ORDER_IDS,
  KNOWN_MALFORMED_ORDERS,
  MARKETPLACES,
  generateAmazonSeed,
  seedSummary,
  type AmazonMoney,
  type AmazonOrderItem,
  type SandboxOrder,
} from '../../../sandbox/amazon/index.js';
import { T0 } from './sandbox-client.js';
import { ORDERS_V0, definition, validate } from './swagger-schema.js';

const now = new Date(T0);
const { orders } = generateAmazonSeed({ now });
const byId = new Map(orders.map((o) => [o.order.AmazonOrderId, o]));
const malformedIds = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
const regular = orders.filter((o) => !malformedIds.has(o.order.AmazonOrderId));
const mpById = new Map(MARKETPLACES.map((m) => [m.marketplaceId, m]));

function record(id: string): SandboxOrder {
  const r = byId.get(id);
  if (!r) throw new Error(`seed has no ${id}`);
  return r;
}

/** Minor units of a decimal string, or undefined when it is not a plain decimal in the currency's exponent. */
function minor(m: AmazonMoney | undefined): number | undefined {
  if (!m?.Amount || !m.CurrencyCode) return undefined;
  const exp = currencyInfo(m.CurrencyCode)?.exponent;
  if (exp === undefined) return undefined;
  const re = exp === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${exp}}$`);
  if (!re.test(m.Amount)) return undefined;
  return Number(m.Amount.replace('.', ''));
}

function isIsoUtcSeconds(s: string | undefined): boolean {
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s)) return false;
  const d = new Date(s);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) + 'Z' === s;
}

const MONEY_FIELDS = [
  'ItemPrice', 'ShippingPrice', 'ItemTax', 'ShippingTax', 'ShippingDiscount', 'ShippingDiscountTax',
  'PromotionDiscount', 'PromotionDiscountTax', 'CODFee', 'CODFeeDiscount',
] as const;

/** Every semantic defect a strict integration should reject, as {id, field}. */
function semanticDefects(list: readonly SandboxOrder[]): { amazonOrderId: string; field: string }[] {
  const out: { amazonOrderId: string; field: string }[] = [];
  for (const { order, items } of list) {
    const id = order.AmazonOrderId;
    for (const f of ['PurchaseDate', 'LastUpdateDate'] as const) if (!isIsoUtcSeconds(order[f])) out.push({ amazonOrderId: id, field: f });
    if (order.OrderTotal) {
      if (!currencyInfo(order.OrderTotal.CurrencyCode ?? '')) out.push({ amazonOrderId: id, field: 'OrderTotal.CurrencyCode' });
      else if (minor(order.OrderTotal) === undefined) out.push({ amazonOrderId: id, field: 'OrderTotal.Amount' });
    }
    items.forEach((item, i) => {
      for (const f of MONEY_FIELDS) {
        const m = item[f];
        if (m === undefined) continue;
        if (!currencyInfo(m.CurrencyCode ?? '')) out.push({ amazonOrderId: id, field: `OrderItems[${i}].${f}.CurrencyCode` });
        else if (minor(m) === undefined) out.push({ amazonOrderId: id, field: `OrderItems[${i}].${f}.Amount` });
      }
    });
  }
  return out;
}

const sum = (items: readonly AmazonOrderItem[], f: (typeof MONEY_FIELDS)[number]): number =>
  items.reduce((n, i) => n + (minor(i[f]) ?? 0), 0);

describe('generateAmazonSeed (240 orders, seed 42)', () => {
  it('has the pinned mix of marketplaces, currencies and statuses', () => {
    expect(seedSummary(orders)).toEqual({
      total: 240,
      orderItems: 412,
      byMarketplace: { AE: 10, CA: 6, DE: 65, ES: 8, FR: 21, IT: 20, JP: 26, UK: 47, US: 37 },
      byCurrency: { AED: 10, CAD: 6, EUR: 113, EURO: 1, GBP: 47, JPY: 26, USD: 37 },
      byStatus: { Canceled: 15, InvoiceUnconfirmed: 9, PartiallyShipped: 16, Pending: 16, Shipped: 144, Unfulfillable: 4, Unshipped: 36 },
      byFulfillmentChannel: { AFN: 105, MFN: 135 },
      multiLineOrders: 82,
      maxLinesPerOrder: 47,
      businessOrders: 19,
      primeOrders: 86,
    });
  });

  it('uses the real marketplace ids, sales channels and currencies', () => {
    const seen = new Map<string, Set<string>>();
    for (const { order } of regular) {
      const mp = mpById.get(order.MarketplaceId ?? '');
      expect(mp, order.AmazonOrderId).toBeDefined();
      if (order.OrderTotal) expect(order.OrderTotal.CurrencyCode).toBe(mp?.currency);
      if (order.OrderStatus !== 'Unfulfillable') expect(order.SalesChannel).toBe(mp?.salesChannel);
      seen.set(order.MarketplaceId ?? '', (seen.get(order.MarketplaceId ?? '') ?? new Set()).add(order.OrderStatus));
    }
    expect([...seen.keys()].sort()).toEqual(
      ['A13V1IB3VIYZZH', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A1RKKUPIHCS9HS', 'A1VC38T7YXB528', 'A2EUQ1WTGCTBG2', 'A2VIGQ35RCS4UG', 'APJ6JRA9NG5V4', 'ATVPDKIKX0DER'],
    );
  });

  it('formats ids like Amazon and never repeats one', () => {
    const orderIds = orders.map((o) => o.order.AmazonOrderId);
    const itemIds = orders.flatMap((o) => o.items.map((i) => i.OrderItemId));
    expect(new Set(orderIds).size).toBe(orderIds.length);
    expect(new Set(itemIds).size).toBe(itemIds.length);
    for (const id of orderIds) expect(id).toMatch(/^\d{3}-\d{7}-\d{7}$/);
    for (const id of itemIds) expect(id).toMatch(/^\d{14}$/);
    for (const o of orders) for (const i of o.items) expect(i.ASIN).toMatch(/^B0[0-9A-Z]{8}$/);
    for (const { order } of regular.filter((o) => o.order.MarketplaceId === 'ATVPDKIKX0DER')) {
      expect(order.AmazonOrderId).toMatch(/^11[1-4]-/);
    }
    for (const { order } of regular.filter((o) => o.order.MarketplaceId === 'A1VC38T7YXB528')) {
      expect(order.AmazonOrderId).toMatch(/^(249|250|503)-/);
    }
  });

  it('dates purchases in the 30 days before now, updates after purchase and not after now', () => {
    const from = T0 - 30 * 86_400_000;
    for (const { order } of regular) {
      expect(isIsoUtcSeconds(order.PurchaseDate), order.PurchaseDate).toBe(true);
      expect(isIsoUtcSeconds(order.LastUpdateDate), order.LastUpdateDate).toBe(true);
      const p = Date.parse(order.PurchaseDate);
      const u = Date.parse(order.LastUpdateDate);
      expect(p).toBeGreaterThanOrEqual(from);
      expect(u).toBeGreaterThanOrEqual(p);
      // Nothing newer than five minutes: all of it is visible under the two-minute rule.
      expect(u).toBeLessThanOrEqual(T0 - 300_000);
    }
  });

  it('reports money as Amazon does: strings in the currency exponent, totals that add up', () => {
    let checked = 0;
    for (const { order, items } of regular) {
      const mp = mpById.get(order.MarketplaceId ?? '');
      if (!mp || !order.OrderTotal) continue;
      for (const item of items) {
        for (const f of MONEY_FIELDS) if (item[f]) expect(minor(item[f]), `${order.AmazonOrderId} ${f}`).toBeDefined();
        const price = minor(item.ItemPrice) as number;
        expect(price % item.QuantityOrdered).toBe(0); // line total = unit × quantity
        if (mp.taxMode === 'inclusive') {
          const vat = mp.vatPpm;
          expect(minor(item.ItemTax)).toBe(Math.round((price * vat) / (1_000_000 + vat)));
        }
        if (mp.code === 'US') expect(item.TaxCollection).toEqual({ Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' });
      }
      const base = sum(items, 'ItemPrice') + sum(items, 'ShippingPrice') - sum(items, 'PromotionDiscount') - sum(items, 'ShippingDiscount') + sum(items, 'CODFee') - sum(items, 'CODFeeDiscount');
      const added = mp.taxMode === 'exclusive' ? sum(items, 'ItemTax') + sum(items, 'ShippingTax') - sum(items, 'PromotionDiscountTax') - sum(items, 'ShippingDiscountTax') : 0;
      expect(minor(order.OrderTotal), order.AmazonOrderId).toBe(base + added);
      checked++;
    }
    // Shipped 144 + Unshipped 36 + PartiallyShipped 16 + InvoiceUnconfirmed 9, minus the 3 malformed.
    expect(checked).toBe(202);
    const jp = record(CURATED_ORDER_IDS.japaneseAddressJp);
    expect(jp.items[0]?.ItemPrice).toEqual({ CurrencyCode: 'JPY', Amount: '3300' });
    expect(jp.items[0]?.CODFee).toEqual({ CurrencyCode: 'JPY', Amount: '330' });
  });

  it('withholds OrderTotal and item prices on Pending orders, keeping them aside', () => {
    const pending = orders.filter((o) => o.order.OrderStatus === 'Pending');
    expect(pending).toHaveLength(16);
    for (const p of pending) {
      expect(p.order.OrderTotal).toBeUndefined();
      for (const i of p.items) {
        expect(i.ItemPrice).toBeUndefined();
        expect(i.ItemTax).toBeUndefined();
      }
      expect(p.withheld?.OrderTotal.Amount).toMatch(/^\d+(\.\d{2})?$/);
      expect(p.withheld?.items.map((i) => i.OrderItemId)).toEqual(p.items.map((i) => i.OrderItemId));
    }
    for (const c of orders.filter((o) => o.order.OrderStatus === 'Canceled')) {
      expect(c.order.OrderTotal).toBeUndefined();
      expect(c.items.every((i) => i.QuantityOrdered === 0)).toBe(true);
    }
  });

  it('contains multi-line orders and one with more lines than two item pages', () => {
    const lineCounts = new Set(orders.map((o) => o.items.length));
    for (const n of [1, 2, 3, 4, 5, 6]) expect(lineCounts.has(n), `${n} lines`).toBe(true);
    expect(record(CURATED_ORDER_IDS.manyLinesDe).items).toHaveLength(47);
  });

  it('carries right-to-left and non-Latin scripts', () => {
    const ae = record(CURATED_ORDER_IDS.arabicAddressAe).order.ShippingAddress;
    expect(ae?.AddressLine1).toMatch(/\p{Script=Arabic}/u);
    expect(ae?.PostalCode).toBeUndefined();
    expect(record(CURATED_ORDER_IDS.hebrewNameUk).order).toMatchObject({
      MarketplaceId: 'A1F83G8C2ARO7P',
      ShippingAddress: { Name: 'נועה לוי', CountryCode: 'GB' },
    });
    expect(record(CURATED_ORDER_IDS.arabicNameDe).order.ShippingAddress?.Name).toBe('يوسف الحداد');
    expect(record(CURATED_ORDER_IDS.greekNameDe).order.ShippingAddress?.Name).toMatch(/\p{Script=Greek}/u);
    expect(record(CURATED_ORDER_IDS.cyrillicNameUk).order.ShippingAddress?.Name).toMatch(/\p{Script=Cyrillic}/u);
    expect(record(CURATED_ORDER_IDS.japaneseAddressJp).order.ShippingAddress).toEqual({
      Name: '鈴木 さくら',
      AddressLine1: '神宮前1丁目2-3',
      AddressLine2: 'サンハイツ 302号室',
      City: '渋谷区',
      StateOrRegion: '東京都',
      PostalCode: '150-0001',
      CountryCode: 'JP',
      AddressType: 'Residential',
    });
    const jpAddresses = orders.filter((o) => o.order.MarketplaceId === 'A1VC38T7YXB528').map((o) => o.order.ShippingAddress);
    for (const a of jpAddresses) {
      expect(a?.PostalCode).toMatch(/^\d{3}-\d{4}$/);
      expect(a?.StateOrRegion).toMatch(/[都道府県]$/);
      expect(a?.AddressLine1).toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u);
    }
    const rtlOrders = orders.filter((o) => /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(JSON.stringify(o.order.ShippingAddress ?? {})));
    expect(rtlOrders.length).toBe(12);
  });

  it('leaves out optional fields on the curated records, and keeps odd whitespace', () => {
    expect(record(CURATED_ORDER_IDS.noShippingAddressUs).order.ShippingAddress).toBeUndefined();
    expect(record(CURATED_ORDER_IDS.noBuyerInfoUk).order.BuyerInfo).toBeUndefined();
    const fr = record(CURATED_ORDER_IDS.noSellerSkuFr).items;
    expect(fr[0]?.SellerSKU).toBe('NW-YOGA-6MM-GRN');
    expect(fr[1] && 'SellerSKU' in fr[1]).toBe(false);
    expect(record(CURATED_ORDER_IDS.noShipServiceLevelIt).order.ShipServiceLevel).toBeUndefined();
    expect(record(CURATED_ORDER_IDS.postalOnlyAddressEs).order.ShippingAddress).toEqual({ PostalCode: '28013', CountryCode: 'ES' });
    expect(record(CURATED_ORDER_IDS.oddWhitespaceDe).order.ShippingAddress).toMatchObject({
      AddressLine1: 'Kastanienweg 7 ',
      AddressLine2: '  c/o  Schmidt\t',
      AddressLine3: 'Hinterhaus,\u00a03. OG  ',
    });
    const business = record(CURATED_ORDER_IDS.manyLinesDe);
    expect(business.order.IsBusinessOrder).toBe(true);
    expect(business.order.BuyerInfo?.BuyerTaxInfo?.TaxClassifications).toEqual([{ Name: 'VATNumber', Value: 'DE298765431' }]);
  });

  it('lists exactly the malformed records a strict integration must reject', () => {
    expect(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId)).toEqual([
      CURATED_ORDER_IDS.commaDecimalDe,
      CURATED_ORDER_IDS.invalidPurchaseDateUk,
      CURATED_ORDER_IDS.nonIsoCurrencyFr,
    ]);
    expect(KNOWN_MALFORMED_ORDERS.every((m) => m.structural === false)).toBe(true);
    expect(semanticDefects(orders)).toEqual(
      KNOWN_MALFORMED_ORDERS.map((m) => ({ amazonOrderId: m.amazonOrderId, field: m.field })).sort((a, b) =>
        orders.findIndex((o) => o.order.AmazonOrderId === a.amazonOrderId) - orders.findIndex((o) => o.order.AmazonOrderId === b.amazonOrderId),
      ),
    );
    expect(record(CURATED_ORDER_IDS.commaDecimalDe).items[0]?.ItemPrice).toEqual({ CurrencyCode: 'EUR', Amount: '19,99' });
    expect(record(CURATED_ORDER_IDS.invalidPurchaseDateUk).order.PurchaseDate).toBe('2026-02-30T25:61:00Z');
    expect(record(CURATED_ORDER_IDS.nonIsoCurrencyFr).order.OrderTotal?.CurrencyCode).toBe('EURO');
  });

  it('validates every record, malformed ones included, against the ordersV0.json schemas', () => {
    const errors: string[] = [];
    for (const { order, items } of orders) {
      errors.push(...validate(ORDERS_V0, definition('Order'), order, order.AmazonOrderId));
      items.forEach((i, n) => errors.push(...validate(ORDERS_V0, definition('OrderItem'), i, `${order.AmazonOrderId}[${n}]`)));
    }
    expect(errors).toEqual([]);
  });

  it('is deterministic for the same seed, count and now', () => {
    const again = generateAmazonSeed({ now, count: 240, seed: 42 });
    expect(JSON.stringify(again.orders)).toBe(JSON.stringify(orders));
    const other = generateAmazonSeed({ now, seed: 7 });
    expect(JSON.stringify(other.orders)).not.toBe(JSON.stringify(orders));
    expect(other.orders).toHaveLength(240);
  });

  it('always includes the curated records, even for a tiny count', () => {
    const tiny = generateAmazonSeed({ now, count: 3 });
    expect(tiny.orders.map((o) => o.order.AmazonOrderId).sort()).toEqual(Object.values(CURATED_ORDER_IDS).sort());
  });
});

describe('generateAmazonSeed (50 000 orders)', () => {
  it('generates the benchmark data set with unique ids and the curated records once', () => {
    const big = generateAmazonSeed({ now, count: 50_000 });
    expect(big.orders).toHaveLength(50_000);
    const ids = new Set(big.orders.map((o) => o.order.AmazonOrderId));
    expect(ids.size).toBe(50_000);
    for (const id of Object.values(CURATED_ORDER_IDS)) expect(ids.has(id)).toBe(true);
  });
});
