/**
 * Orders API 2026-01-01 orders that stray from the model, through the whole record path
 * (wire schema, then mapping: what `caravan map` runs). Each accepted deviation names where it
 * was seen; what cannot be interpreted is rejected, naming the order and the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapAmazon2026OrderRecord } from '../../../activities/amazon-records.js';
import { parseAmazon2026Order } from '../../../connectors/amazon/index.js';
import { OrderSchema, type Order } from '../../../mappings/canonical/order.js';

const DIR = new URL('../../fixtures/amazon/orders-2026-01-01/', import.meta.url);
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, unknown>;
type Raw = Record<string, unknown> & { orderItems: Record<string, unknown>[] };
/** A fresh copy of the getOrder example (GB, one item with ITEM, SHIPPING and TAX proceeds). */
const example = (): Raw => structuredClone(load('get-order.example.200.json').order) as Raw;
const ID = '202-1234567-8901234';
const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

function mapped(raw: unknown): Order {
  const r = mapAmazon2026OrderRecord(raw, 'amazon-eu');
  if (!r.ok) throw new Error(`expected a mapped order, got ${r.rejection.message}`);
  expect(OrderSchema.safeParse(r.order).success).toBe(true);
  return r.order;
}

function rejected(raw: unknown) {
  const r = mapAmazon2026OrderRecord(raw, 'amazon-eu');
  if (r.ok) throw new Error('expected a rejection');
  return r.rejection;
}

function withItem(patch: (item: Record<string, unknown>) => void): Raw {
  const o = example();
  patch(o.orderItems[0]!);
  return o;
}

describe('accepted: numbers as text, nulls, empty strings', () => {
  // Generated SDK models and XML-era tools write counts as text; v0 accepts them the same way.
  it('quantityOrdered and quantityFulfilled as digit strings read as counts', () => {
    const line = mapped(withItem((i) => {
      i.quantityOrdered = '3';
      (i.fulfillment as Record<string, unknown>).quantityFulfilled = '2';
    })).lines[0];
    expect([line?.quantity, line?.quantityShipped]).toEqual([3, 2]);
  });

  // Payloads re-serialised from SDK models carry unset members as null.
  it('null blocks and null fields read as absent', () => {
    const o = example();
    o.buyer = null;
    o.packages = null;
    o.orderAliases = null;
    (o.recipient as { deliveryAddress: Record<string, unknown> }).deliveryAddress.addressLine2 = null;
    (o.orderItems[0]!.product as Record<string, unknown>).title = null;
    const order = mapped(o);
    expect(order.buyer).toBeUndefined();
    expect(order.shipTo?.lines).toEqual(['123 High Street']);
    expect(order.lines[0]?.title).toBeUndefined();
    expect(order.refs).toEqual({ amazonOrderId: ID, marketplaceId: 'A1F83G8C2ARO7P' });
  });

  it('a searchOrders reply with "pagination": null parses', async () => {
    const { Amazon2026SearchOrdersResponseSchema } = await import('../../../connectors/amazon/index.js');
    const reply = { ...load('search-orders.sandbox-1.200.json'), pagination: null };
    expect(Amazon2026SearchOrdersResponseSchema.safeParse(reply).success).toBe(true);
  });

  // The model's own examples send "addressLine3": "", "municipality": "", "districtOrCounty": "", "conditionNote": "".
  it('empty strings read as absent, an empty money amount as no money', () => {
    const o = withItem((i) => {
      (i.proceeds as { breakdowns: { subtotal: Record<string, unknown> }[] }).breakdowns[1]!.subtotal.amount = '';
    });
    (o.recipient as { deliveryAddress: Record<string, unknown> }).deliveryAddress.districtOrCounty = '';
    const order = mapped(o);
    expect(order.shipTo?.county).toBeUndefined();
    expect(order.lines[0]?.shipping).toBeUndefined();
    expect(order.totals?.shipping).toBeUndefined();
  });
});

describe('accepted: blocks left out (includedData not asked for, or not granted)', () => {
  // selling-partner-api-models#5306: the buyer's name is not returned without includedData=BUYER (and the role).
  it('no buyer block (selling-partner-api-models#5306): no buyer', () => {
    const o = example();
    delete o.buyer;
    expect(mapped(o).buyer).toBeUndefined();
  });

  it('an empty buyer block: no buyer', () => {
    expect(mapped({ ...example(), buyer: {} }).buyer).toBeUndefined();
  });

  it('no recipient block: no ship-to address', () => {
    const o = example();
    delete o.recipient;
    expect(mapped(o).shipTo).toBeUndefined();
  });

  // Without includedData=PROCEEDS: no money but the product's unit price (line = unit price × quantity).
  it('no proceeds: the line total is unitPrice × quantityOrdered, no order total', () => {
    const o = example();
    delete o.proceeds;
    delete o.orderItems[0]!.proceeds;
    const order = mapped(o);
    expect(order.lines[0]?.lineTotal).toEqual(gbp(8997)); // 29.99 × 3
    expect(order.lines[0]?.itemTax).toBeUndefined();
    expect(order.totals).toEqual({ items: gbp(8997) });
  });

  // selling-partner-api-models#5139: PENDING orders of searchOrders carry unit price and taxes (JP).
  it('a PENDING order with its proceeds (selling-partner-api-models#5139) maps as pending, with its money', () => {
    const o = example();
    (o.fulfillment as Record<string, unknown>).fulfillmentStatus = 'PENDING';
    const order = mapped(o);
    expect([order.status, order.rawStatus]).toEqual(['pending', 'PENDING']);
    expect(order.totals?.orderTotal).toEqual(gbp(10397));
  });

  it('a PENDING order with no money at all: currency from the marketplace, no totals', () => {
    const o = example();
    (o.fulfillment as Record<string, unknown>).fulfillmentStatus = 'PENDING_AVAILABILITY';
    delete o.proceeds;
    delete o.orderItems[0]!.proceeds;
    delete (o.orderItems[0]!.product as Record<string, unknown>).price;
    const order = mapped(o);
    expect([order.status, order.currency, order.totals]).toEqual(['pending', 'GBP', undefined]);
  });

  // selling-partner-api-models#5127: packageStatus comes without detailedStatus.
  it('packages whose packageStatus has no detailedStatus (selling-partner-api-models#5127) parse and map', () => {
    const o = example();
    o.packages = [{ packageReferenceId: 'PKG-1', packageStatus: { status: 'DELIVERED' }, packageItems: [{ orderItemId: '20212345678901', quantity: 3 }] }];
    expect(mapped(o).externalId).toBe(ID);
  });

  it('no programs, no associatedOrders: isPrime, isBusiness, isReplacement unknown', () => {
    const o = example();
    delete o.programs;
    delete o.associatedOrders;
    const order = mapped(o);
    expect([order.isPrime, order.isBusiness, order.isReplacement]).toEqual([undefined, undefined, undefined]);
  });

  it('no orderItems (required by the model): the order maps with no lines, as a v0 order without items', () => {
    const o = example() as Record<string, unknown>;
    delete o.orderItems;
    const order = mapped(o);
    expect(order.lines).toEqual([]);
    expect(order.totals).toEqual({ orderTotal: gbp(10397) });
  });
});

describe('accepted: values the model does not list, and fields it does not describe', () => {
  it('unknown programs, proceeds types, sales channel names and item programs are kept out of the money, not rejected', () => {
    const o = example();
    o.programs = ['PRIME', 'SOME_NEW_PROGRAM'];
    (o.salesChannel as Record<string, unknown>).channelName = 'NON_AMAZON';
    o.orderItems[0]!.programs = ['NEW_ITEM_PROGRAM'];
    (o.orderItems[0]!.proceeds as { breakdowns: unknown[] }).breakdowns.push(
      { type: 'OTHER', subtotal: { amount: '0.50', currencyCode: 'GBP' } },
      { type: 'SOME_NEW_FEE', subtotal: { amount: '1.00', currencyCode: 'GBP' } },
    );
    const order = mapped(o);
    expect(order.isPrime).toBe(true);
    expect(order.lines[0]?.lineTotal).toEqual(gbp(8997));
  });

  it('addressType PICKUP_POINT (a 2026 value) has no canonical type; lower case reads too', () => {
    const o = example();
    const address = (o.recipient as { deliveryAddress: Record<string, unknown> }).deliveryAddress;
    address.addressType = 'PICKUP_POINT';
    expect(mapped(o).shipTo?.type).toBeUndefined();
    address.addressType = 'residential';
    expect(mapped(o).shipTo?.type).toBe('residential');
  });

  it('a fulfilledBy or addressType the model does not list leaves fulfilment or address type unknown', () => {
    const o = example();
    (o.fulfillment as Record<string, unknown>).fulfilledBy = 'PARTNER';
    (o.recipient as { deliveryAddress: Record<string, unknown> }).deliveryAddress.addressType = 'LOCKER';
    const order = mapped(o);
    expect([order.fulfilment, order.shipTo?.type, order.shipTo?.country]).toEqual([undefined, undefined, 'GB']);
  });

  it('an unknown conditionType is kept as sent', () => {
    const o = withItem((i) => {
      ((i.product as Record<string, unknown>).condition as Record<string, unknown>).conditionType = 'OPEN_BOX';
    });
    expect(mapped(o).lines[0]?.condition).toBe('OPEN_BOX');
  });

  it('fields the model does not describe pass through the wire schema', () => {
    const r = parseAmazon2026Order({ ...example(), someNewBlock: { a: 1 } });
    expect(r.ok && (r.order as Record<string, unknown>).someNewBlock).toEqual({ a: 1 });
  });

  // selling-partner-api-models#5297: the proceeds breakdowns are not mapped to v0 fields by Amazon's
  // docs; a DISCOUNT reduces proceeds, so it may come negative or positive. Either is the positive canonical discount.
  it.each([['-1.50'], ['1.50']])('a DISCOUNT of %s (no detailed breakdowns) is a promotion discount of 1.50', (amount) => {
    const o = withItem((i) => {
      (i.proceeds as { breakdowns: unknown[] }).breakdowns.push({ type: 'DISCOUNT', subtotal: { amount, currencyCode: 'GBP' } });
    });
    const order = mapped(o);
    expect(order.lines[0]?.promotionDiscount).toEqual(gbp(150));
    expect(order.totals?.discounts).toEqual(gbp(150));
  });

  it('timestamps with an offset become UTC', () => {
    const order = mapped({ ...example(), createdTime: '2024-12-25T10:15:00+01:00', lastUpdatedTime: '2024-12-25T17:30:00.123+01:00' });
    expect([order.purchasedAt, order.updatedAt]).toEqual(['2024-12-25T09:15:00Z', '2024-12-25T16:30:00.123Z']);
  });
});

describe('rejected, naming the order and the field', () => {
  it.each<[string, (o: Raw) => void, string, 'schema' | 'mapping', string]>([
    ['an amount with a decimal comma', (o) => ((o.proceeds as { grandTotal: Record<string, unknown> }).grandTotal.amount = '103,97'), 'proceeds.grandTotal.amount', 'mapping', '"103,97" is not a decimal amount'],
    ['an amount sent as a JSON number (it went through a float)', (o) => ((o.proceeds as { grandTotal: Record<string, unknown> }).grandTotal.amount = 103.97), 'proceeds.grandTotal.amount', 'schema', 'expected string'],
    ['more decimals than the currency has', (o) => ((o.orderItems[0]!.proceeds as { breakdowns: { subtotal: Record<string, unknown> }[] }).breakdowns[0]!.subtotal.amount = '89.975'), 'orderItems[0].proceeds.breakdowns[0].subtotal.amount', 'mapping', 'has more decimals than GBP allows'],
    ['a currency that is not ISO 4217', (o) => ((o.proceeds as { grandTotal: Record<string, unknown> }).grandTotal.currencyCode = 'POUND'), 'proceeds.grandTotal.currencyCode', 'mapping', '"POUND" is not an ISO 4217 currency code'],
    ['an item in another currency than the order', (o) => ((o.orderItems[0]!.proceeds as { breakdowns: { subtotal: Record<string, unknown> }[] }).breakdowns[0]!.subtotal.currencyCode = 'EUR'), 'orderItems[0].proceeds.breakdowns[0].subtotal.currencyCode', 'mapping', 'EUR differs from the order currency GBP'],
    ['a date that does not exist', (o) => (o.createdTime = '2024-02-30T10:00:00Z'), 'createdTime', 'mapping', ''],
    ['a quantity in words', (o) => (o.orderItems[0]!.quantityOrdered = 'three'), 'orderItems[0].quantityOrdered', 'schema', ''],
    ['a country name for a country code', (o) => ((o.recipient as { deliveryAddress: Record<string, unknown> }).deliveryAddress.countryCode = 'United Kingdom'), 'recipient.deliveryAddress.countryCode', 'mapping', 'is not an ISO 3166-1 alpha-2 country code'],
    ['a fulfillment status the model does not list', (o) => ((o.fulfillment as Record<string, unknown>).fulfillmentStatus = 'ON_HOLD'), 'fulfillment.fulfillmentStatus', 'mapping', 'unknown Amazon fulfillment status "ON_HOLD"'],
    ['no fulfillment block: no status to map', (o) => delete o.fulfillment, 'fulfillment.fulfillmentStatus', 'mapping', 'the order status comes only with includedData=FULFILLMENT'],
    ['no marketplace id', (o) => delete (o.salesChannel as Record<string, unknown>).marketplaceId, 'salesChannel.marketplaceId', 'mapping', 'is required but missing'],
    ['an item id repeated', (o) => o.orderItems.push(structuredClone(o.orderItems[0]!)), 'orderItems[1].orderItemId', 'mapping', 'repeats orderItems[0]'],
  ])('%s', (_what, patch, field, errorKind, message) => {
    const o = example();
    patch(o);
    const r = rejected(o);
    expect(r).toMatchObject({ recordType: 'amazon.order', externalId: ID, field, errorKind });
    expect(r.message).toContain(`amazon.order ${ID}: ${field}: `);
    expect(r.message).toContain(message);
  });

  it('an order without orderId is rejected naming the field', () => {
    const o = example() as Record<string, unknown>;
    delete o.orderId;
    expect(rejected(o)).toMatchObject({ field: 'orderId', errorKind: 'schema' });
  });

  it('an item issue names the item id in the message', () => {
    const r = rejected(withItem((i) => ((i.product as Record<string, unknown>).price = { unitPrice: { amount: '29.99', currencyCode: 'XXX1' } })));
    expect(r.issues[0]).toEqual({ field: 'orderItems[0].product.price.unitPrice.currencyCode', message: 'orderItemId 20212345678901: "XXX1" is not an ISO 4217 currency code' });
  });
});
