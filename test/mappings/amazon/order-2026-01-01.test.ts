/**
 * Amazon's own Orders API 2026-01-01 payloads (the model's examples and static-sandbox
 * responses) → canonical Orders, with the values written out by hand; and the same order read
 * through Orders v0 and through 2026-01-01 gives the same canonical Order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapAmazon2026OrderRecord, mapAmazonOrderRecord } from '../../../activities/amazon-records.js';
import { OrderSchema, type Order } from '../../../mappings/canonical/order.js';

const DIR = new URL('../../fixtures/amazon/orders-2026-01-01/', import.meta.url);
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, unknown>;
const ordersOf = (name: string): Record<string, unknown>[] => {
  const doc = load(name);
  return (Array.isArray(doc.orders) ? doc.orders : [doc.order]) as Record<string, unknown>[];
};
const money = (currency: string) => (amountMinor: number) => ({ amountMinor, currency });
const usd = money('USD');
const gbp = money('GBP');
const jpy = money('JPY');

function mapped(raw: unknown, channel = 'amazon-x'): Order {
  const r = mapAmazon2026OrderRecord(raw, channel);
  if (!r.ok) throw new Error(`expected a mapped order, got ${r.rejection.message}`);
  expect(OrderSchema.safeParse(r.order).success).toBe(true);
  return r.order;
}

describe('Orders 2026-01-01 model examples and sandbox responses', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.200.json'));

  it('has the eight 200 bodies of the model', () => {
    expect(files.sort()).toEqual([
      'get-order.example.200.json',
      'get-order.sandbox-1.200.json',
      'get-order.sandbox-2.200.json',
      'get-order.sandbox-3.200.json',
      'search-orders.example.200.json',
      'search-orders.sandbox-1.200.json',
      'search-orders.sandbox-2.200.json',
      'search-orders.sandbox-3.200.json',
    ]);
  });

  // One row per order: id, status (raw), currency, fulfilment, lines [id, sku, qty, lineTotal], orderTotal.
  const table: [string, string, Order['status'], string, string, Order['fulfilment'], [string, string, number, number][], number][] = [
    ['get-order.example.200.json', '202-1234567-8901234', 'shipped', 'SHIPPED', 'GBP', 'merchant', [['20212345678901', 'ECHO-DOT-4-UK-CHARCOAL-3PACK', 3, 8997]], 10397],
    ['get-order.sandbox-1.200.json', '171-9876543-2109876', 'unshipped', 'UNSHIPPED', 'BRL', 'merchant', [['17198765432109', 'ECHO-DOT-4-BR-PRETO', 1, 29990]], 29990],
    ['get-order.sandbox-2.200.json', '028-1234567-8901234', 'shipped', 'SHIPPED', 'TRY', 'merchant', [['02812345678901', 'FIRE-HD10-TR-BLK', 2, 12500]], 12500],
    ['get-order.sandbox-3.200.json', '114-9876543-1234567', 'unshipped', 'UNSHIPPED', 'USD', 'merchant', [['11498765431234', 'ECHO-POP-US-BLK', 1, 3999]], 4999],
    ['search-orders.example.200.json', '123-4567890-1234567', 'shipped', 'SHIPPED', 'USD', 'merchant', [['12345678901234', 'ECHO-DOT-4-CHARCOAL', 2, 9998], ['12345678901235', 'FIRE-TV-4K-2021', 1, 4999]], 15499],
    // JPY has no minor unit: "19940" is 19940 yen, not 199.40.
    ['search-orders.sandbox-1.200.json', '250-1234567-8901234', 'shipped', 'SHIPPED', 'JPY', 'marketplace', [['25012345678901', 'ECHO-DOT-4-JP-CHARCOAL', 1, 5980], ['25012345678902', 'FIRE-TV-4K-MAX-JP', 2, 13960]], 19940],
    ['search-orders.sandbox-2.200.json', '202-7654321-1098765', 'shipped', 'SHIPPED', 'GBP', 'merchant', [['20276543210987', 'ECHO-DOT-4-UK-CHARCOAL-SINGLE', 1, 3499]], 3499],
    ['search-orders.sandbox-3.200.json', '171-2345678-9012345', 'unshipped', 'UNSHIPPED', 'BRL', 'merchant', [['17123456789012', 'DELL-I15-BR-001', 1, 159990]], 159990],
  ];
  it.each(table)('%s: order %s maps', (file, id, status, rawStatus, currency, fulfilment, lines, orderTotal) => {
    const orders = ordersOf(file);
    expect(orders).toHaveLength(1);
    const order = mapped(orders[0]);
    expect(order).toMatchObject({ vendor: 'amazon', channel: 'amazon-x', externalId: id, status, rawStatus, currency, fulfilment });
    expect(order.lines.map((l) => [l.lineId, l.sku, l.quantity, l.lineTotal?.amountMinor])).toEqual(lines);
    expect(order.totals?.orderTotal).toEqual({ amountMinor: orderTotal, currency });
    expect(order.refs.amazonOrderId).toBe(id);
  });

  it('searchOrders example: every field, exactly', () => {
    expect(mapped(ordersOf('search-orders.example.200.json')[0])).toEqual({
      channel: 'amazon-x',
      vendor: 'amazon',
      externalId: '123-4567890-1234567',
      status: 'shipped',
      rawStatus: 'SHIPPED',
      marketplace: { id: 'ATVPDKIKX0DER', country: 'US', name: 'Amazon.com' },
      purchasedAt: '2024-12-25T10:30:00Z',
      updatedAt: '2024-12-25T14:45:00Z',
      currency: 'USD',
      fulfilment: 'merchant',
      buyer: { name: 'John Smith', email: 'buyer-email@marketplace.amazon.com', companyName: 'Smith Industries LLC', purchaseOrderNumber: 'PO-2024-12345' },
      // addressLine3 "" and municipality "" are absent; districtOrCounty is the county.
      shipTo: {
        name: 'John Smith',
        company: 'Smith Industries LLC',
        lines: ['123 Main Street', 'Suite 456'],
        city: 'Seattle',
        county: 'King County',
        region: 'WA',
        postalCode: '98101',
        country: 'US',
        phone: '555-123-4567',
        type: 'commercial',
      },
      shipServiceLevel: 'STANDARD',
      // programs ["PRIME", "AMAZON_BUSINESS"]; associatedOrders REPLACEMENT_ORIGINAL_ID.
      isBusiness: true,
      isPrime: true,
      isReplacement: true,
      earliestShipAt: '2024-12-26T00:00:00Z',
      latestShipAt: '2024-12-27T23:59:59Z',
      earliestDeliveryAt: '2024-12-28T00:00:00Z',
      latestDeliveryAt: '2024-12-30T23:59:59Z',
      lines: [
        {
          lineId: '12345678901234',
          sku: 'ECHO-DOT-4-CHARCOAL',
          title: 'Echo Dot (4th Gen) | Smart speaker with Alexa | Charcoal',
          quantity: 2,
          quantityShipped: 2,
          lineTotal: usd(9998),
          // TAX 0.02 with detailed subtype ITEM 0.02.
          itemTax: usd(2),
          isGift: true,
          condition: 'New',
          refs: { orderItemId: '12345678901234', asin: 'B08N5WRWNW' },
        },
        {
          lineId: '12345678901235',
          sku: 'FIRE-TV-4K-2021',
          title: 'Fire TV Stick 4K with Alexa Voice Remote',
          quantity: 1,
          quantityShipped: 1,
          lineTotal: usd(4999),
          condition: 'New',
          refs: { orderItemId: '12345678901235', asin: 'B07XJ8C8F5' },
        },
      ],
      // grandTotal 154.99 includes the 5.00 DELIVERY_TIP, which no line carries.
      totals: { orderTotal: usd(15499), items: usd(14997), itemTax: usd(2) },
      refs: {
        amazonOrderId: '123-4567890-1234567',
        marketplaceId: 'ATVPDKIKX0DER',
        sellerOrderId: 'SELLER-ORDER-2024-001',
        replacedOrderId: '123-4567890-1234566',
      },
    });
  });

  it('getOrder example: TAX split by its detailed breakdowns (ITEM, SHIPPING), SHIPPING, gift, IOSS number', () => {
    const order = mapped(ordersOf('get-order.example.200.json')[0]);
    expect(order.lines[0]).toEqual({
      lineId: '20212345678901',
      sku: 'ECHO-DOT-4-UK-CHARCOAL-3PACK',
      title: 'Echo Dot (4th Gen) | Smart speaker with Alexa | Charcoal',
      quantity: 3,
      quantityShipped: 3,
      lineTotal: gbp(8997),
      itemTax: gbp(300),
      shipping: gbp(1000),
      shippingTax: gbp(100),
      isGift: true,
      condition: 'New',
      iossNumber: 'IM1234567890',
      refs: { orderItemId: '20212345678901', asin: 'B08DFPV54V' },
    });
    expect(order.totals).toEqual({ orderTotal: gbp(10397), items: gbp(8997), itemTax: gbp(300), shipping: gbp(1000), shippingTax: gbp(100) });
    expect(order.buyer).toEqual({ name: 'James Wilson', email: 'buyer-email@marketplace.amazon.co.uk' });
  });

  it('getOrder sandbox (TR, includedData TAX): tax collection and reporting scheme', () => {
    const line = mapped(ordersOf('get-order.sandbox-2.200.json')[0]).lines[0];
    expect(line?.taxCollection).toEqual({ model: 'MARKETPLACE_FACILITATOR', responsibleParty: 'Amazon Services Europe S.a.r.L.' });
    expect(line?.deemedResellerScheme).toBe('IOSS');
  });

  it('getOrder sandbox without BUYER: no buyer; TAX without detailed breakdowns is the item tax', () => {
    const order = mapped(ordersOf('get-order.sandbox-3.200.json')[0]);
    expect(order.buyer).toBeUndefined();
    expect(order.lines[0]?.itemTax).toEqual(usd(1000));
    expect(order.shipTo?.county).toBeUndefined(); // districtOrCounty ""
  });

  it('searchOrders sandbox (JP, fulfilled by Amazon): yen without minor units', () => {
    const order = mapped(ordersOf('search-orders.sandbox-1.200.json')[0]);
    expect(order.fulfilment).toBe('marketplace');
    expect(order.marketplace).toEqual({ id: 'A1VC38T7YXB528', country: 'JP', name: 'Amazon.co.jp' });
    expect(order.totals?.items).toEqual(jpy(19940));
  });
});

describe('the same order through Orders v0 and Orders 2026-01-01', () => {
  // The searchOrders example, written as Orders v0 would send it: getOrder + getOrderItems.
  const raw2026 = ordersOf('search-orders.example.200.json')[0]!;
  const v0Order = {
    AmazonOrderId: '123-4567890-1234567',
    SellerOrderId: 'SELLER-ORDER-2024-001',
    PurchaseDate: '2024-12-25T10:30:00Z',
    LastUpdateDate: '2024-12-25T14:45:00Z',
    OrderStatus: 'Shipped',
    FulfillmentChannel: 'MFN',
    // v0 also sends ShipServiceLevel ("Std US D2D Dom"); its ShipmentServiceLevelCategory is the
    // value 2026 gives. The canonical shipServiceLevel of a 2026 order is that category.
    ShipServiceLevel: 'STANDARD',
    ShipmentServiceLevelCategory: 'Standard',
    OrderTotal: { CurrencyCode: 'USD', Amount: '154.99' },
    MarketplaceId: 'ATVPDKIKX0DER',
    EarliestShipDate: '2024-12-26T00:00:00Z',
    LatestShipDate: '2024-12-27T23:59:59Z',
    EarliestDeliveryDate: '2024-12-28T00:00:00Z',
    LatestDeliveryDate: '2024-12-30T23:59:59Z',
    IsBusinessOrder: true,
    IsPrime: true,
    IsReplacementOrder: 'true',
    ReplacedOrderId: '123-4567890-1234566',
    ShippingAddress: {
      Name: 'John Smith',
      CompanyName: 'Smith Industries LLC',
      AddressLine1: '123 Main Street',
      AddressLine2: 'Suite 456',
      City: 'Seattle',
      County: 'King County',
      StateOrRegion: 'WA',
      PostalCode: '98101',
      CountryCode: 'US',
      Phone: '555-123-4567',
      AddressType: 'Commercial',
    },
    BuyerInfo: {
      BuyerEmail: 'buyer-email@marketplace.amazon.com',
      BuyerName: 'John Smith',
      BuyerTaxInfo: { CompanyLegalName: 'Smith Industries LLC' },
      PurchaseOrderNumber: 'PO-2024-12345',
    },
  };
  const v0Items = [
    {
      ASIN: 'B08N5WRWNW',
      SellerSKU: 'ECHO-DOT-4-CHARCOAL',
      OrderItemId: '12345678901234',
      Title: 'Echo Dot (4th Gen) | Smart speaker with Alexa | Charcoal',
      QuantityOrdered: 2,
      QuantityShipped: 2,
      ItemPrice: { CurrencyCode: 'USD', Amount: '99.98' },
      ItemTax: { CurrencyCode: 'USD', Amount: '0.02' },
      IsGift: 'true',
      ConditionId: 'New',
      PromotionIds: ['PROMO-HOLIDAY-2024'],
    },
    {
      ASIN: 'B07XJ8C8F5',
      SellerSKU: 'FIRE-TV-4K-2021',
      OrderItemId: '12345678901235',
      Title: 'Fire TV Stick 4K with Alexa Voice Remote',
      QuantityOrdered: 1,
      QuantityShipped: 1,
      ItemPrice: { CurrencyCode: 'USD', Amount: '49.99' },
      ConditionId: 'New',
    },
  ];

  function v0(order: unknown, items: unknown[]): Order {
    const r = mapAmazonOrderRecord(order, items, 'amazon-x');
    if (!r.ok) throw new Error(r.rejection.message);
    return r.order;
  }

  it('gives the same canonical order; only the raw status is spelled as each API sends it', () => {
    const a = v0(v0Order, v0Items);
    const b = mapped(raw2026);
    expect([a.rawStatus, b.rawStatus]).toEqual(['Shipped', 'SHIPPED']);
    expect({ ...b, rawStatus: a.rawStatus }).toEqual(a);
  });

  it('with shipping, shipping and gift-wrap tax, discounts, gift wrap, COD fee and tax collection', () => {
    const order2026 = {
      orderId: '303-0000000-0000001',
      createdTime: '2026-03-01T10:00:00Z',
      lastUpdatedTime: '2026-03-02T08:00:00+01:00',
      salesChannel: { channelName: 'AMAZON', marketplaceId: 'A1PA6795UKMFR9', marketplaceName: 'Amazon.de' },
      fulfillment: { fulfillmentStatus: 'PARTIALLY_SHIPPED', fulfilledBy: 'AMAZON' },
      proceeds: { grandTotal: { amount: '43.40', currencyCode: 'EUR' } },
      orderItems: [
        {
          orderItemId: '11111111111111',
          quantityOrdered: 3,
          product: { asin: 'B000000001', sellerSku: 'SKU-1', condition: { conditionType: 'USED' } },
          proceeds: {
            breakdowns: [
              { type: 'ITEM', subtotal: { amount: '30.00', currencyCode: 'EUR' } },
              { type: 'SHIPPING', subtotal: { amount: '4.90', currencyCode: 'EUR' } },
              { type: 'GIFT_WRAP', subtotal: { amount: '2.00', currencyCode: 'EUR' } },
              { type: 'COD_FEE', subtotal: { amount: '1.50', currencyCode: 'EUR' } },
              {
                type: 'TAX',
                subtotal: { amount: '7.00', currencyCode: 'EUR' },
                detailedBreakdowns: [
                  { subtype: 'ITEM', value: { amount: '5.70', currencyCode: 'EUR' } },
                  { subtype: 'SHIPPING', value: { amount: '0.93', currencyCode: 'EUR' } },
                  { subtype: 'GIFT_WRAP', value: { amount: '0.37', currencyCode: 'EUR' } },
                ],
              },
              {
                type: 'DISCOUNT',
                subtotal: { amount: '-2.00', currencyCode: 'EUR' },
                detailedBreakdowns: [
                  { subtype: 'ITEM', value: { amount: '-1.00', currencyCode: 'EUR' } },
                  { subtype: 'SHIPPING', value: { amount: '-1.00', currencyCode: 'EUR' } },
                ],
              },
            ],
          },
          fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 2, packing: { giftOption: { giftWrapLevel: 'Classic' } } },
          tax: {
            taxCollections: [{ model: 'MarketplaceFacilitator', responsibleParty: 'Amazon Services Europe S.a.r.L.' }],
            taxCalculationBreakdowns: [{ reportingScheme: 'UOSS' }],
          },
        },
      ],
    };
    const orderV0 = {
      AmazonOrderId: '303-0000000-0000001',
      PurchaseDate: '2026-03-01T10:00:00Z',
      LastUpdateDate: '2026-03-02T07:00:00Z',
      OrderStatus: 'PartiallyShipped',
      FulfillmentChannel: 'AFN',
      MarketplaceId: 'A1PA6795UKMFR9',
      OrderTotal: { CurrencyCode: 'EUR', Amount: '43.40' },
    };
    const itemsV0 = [
      {
        ASIN: 'B000000001',
        SellerSKU: 'SKU-1',
        OrderItemId: '11111111111111',
        QuantityOrdered: 3,
        QuantityShipped: 1,
        ItemPrice: { CurrencyCode: 'EUR', Amount: '30.00' },
        ItemTax: { CurrencyCode: 'EUR', Amount: '5.70' },
        ShippingPrice: { CurrencyCode: 'EUR', Amount: '4.90' },
        ShippingTax: { CurrencyCode: 'EUR', Amount: '0.93' },
        ShippingDiscount: { CurrencyCode: 'EUR', Amount: '1.00' },
        PromotionDiscount: { CurrencyCode: 'EUR', Amount: '1.00' },
        CODFee: { CurrencyCode: 'EUR', Amount: '1.50' },
        BuyerInfo: { GiftWrapPrice: { CurrencyCode: 'EUR', Amount: '2.00' }, GiftWrapTax: { CurrencyCode: 'EUR', Amount: '0.37' }, GiftWrapLevel: 'Classic' },
        IsGift: true,
        ConditionId: 'Used',
        TaxCollection: { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services Europe S.a.r.L.' },
        DeemedResellerCategory: 'UOSS',
      },
    ];
    const a = v0(orderV0, itemsV0);
    const b = mapped(order2026);
    expect({ ...b, rawStatus: a.rawStatus }).toEqual(a);
    expect(b.lines[0]).toMatchObject({ promotionDiscount: { amountMinor: 100, currency: 'EUR' }, shippingDiscount: { amountMinor: 100, currency: 'EUR' }, giftWrapTax: { amountMinor: 37, currency: 'EUR' } });
    expect(b.totals).toEqual({
      orderTotal: { amountMinor: 4340, currency: 'EUR' },
      items: { amountMinor: 3000, currency: 'EUR' },
      itemTax: { amountMinor: 570, currency: 'EUR' },
      shipping: { amountMinor: 490, currency: 'EUR' },
      shippingTax: { amountMinor: 93, currency: 'EUR' },
      discounts: { amountMinor: 200, currency: 'EUR' },
    });
  });
});
