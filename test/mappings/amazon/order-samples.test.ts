/**
 * Amazon's own Orders v0 payloads (model examples, static-sandbox responses, and a recorded
 * sandbox getOrders call) → canonical Orders, every expected value written out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { AmazonOrder, AmazonOrderItem } from '../../../connectors/amazon/schemas.js';
import type { Order } from '../../../mappings/canonical/order.js';
import { OrderSchema } from '../../../mappings/canonical/order.js';
import { MappingError, type MappingIssue } from '../../../mappings/canonical/result.js';
import {
  amazonOrderItemToOrderLine,
  amazonOrderToOrder,
} from '../../../mappings/amazon/index.js';
import { loadJson, recordedGetOrdersBody, type OrderItemsPage, type OrderPayload, type OrdersPage } from './fixtures.js';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

function mapOrder(order: unknown, items: unknown[] | undefined, channel: string): ReturnType<typeof amazonOrderToOrder> {
  return amazonOrderToOrder(order as AmazonOrder, items as AmazonOrderItem[] | undefined, { channel });
}

function mapped(order: unknown, items: unknown[] | undefined, channel: string): Order {
  const r = mapOrder(order, items, channel);
  if (!r.ok) throw new Error(`expected a mapped order, got ${r.error.message}`);
  return r.value;
}

// 902-3159896-1390916: the Pending order of the getOrders and getOrder examples (with the
// restricted ShippingAddress and BuyerInfo a Restricted Data Token unlocks).
const PENDING_EXAMPLE: Order = {
  channel: 'amazon-na',
  vendor: 'amazon',
  externalId: '902-3159896-1390916',
  status: 'pending',
  rawStatus: 'Pending',
  marketplace: { id: 'ATVPDKIKX0DER', country: 'US', name: 'Amazon.com' },
  purchasedAt: '2017-01-20T19:49:35Z',
  updatedAt: '2017-01-20T19:49:35Z',
  // No money anywhere in a Pending order: the currency is the marketplace's.
  currency: 'USD',
  fulfilment: 'merchant',
  buyer: { name: 'John Doe', email: 'user@example.com', companyName: 'A Company Name', purchaseOrderNumber: '1234567890123' },
  shipTo: { name: 'Michigan address', lines: ['1 Cross St.'], city: 'Canton', region: 'MI', postalCode: '48817', country: 'US' },
  isBusiness: false,
  isPrime: false,
  earliestShipAt: '2017-01-20T19:51:16Z',
  latestShipAt: '2017-01-25T19:49:35Z',
  lines: [],
  refs: { amazonOrderId: '902-3159896-1390916', marketplaceId: 'ATVPDKIKX0DER' },
};

// The same Pending order as the sandbox's NextToken pages return it: no address, no buyer.
const PENDING_SANDBOX: Order = (() => {
  const { buyer: _buyer, shipTo: _shipTo, ...rest } = PENDING_EXAMPLE;
  return rest;
})();

// 902-1845936-5435065 / 902-8745147-1934268: the sandbox's TEST_CASE_200 Unshipped US orders.
function unshippedSandbox(amazonOrderId: string): Order {
  return {
    channel: 'amazon-na',
    vendor: 'amazon',
    externalId: amazonOrderId,
    status: 'unshipped',
    rawStatus: 'Unshipped',
    marketplace: { id: 'ATVPDKIKX0DER', country: 'US', name: 'Amazon.com' },
    purchasedAt: '1970-01-19T03:58:30Z',
    updatedAt: '1970-01-19T03:58:32Z',
    currency: 'USD',
    fulfilment: 'merchant',
    shipServiceLevel: 'Std US D2D Dom',
    isBusiness: false,
    isPrime: false,
    isReplacement: false,
    earliestShipAt: '1970-01-19T03:59:27Z',
    latestShipAt: '1970-01-19T04:05:13Z',
    earliestDeliveryAt: '1970-01-19T04:06:39Z',
    latestDeliveryAt: '1970-01-19T04:15:17Z',
    lines: [],
    totals: { orderTotal: usd(1101) },
    refs: { amazonOrderId, marketplaceId: 'ATVPDKIKX0DER' },
  };
}

// The sandbox's getOrderItems TEST_CASE_200 line of order 902-1845936-5435065:
// ItemPrice 10.00 + ItemTax 1.01 = OrderTotal 11.01.
const SANDBOX_LINE = {
  lineId: '05015851154158',
  sku: 'NABetaASINB00551Q3CS',
  title: 'B00551Q3CS [Card Book]',
  quantity: 1,
  quantityShipped: 0,
  lineTotal: usd(1000),
  itemTax: usd(101),
  promotionDiscount: usd(0),
  isGift: false,
  condition: 'New',
  // DeemedResellerCategory kept; IossNumber "" means "no number" and is dropped.
  deemedResellerScheme: 'IOSS',
  refs: { orderItemId: '05015851154158', asin: 'B00551Q3CS' },
};

const IBA_SANDBOX: Order = {
  channel: 'amazon-eu',
  vendor: 'amazon',
  externalId: '921-3175655-0452641',
  status: 'shipped',
  rawStatus: 'Shipped',
  marketplace: { id: 'A1PA6795UKMFR9', country: 'DE', name: 'Amazon.de' },
  // Amazon's fractional seconds survive digit for digit.
  purchasedAt: '2019-05-07T15:42:57.058Z',
  updatedAt: '2019-05-08T21:59:59Z',
  currency: 'EUR',
  fulfilment: 'marketplace',
  shipServiceLevel: 'Standard',
  isBusiness: true,
  isPrime: false,
  isReplacement: false,
  earliestShipAt: '1970-01-19T03:59:27Z',
  latestShipAt: '2019-05-08T21:59:59Z',
  earliestDeliveryAt: '2019-05-10T21:59:59Z',
  latestDeliveryAt: '2019-05-12T21:59:59Z',
  lines: [],
  // The BRL PaymentExecutionDetail is not order money the mapping reads: no mismatch.
  totals: { orderTotal: eur(10000) },
  refs: { amazonOrderId: '921-3175655-0452641', marketplaceId: 'A1PA6795UKMFR9' },
};

describe('amazonOrderToOrder on the Orders v0 model examples and static-sandbox responses', () => {
  const cases: { name: string; orders: () => unknown[]; items?: () => unknown[]; channel: string; expected: Order[] }[] = [
    {
      name: 'getOrders example (Pending, restricted address and buyer)',
      orders: () => loadJson<OrdersPage>('ordersV0.getOrders.200.example.json').payload.Orders,
      channel: 'amazon-na',
      expected: [PENDING_EXAMPLE],
    },
    {
      name: 'getOrder example',
      orders: () => [loadJson<OrderPayload>('ordersV0.getOrder.200.example.json').payload],
      channel: 'amazon-na',
      expected: [PENDING_EXAMPLE],
    },
    {
      name: 'getOrders sandbox TEST_CASE_200 (two Unshipped orders, items not fetched)',
      orders: () => loadJson<OrdersPage>('ordersV0.getOrders.200.sandbox.TEST_CASE_200.json').payload.Orders,
      channel: 'amazon-na',
      expected: [unshippedSandbox('902-1845936-5435065'), unshippedSandbox('902-8745147-1934268')],
    },
    {
      name: 'getOrders sandbox TEST_CASE_200_NEXT_TOKEN, first page',
      orders: () => loadJson<OrdersPage>('ordersV0.getOrders.200.sandbox.TEST_CASE_200_NEXT_TOKEN.json').payload.Orders,
      channel: 'amazon-na',
      expected: [PENDING_SANDBOX],
    },
    {
      name: 'getOrders sandbox TEST_CASE_200_NEXT_TOKEN, page after NextToken',
      orders: () => loadJson<OrdersPage>('ordersV0.getOrders.200.sandbox.TEST_CASE_200_NEXT_TOKEN.page2.json').payload.Orders,
      channel: 'amazon-na',
      expected: [PENDING_SANDBOX],
    },
    {
      name: 'getOrder sandbox TEST_CASE_200 without items',
      orders: () => [loadJson<OrderPayload>('ordersV0.getOrder.200.sandbox.TEST_CASE_200.json').payload],
      channel: 'amazon-na',
      expected: [unshippedSandbox('902-1845936-5435065')],
    },
    {
      name: 'getOrder sandbox TEST_CASE_200 with its getOrderItems TEST_CASE_200 items',
      orders: () => [loadJson<OrderPayload>('ordersV0.getOrder.200.sandbox.TEST_CASE_200.json').payload],
      items: () => loadJson<OrderItemsPage>('ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json').payload.OrderItems,
      channel: 'amazon-na',
      expected: [
        {
          ...unshippedSandbox('902-1845936-5435065'),
          lines: [SANDBOX_LINE],
          totals: { orderTotal: usd(1101), items: usd(1000), itemTax: usd(101), discounts: usd(0) },
        },
      ],
    },
    {
      name: 'getOrder sandbox TEST_CASE_IBA_200 (Amazon.de, AFN, business, fractional seconds)',
      orders: () => [loadJson<OrderPayload>('ordersV0.getOrder.200.sandbox.TEST_CASE_IBA_200.json').payload],
      channel: 'amazon-eu',
      expected: [IBA_SANDBOX],
    },
  ];

  it.each(cases)('$name', ({ orders, items, channel, expected }) => {
    const got = orders().map((o) => mapped(o, items?.(), channel));
    expect(got).toStrictEqual(expected);
    for (const order of got) expect(OrderSchema.safeParse(order).success).toBe(true);
  });

  it('keeps JSON output free of undefined keys (stable content hashes)', () => {
    const order = mapped(loadJson<OrderPayload>('ordersV0.getOrder.200.example.json').payload, [], 'amazon-na');
    expect(JSON.parse(JSON.stringify(order))).toStrictEqual(order);
  });
});

describe('amazonOrderToOrder on the recorded sandbox getOrders call (peddler VCR)', () => {
  it('maps both recorded orders exactly', () => {
    const body = recordedGetOrdersBody('peddler-vcr.OrdersV0Test.test_get_orders.yml') as OrdersPage;
    const got = body.payload.Orders.map((o) => mapped(o, undefined, 'amazon-na'));
    // YAML folded the long body string; "Std\n        US D2D Dom" reads back as one space.
    expect(got).toStrictEqual([unshippedSandbox('902-1845936-5435065'), unshippedSandbox('902-8745147-1934268')]);
  });
});

describe('the getOrderItems example is not valid money for JPY and is rejected, never rounded', () => {
  const items = () => loadJson<OrderItemsPage>('ordersV0.getOrderItems.200.example.json').payload.OrderItems;

  const issues = (r: ReturnType<typeof amazonOrderItemToOrderLine>): MappingIssue[] => {
    if (r.ok) throw new Error('expected a mapping error');
    return [...r.error.issues];
  };

  it('item 0 (68828574383266): JPY amounts with cents, and a GBP gift wrap in a JPY line', () => {
    const r = amazonOrderItemToOrderLine(items()[0] as AmazonOrderItem, 0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(MappingError);
    expect(r.error.recordType).toBe('amazon.order-item');
    expect(r.error.recordId).toBe('68828574383266');
    expect(issues(r)).toStrictEqual([
      {
        field: 'items[0].ItemPrice.Amount',
        message: 'OrderItemId 68828574383266: "25.99" has more decimals than JPY allows (0)',
        value: '25.99',
      },
      {
        field: 'items[0].ShippingPrice.Amount',
        message: 'OrderItemId 68828574383266: "1.26" has more decimals than JPY allows (0)',
        value: '1.26',
      },
      {
        field: 'items[0].BuyerInfo.GiftWrapPrice.CurrencyCode',
        message: 'OrderItemId 68828574383266: GBP differs from the line currency JPY',
        value: 'GBP',
      },
    ]);
  });

  it('item 1 (79039765272157): "17.95" and "1.99" JPY', () => {
    expect(issues(amazonOrderItemToOrderLine(items()[1] as AmazonOrderItem, 1, 'JPY'))).toStrictEqual([
      {
        field: 'items[1].ItemPrice.Amount',
        message: 'OrderItemId 79039765272157: "17.95" has more decimals than JPY allows (0)',
        value: '17.95',
      },
      {
        field: 'items[1].BuyerInfo.GiftWrapPrice.Amount',
        message: 'OrderItemId 79039765272157: "1.99" has more decimals than JPY allows (0)',
        value: '1.99',
      },
    ]);
  });

  it('inside an Amazon.co.jp order every offending field of every item is reported at once', () => {
    const order = {
      AmazonOrderId: '903-1671087-0812628',
      PurchaseDate: '2013-09-05T12:00:00Z',
      LastUpdateDate: '2013-09-06T12:00:00Z',
      OrderStatus: 'Shipped',
      MarketplaceId: 'A1VC38T7YXB528',
    };
    const r = mapOrder(order, items(), 'amazon-jp');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.recordType).toBe('amazon.order');
    expect(r.error.recordId).toBe('903-1671087-0812628');
    expect(r.error.field).toBe('items[0].ItemPrice.Amount');
    expect(r.error.issues.map((i) => i.field)).toStrictEqual([
      'items[0].ItemPrice.Amount',
      'items[0].ShippingPrice.Amount',
      'items[0].BuyerInfo.GiftWrapPrice.CurrencyCode',
      'items[1].ItemPrice.Amount',
      'items[1].BuyerInfo.GiftWrapPrice.Amount',
    ]);
    expect(r.error.issues[2]?.message).toBe('OrderItemId 68828574383266: GBP differs from the order currency JPY');
  });
});

describe('amazonOrderItemToOrderLine on the sandbox item', () => {
  it('maps the TEST_CASE_200 item on its own', () => {
    const item = loadJson<OrderItemsPage>('ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json').payload.OrderItems[0];
    expect(amazonOrderItemToOrderLine(item as AmazonOrderItem, 0)).toStrictEqual({ ok: true, value: SANDBOX_LINE });
  });

  it('rejects it against another order currency, naming each money field', () => {
    const item = loadJson<OrderItemsPage>('ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json').payload.OrderItems[0];
    const r = amazonOrderItemToOrderLine(item as AmazonOrderItem, 3, 'EUR');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues.map((i) => [i.field, i.message])).toStrictEqual([
      ['items[3].ItemPrice.CurrencyCode', 'OrderItemId 05015851154158: USD differs from the order currency EUR'],
      ['items[3].ItemTax.CurrencyCode', 'OrderItemId 05015851154158: USD differs from the order currency EUR'],
      ['items[3].PromotionDiscount.CurrencyCode', 'OrderItemId 05015851154158: USD differs from the order currency EUR'],
    ]);
  });
});
