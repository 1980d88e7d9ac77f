/**
 * The whole offline-sandbox data set (generateAmazonSeed, 240 orders, fixed clock) through the
 * import path's per-record function: connector wire schema, then the canonical mapping
 * (activities/amazon-records.ts). Exactly the documented malformed records are rejected; every
 * other one maps, with money, totals and the curated edge cases checked value by value.
 */
import { describe, expect, it } from 'vitest';
import { mapAmazonOrderRecord, type AmazonRecordResult, type RecordRejection } from '../../../activities/amazon-records.js';
import { amazonMarketplace } from '../../../mappings/amazon/index.js';
import { OrderSchema, type Order, type OrderLine } from '../../../mappings/canonical/order.js';
import type { Money } from '../../../mappings/canonical/money.js';
import {
  CURATED_ORDER_IDS,
  KNOWN_MALFORMED_ORDERS,
  generateAmazonSeed,
  type AmazonMoney,
  type AmazonOrderItem,
  type SandboxOrder,
} from '../../../sandbox/amazon/index.js';

const NOW = new Date('2026-11-01T12:00:00Z');
const seed: readonly SandboxOrder[] = generateAmazonSeed({ now: NOW }).orders;

/** The channel a tenant would give each SP-API region. */
function channelOf(record: SandboxOrder): string {
  return `amazon-${amazonMarketplace(record.order.MarketplaceId ?? '')?.region ?? 'unknown'}`;
}

const results = new Map<string, { record: SandboxOrder; result: AmazonRecordResult }>(
  seed.map((record) => [record.order.AmazonOrderId, { record, result: mapAmazonOrderRecord(record.order, record.items, channelOf(record)) }]),
);
const mapped = [...results.values()].flatMap(({ record, result }) => (result.ok ? [{ record, order: result.order }] : []));
const rejected = [...results.values()].flatMap(({ record, result }) => (result.ok ? [] : [{ record, rejection: result.rejection }]));

function orderOf(id: string): Order {
  const entry = results.get(id);
  if (!entry) throw new Error(`seed has no ${id}`);
  if (!entry.result.ok) throw new Error(`${id} was rejected: ${entry.result.rejection.message}`);
  return entry.result.order;
}

function rejectionOf(id: string): RecordRejection {
  const entry = results.get(id);
  if (!entry) throw new Error(`seed has no ${id}`);
  if (entry.result.ok) throw new Error(`${id} was mapped, expected a rejection`);
  return entry.result.rejection;
}

/** Wire decimal → minor units, by hand: JPY has no decimals, the others exactly two. */
function wireMinor(money: AmazonMoney): number {
  const { CurrencyCode, Amount = '' } = money;
  if (CurrencyCode === 'JPY') {
    expect(Amount, `JPY amount ${Amount}`).toMatch(/^\d+$/);
    return Number(Amount);
  }
  expect(Amount, `${CurrencyCode} amount ${Amount}`).toMatch(/^\d+\.\d{2}$/);
  return Number(Amount.replace('.', ''));
}

function expectMoney(canonical: Money | undefined, wire: AmazonMoney | undefined, what: string): void {
  if (wire === undefined) {
    expect(canonical, what).toBeUndefined();
    return;
  }
  expect(canonical, what).toEqual({ amountMinor: wireMinor(wire), currency: wire.CurrencyCode });
}

/** Line money fields and the wire fields they come from. */
const LINE_MONEY: ReadonlyArray<readonly [keyof OrderLine, keyof AmazonOrderItem]> = [
  ['lineTotal', 'ItemPrice'],
  ['itemTax', 'ItemTax'],
  ['shipping', 'ShippingPrice'],
  ['shippingTax', 'ShippingTax'],
  ['shippingDiscount', 'ShippingDiscount'],
  ['promotionDiscount', 'PromotionDiscount'],
  ['codFee', 'CODFee'],
];

function total(lines: readonly OrderLine[], pick: (l: OrderLine) => Money | undefined): number {
  return lines.reduce((n, l) => n + (pick(l)?.amountMinor ?? 0), 0);
}

const count = (keys: readonly string[]): Record<string, number> =>
  keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

describe('the sandbox seed (240 orders, seed 42, now 2026-11-01T12:00:00Z) through mapAmazonOrderRecord', () => {
  it('rejects exactly the known malformed orders and maps the other 237', () => {
    expect(seed).toHaveLength(240);
    expect(rejected.map((r) => r.record.order.AmazonOrderId).sort()).toEqual(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId).sort());
    expect(mapped).toHaveLength(237);
  });

  // Exact messages, checked by hand; the keys must stay the KNOWN_MALFORMED_ORDERS ids.
  const MESSAGES: Readonly<Record<string, string>> = {
    [CURATED_ORDER_IDS.commaDecimalDe]: `amazon.order 306-5529174-0081463: items[0].ItemPrice.Amount: OrderItemId ${
      seed.find((r) => r.order.AmazonOrderId === CURATED_ORDER_IDS.commaDecimalDe)?.items[0]?.OrderItemId ?? '?'
    }: "19,99" is not a decimal amount (digits with an optional "." fraction)`,
    [CURATED_ORDER_IDS.invalidPurchaseDateUk]:
      'amazon.order 205-9914302-5568271: PurchaseDate: "2026-02-30T25:61:00Z" has day 30, which 2026-02 does not have',
    [CURATED_ORDER_IDS.nonIsoCurrencyFr]: 'amazon.order 407-3382046-1175529: OrderTotal.CurrencyCode: "EURO" is not an ISO 4217 currency code',
  };

  it('has a pinned message for every known malformed order', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId).sort());
  });

  it.each(KNOWN_MALFORMED_ORDERS.map((m) => [m.amazonOrderId, m] as const))('rejects %s at its documented field', (id, known) => {
    const rejection = rejectionOf(id);
    // The sandbox names item fields after getOrderItems' payload (OrderItems[i]); the mapping after its input (items[i]).
    const field = known.field.replace(/^OrderItems\[/, 'items[');
    expect({
      recordType: rejection.recordType,
      externalId: rejection.externalId,
      field: rejection.field,
      // Schema-valid but semantically wrong records fail in the mapping, not the wire schema.
      errorKind: rejection.errorKind,
      issueFields: rejection.issues.map((i) => i.field),
    }).toEqual({
      recordType: 'amazon.order',
      externalId: id,
      field,
      errorKind: known.structural ? 'schema' : 'mapping',
      issueFields: [field],
    });
    expect(rejection.message).toBe(MESSAGES[id]);
    expect(rejection.message).toContain(id);
  });

  it('maps every other order into an Order that satisfies OrderSchema, line for item', () => {
    for (const { record, order } of mapped) {
      const id = record.order.AmazonOrderId;
      expect(OrderSchema.safeParse(order).success, id).toBe(true);
      expect({ externalId: order.externalId, channel: order.channel, rawStatus: order.rawStatus, purchasedAt: order.purchasedAt, updatedAt: order.updatedAt }, id).toEqual({
        externalId: id,
        channel: channelOf(record),
        rawStatus: record.order.OrderStatus,
        purchasedAt: record.order.PurchaseDate,
        updatedAt: record.order.LastUpdateDate,
      });
      expect(
        order.lines.map((l) => [l.lineId, l.refs.asin, l.sku, l.quantity, l.quantityShipped]),
        id,
      ).toEqual(record.items.map((i) => [i.OrderItemId, i.ASIN, i.SellerSKU, i.QuantityOrdered, i.QuantityShipped]));
    }
  });

  it('keeps every amount in the minor units of its currency, exactly as the wire decimal says', () => {
    let amounts = 0;
    for (const { record, order } of mapped) {
      const id = record.order.AmazonOrderId;
      expectMoney(order.totals?.orderTotal, record.order.OrderTotal, `${id} OrderTotal`);
      if (record.order.OrderTotal) amounts++;
      record.items.forEach((item, i) => {
        const line = order.lines[i] as OrderLine;
        for (const [canonical, wire] of LINE_MONEY) {
          expectMoney(line[canonical] as Money | undefined, item[wire] as AmazonMoney | undefined, `${id} items[${i}].${wire}`);
          if (item[wire] !== undefined) {
            amounts++;
            expect((line[canonical] as Money).currency, `${id} items[${i}].${wire}`).toBe(order.currency);
          }
        }
      });
    }
    // 202 OrderTotals + 358 priced items × 6 amounts + 2 COD fees.
    expect(amounts).toBe(2_352);
  });

  it('writes JPY without decimals and EUR in cents', () => {
    const jp = orderOf(CURATED_ORDER_IDS.japaneseAddressJp);
    expect(jp.totals?.orderTotal).toEqual({ amountMinor: 8940, currency: 'JPY' });
    const jpWire = results.get(CURATED_ORDER_IDS.japaneseAddressJp)?.record.order.OrderTotal;
    expect(jpWire).toEqual({ CurrencyCode: 'JPY', Amount: '8940' });
    const de = orderOf(CURATED_ORDER_IDS.oddWhitespaceDe);
    expect(de.totals?.orderTotal).toEqual({ amountMinor: 6996, currency: 'EUR' });
    expect(results.get(CURATED_ORDER_IDS.oddWhitespaceDe)?.record.order.OrderTotal).toEqual({ CurrencyCode: 'EUR', Amount: '69.96' });
  });

  it('totals the lines: items = Σ line totals, taxes, shipping and discounts likewise; orderTotal adds up', () => {
    let priced = 0;
    for (const { record, order } of mapped) {
      const id = record.order.AmazonOrderId;
      const { totals, lines } = order;
      if (totals === undefined) continue;
      priced++;
      const cur = order.currency as string;
      const m = (amountMinor: number): Money => ({ amountMinor, currency: cur });
      expect(totals, id).toEqual({
        orderTotal: m(wireMinor(record.order.OrderTotal as AmazonMoney)),
        items: m(total(lines, (l) => l.lineTotal)),
        itemTax: m(total(lines, (l) => l.itemTax)),
        shipping: m(total(lines, (l) => l.shipping)),
        shippingTax: m(total(lines, (l) => l.shippingTax)),
        discounts: m(total(lines, (l) => l.promotionDiscount) + total(lines, (l) => l.shippingDiscount)),
      });
      // Amazon's OrderTotal: prices and shipping less discounts plus COD fee; US/CA add their sales tax on top.
      const net = (totals.items?.amountMinor ?? 0) + (totals.shipping?.amountMinor ?? 0) - (totals.discounts?.amountMinor ?? 0) + total(lines, (l) => l.codFee);
      const salesTax = cur === 'USD' || cur === 'CAD' ? (totals.itemTax?.amountMinor ?? 0) + (totals.shippingTax?.amountMinor ?? 0) : 0;
      expect(totals.orderTotal?.amountMinor, id).toBe(net + salesTax);
    }
    expect(priced).toBe(202);
  });

  it('gives Pending, Canceled and Unfulfillable orders no prices: no totals, no line money, the marketplace currency', () => {
    const unpriced = mapped.filter(({ record }) => ['Pending', 'Canceled', 'Unfulfillable'].includes(record.order.OrderStatus));
    expect(count(unpriced.map(({ order }) => order.status))).toEqual({ pending: 16, cancelled: 15, unfulfillable: 4 });
    for (const { record, order } of unpriced) {
      const id = record.order.AmazonOrderId;
      expect(order.totals, id).toBeUndefined();
      expect(order.lines.length, id).toBeGreaterThan(0);
      for (const line of order.lines) for (const [canonical] of LINE_MONEY) expect(line[canonical], `${id} ${canonical}`).toBeUndefined();
      expect(order.currency, id).toBe(amazonMarketplace(record.order.MarketplaceId ?? '')?.defaultCurrency);
    }
  });

  it('counts the mapped orders by canonical status and by currency', () => {
    expect(count(mapped.map(({ order }) => order.status))).toEqual({
      shipped: 141,
      unshipped: 36,
      pending: 16,
      cancelled: 15,
      partially_shipped: 16,
      invoice_unconfirmed: 9,
      unfulfillable: 4,
    });
    expect(count(mapped.map(({ order }) => order.currency ?? 'none'))).toEqual({ AED: 10, CAD: 6, EUR: 112, GBP: 46, JPY: 26, USD: 37 });
    expect(count(mapped.map(({ order }) => order.fulfilment ?? 'none'))).toEqual({ marketplace: 102, merchant: 135 });
  });
});

describe('the curated sandbox records map to the values checked by hand', () => {
  const ids = CURATED_ORDER_IDS;
  const aed = (amountMinor: number): Money => ({ amountMinor, currency: 'AED' });
  const jpy = (amountMinor: number): Money => ({ amountMinor, currency: 'JPY' });
  const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });
  const lineIds = (id: string): string[] => results.get(id)?.record.items.map((i) => i.OrderItemId) ?? [];

  it('Arabic (RTL) address in the UAE: lines kept byte for byte, no postal code; AED with 5 % VAT included', () => {
    const order = orderOf(ids.arabicAddressAe);
    const [first, second] = lineIds(ids.arabicAddressAe);
    expect(order.shipTo).toEqual({
      name: 'مريم المنصوري',
      lines: ['شارع الشيخ زايد، برج الواحة', 'شقة ١٢٠٤'],
      city: 'دبي',
      region: 'دبي',
      country: 'AE',
      type: 'residential',
    });
    // Byte for byte: no bidi marks added, Arabic comma (U+060C) and Arabic-Indic digits kept.
    expect(Buffer.from(order.shipTo?.lines[1] ?? '', 'utf8').toString('hex')).toBe('d8b4d982d8a920d9a1d9a2d9a0d9a4');
    expect(order).toMatchObject({
      status: 'shipped',
      currency: 'AED',
      fulfilment: 'merchant',
      marketplace: { id: 'A2VIGQ35RCS4UG', country: 'AE', name: 'Amazon.ae' },
      buyer: { name: 'مريم المنصوري', email: 'q7m2x9v4k1r8t3z@marketplace.amazon.ae' },
    });
    // 22.50 EUR × 4 = 90 AED; tea 9.99 EUR × 4 ≈ 40 AED × 3; MFN shipping 10 AED; VAT = gross × 5/105.
    expect(order.lines.map((l) => [l.lineId, l.sku, l.quantity, l.lineTotal, l.itemTax, l.shipping, l.shippingTax])).toEqual([
      [first, 'NW-DRIP-CER-02', 1, aed(9000), aed(429), aed(1000), aed(48)],
      [second, 'NW-TEA-SENCHA-100', 3, aed(12000), aed(571), aed(0), aed(0)],
    ]);
    expect(order.totals).toEqual({
      orderTotal: aed(22000),
      items: aed(21000),
      itemTax: aed(1000),
      shipping: aed(1000),
      shippingTax: aed(48),
      discounts: aed(0),
    });
  });

  it('Japanese address, cash on delivery: yen without decimals, COD fee on the first line', () => {
    const order = orderOf(ids.japaneseAddressJp);
    const [a, b, c] = lineIds(ids.japaneseAddressJp);
    expect(order.shipTo).toEqual({
      name: '鈴木 さくら',
      lines: ['神宮前1丁目2-3', 'サンハイツ 302号室'],
      city: '渋谷区',
      region: '東京都',
      postalCode: '150-0001',
      country: 'JP',
      type: 'residential',
    });
    expect(order).toMatchObject({ status: 'shipped', currency: 'JPY', fulfilment: 'marketplace', buyer: { name: '鈴木 さくら' } });
    // 10 % consumption tax included: 3300/11 = 300, 2560/11 ≈ 233, 2750/11 = 250.
    expect(order.lines.map((l) => [l.lineId, l.sku, l.quantity, l.lineTotal, l.itemTax, l.codFee])).toEqual([
      [a, 'NW-MATCHA-SET', 1, jpy(3300), jpy(300), jpy(330)],
      [b, 'NW-TEA-SENCHA-100', 2, jpy(2560), jpy(233), undefined],
      [c, 'NW-DRIP-CER-02', 1, jpy(2750), jpy(250), undefined],
    ]);
    expect(order.totals).toEqual({
      orderTotal: jpy(8940),
      items: jpy(8610),
      itemTax: jpy(783),
      shipping: jpy(0),
      shippingTax: jpy(0),
      discounts: jpy(0),
    });
  });

  it.each([
    [ids.hebrewNameUk, 'נועה לוי', 'unshipped', 'GBP'],
    [ids.arabicNameDe, 'يوسف الحداد', 'shipped', 'EUR'],
    [ids.greekNameDe, 'Νικόλαος Παπαδόπουλος', 'shipped', 'EUR'],
    [ids.cyrillicNameUk, 'Анна Смирнова', 'shipped', 'GBP'],
  ] as const)('%s: recipient name %s kept as sent', (id, name, status, currency) => {
    const order = orderOf(id);
    expect({ shipToName: order.shipTo?.name, status: order.status, currency: order.currency }).toEqual({ shipToName: name, status, currency });
    expect(order.buyer?.name).toBe(name);
  });

  it('odd whitespace: address lines keep leading, trailing, doubled, tab and no-break spaces', () => {
    const order = orderOf(ids.oddWhitespaceDe);
    expect(order.shipTo).toEqual({
      name: 'Jürgen  Weber',
      lines: ['Kastanienweg 7 ', '  c/o  Schmidt\t', 'Hinterhaus,\u00a03. OG  '],
      city: 'Görlitz',
      postalCode: '02826',
      country: 'DE',
      type: 'residential',
    });
    expect(Buffer.from(order.shipTo?.lines[2] ?? '', 'utf8').toString('hex')).toBe('48696e746572686175732cc2a0332e204f472020');
    expect(order.status).toBe('unshipped');
    // 24.99 × 2 and 9.99 × 2, 19 % VAT included.
    expect(order.lines.map((l) => [l.sku, l.quantity, l.quantityShipped, l.lineTotal, l.itemTax])).toEqual([
      ['NW-MUG-350-BLK', 2, 0, eur(4998), eur(798)],
      ['NW-TEA-SENCHA-100', 2, 0, eur(1998), eur(319)],
    ]);
    expect(order.totals?.orderTotal).toEqual(eur(6996));
  });

  it('no ShippingAddress: the order maps without shipTo', () => {
    const order = orderOf(ids.noShippingAddressUs);
    expect(order).not.toHaveProperty('shipTo');
    expect(order).toMatchObject({ status: 'shipped', currency: 'USD', fulfilment: 'marketplace', marketplace: { country: 'US' } });
    expect(order.totals?.orderTotal).toEqual({ amountMinor: 5399, currency: 'USD' });
  });

  it('no BuyerInfo: the order maps without buyer', () => {
    const order = orderOf(ids.noBuyerInfoUk);
    expect(order).not.toHaveProperty('buyer');
    expect(order.shipTo?.country).toBe('GB');
    expect(order.lines).toHaveLength(3);
  });

  it('no SellerSKU on the second item: that line has no sku, the first keeps its own', () => {
    const order = orderOf(ids.noSellerSkuFr);
    expect(order.lines.map((l) => [l.sku, l.refs.asin, l.lineTotal, l.itemTax])).toEqual([
      ['NW-YOGA-6MM-GRN', 'B0B2N6Y4VW', eur(3990), eur(665)],
      [undefined, 'B0BX9T3LQ8', eur(1999), eur(333)],
    ]);
    expect(order.lines[1]).not.toHaveProperty('sku');
  });

  it('no ShipServiceLevel: the order maps without shipServiceLevel', () => {
    const order = orderOf(ids.noShipServiceLevelIt);
    expect(order).not.toHaveProperty('shipServiceLevel');
    expect(order).toMatchObject({ status: 'unshipped', currency: 'EUR', marketplace: { id: 'APJ6JRA9NG5V4', country: 'IT' } });
  });

  it('postal code only: an address of no lines, the postal code and the country', () => {
    const order = orderOf(ids.postalOnlyAddressEs);
    expect(order.shipTo).toEqual({ lines: [], postalCode: '28013', country: 'ES' });
    // Bamboo boards 34.99 × 3, 21 % VAT included.
    expect(order.lines.map((l) => [l.sku, l.quantity, l.lineTotal, l.itemTax])).toEqual([['NW-CBRD-BAM-3', 3, eur(10497), eur(1822)]]);
  });

  it('47 lines (three getOrderItems pages on the wire): one line per item, in order, totals summed', () => {
    const entry = results.get(ids.manyLinesDe);
    const order = orderOf(ids.manyLinesDe);
    expect(order.lines).toHaveLength(47);
    expect(order.lines.map((l) => l.lineId)).toEqual(entry?.record.items.map((i) => i.OrderItemId));
    expect(new Set(order.lines.map((l) => l.lineId)).size).toBe(47);
    // Quantities cycle 1–4 over the first catalogue pass, then 1–3 for the variants.
    expect(order.lines.slice(0, 5).map((l) => l.quantity)).toEqual([1, 2, 3, 4, 1]);
    expect(order.lines.reduce((n, l) => n + l.quantity, 0)).toBe(entry?.record.items.reduce((n, i) => n + i.QuantityOrdered, 0));
    expect(order).toMatchObject({
      status: 'shipped',
      isBusiness: true,
      buyer: { email: 'b2b7restock4de9@marketplace.amazon.de', companyName: 'Hansa Bürobedarf GmbH', purchaseOrderNumber: 'PO-2026-0417' },
    });
    expect(order.totals).toEqual({
      orderTotal: eur(348712),
      items: eur(348712),
      itemTax: eur(55672),
      shipping: eur(0),
      shippingTax: eur(0),
      discounts: eur(0),
    });
  });
});
