/**
 * Real Orders v0 replies stray from the model in ways reported on public issue trackers. Each
 * test feeds a payload shaped like the report through the whole record path (wire schema, then
 * mapping: what `caravan map`, syncs and dead-letter replays run) and pins the canonical
 * result. What cannot be interpreted is still rejected, naming the order and the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapAmazonOrderRecord } from '../../../activities/amazon-records.js';

const DEVIATIONS = new URL('../../fixtures/amazon/deviations/', import.meta.url);
const load = (name: string): { payload: Record<string, unknown[]> } =>
  JSON.parse(readFileSync(new URL(name, DEVIATIONS), 'utf8')) as { payload: Record<string, unknown[]> };

const orders = load('get-orders.string-booleans.json').payload.Orders as Record<string, unknown>[];
const items = load('get-order-items.string-fields.json').payload.OrderItems as Record<string, unknown>[];
const [unshipped, replacement] = orders as [Record<string, unknown>, Record<string, unknown>];

function mapped(order: unknown, lines?: unknown[]) {
  const r = mapAmazonOrderRecord(order, lines, 'amazon-na');
  if (!r.ok) throw new Error(`expected a mapped order, got ${r.rejection.message}`);
  return r.order;
}

function rejected(order: unknown, lines?: unknown[]) {
  const r = mapAmazonOrderRecord(order, lines, 'amazon-na');
  if (r.ok) throw new Error('expected a rejection');
  return r.rejection;
}

describe('getOrders booleans sent as text', () => {
  // amzn/selling-partner-api-models#2166 and #2647: getOrders sends "IsReplacementOrder": "false".
  it('IsReplacementOrder "false" (selling-partner-api-models#2166, #2647) maps to false', () => {
    const order = mapped(unshipped, items);
    expect(order.externalId).toBe('113-2910364-4730641');
    expect(order.isReplacement).toBe(false);
    expect(order.totals?.orderTotal).toEqual({ amountMinor: 2499, currency: 'USD' });
  });

  // #2647: a replacement order carries "IsReplacementOrder": "true" in getOrders.
  it('IsReplacementOrder "true" with ReplacedOrderId (selling-partner-api-models#2647) maps to true', () => {
    const order = mapped(replacement);
    expect(order.isReplacement).toBe(true);
    expect(order.refs).toEqual({ amazonOrderId: '113-7722103-5523448', marketplaceId: 'ATVPDKIKX0DER', replacedOrderId: '113-2910364-4730641' });
  });

  // selling-partner-api-models#2395 (selling-partner-api-docs#2240): reported as the string "False".
  it('IsReplacementOrder "False" in another case (selling-partner-api-models#2395) maps to false', () => {
    expect(mapped({ ...unshipped, IsReplacementOrder: 'False' }).isReplacement).toBe(false);
  });

  // XML-era payloads rendered as JSON carry every flag as text ("IsPrime": "false", "IsBusinessOrder": "false").
  it('IsPrime and IsBusinessOrder as "true"/"false" text map to booleans', () => {
    const order = mapped({ ...unshipped, IsPrime: 'true', IsBusinessOrder: 'false', IsPremiumOrder: 'false' });
    expect([order.isPrime, order.isBusiness]).toEqual([true, false]);
  });

  it('a flag that is neither true nor false is still rejected, naming the order and the field', () => {
    const r = rejected({ ...unshipped, IsReplacementOrder: 'maybe' });
    expect(r).toMatchObject({ externalId: '113-2910364-4730641', field: 'IsReplacementOrder', errorKind: 'schema' });
    expect(r.message).toBe('amazon.order 113-2910364-4730641: IsReplacementOrder: Invalid input: expected boolean, received string');
  });
});

describe('getOrderItems fields sent as text', () => {
  // selling-partner-api-models#304 and jlevers/selling-partner-api#165: "IsGift": "false", "NumberOfItems": "1".
  it('IsGift "false" and ProductInfo.NumberOfItems "1" (selling-partner-api-models#304) map', () => {
    const [line] = mapped(unshipped, items).lines;
    expect(line).toMatchObject({ lineId: '08715245317642', sku: 'CRV-TEE-M-BLK', quantity: 1, quantityShipped: 0, isGift: false });
    expect(line?.lineTotal).toEqual({ amountMinor: 2334, currency: 'USD' });
  });

  // amzapi/selling-partner-api-sdk#3: NumberOfItems typed int by an SDK, so re-serialised payloads carry a number.
  it('ProductInfo.NumberOfItems as a JSON number (amzapi/selling-partner-api-sdk#3) is accepted', () => {
    expect(mapped(unshipped, [{ ...items[0], ProductInfo: { NumberOfItems: 1 } }]).lines).toHaveLength(1);
  });

  it('BuyerRequestedCancel.IsBuyerRequestedCancel "false" with an empty reason is accepted', () => {
    expect(mapped(unshipped, [{ ...items[0], BuyerRequestedCancel: { IsBuyerRequestedCancel: 'false', BuyerCancelReason: '' } }]).lines).toHaveLength(1);
  });

  // XML-era payloads rendered as JSON carry counts as digits ("NumberOfItemsShipped": "1", "QuantityOrdered": "1").
  it('counts as digits (NumberOfItemsShipped "1", QuantityOrdered "2") map to integers', () => {
    const order = mapped({ ...unshipped, NumberOfItemsShipped: '1', NumberOfItemsUnshipped: '0' }, [{ ...items[0], QuantityOrdered: '2', QuantityShipped: '0' }]);
    expect(order.lines[0]).toMatchObject({ quantity: 2, quantityShipped: 0 });
  });

  it('a count that is not a whole number is still rejected, naming the order and the item field', () => {
    const r = rejected(unshipped, [{ ...items[0], QuantityOrdered: '1.5' }]);
    expect(r).toMatchObject({ externalId: '113-2910364-4730641', field: 'items[0].QuantityOrdered', errorKind: 'schema' });
  });
});

describe('absent fields written as null or ""', () => {
  // selling-partner-api-models#445 (selling-partner-api-docs#3309): BuyerInfo null without PII access;
  // jlevers/selling-partner-api#238: address fields present but empty.
  it('BuyerInfo null and blank address lines (selling-partner-api-models#445, jlevers/selling-partner-api#238) read as absent', () => {
    const order = mapped({
      ...unshipped,
      BuyerInfo: null,
      ShippingAddress: { Name: null, AddressLine1: '', AddressLine2: null, City: 'LUTON', County: '', PostalCode: 'LU2 0BJ', CountryCode: 'GB', Phone: '' },
    });
    expect(order.buyer).toBeUndefined();
    expect(order.shipTo).toEqual({ lines: [], city: 'LUTON', postalCode: 'LU2 0BJ', country: 'GB' });
  });

  // selling-partner-api-models#170: getOrders answers "BuyerInfo": {} without a Restricted Data Token.
  it('an empty BuyerInfo {} (selling-partner-api-models#170) is no buyer', () => {
    expect(mapped({ ...unshipped, BuyerInfo: {} }).buyer).toBeUndefined();
  });

  // selling-partner-api-docs#554: Pending orders carry no OrderTotal; a Money with Amount "" is no money.
  it('a Pending order without OrderTotal and a Money with Amount "" (selling-partner-api-docs#554) map without totals', () => {
    const pending = { ...unshipped, OrderStatus: 'Pending', OrderTotal: { CurrencyCode: 'USD', Amount: '' } };
    const order = mapped(pending);
    expect(order.status).toBe('pending');
    expect(order.totals).toBeUndefined();
    const { OrderTotal: _absent, ...withoutTotal } = pending;
    expect(mapped(withoutTotal).totals).toBeUndefined();
  });

  it('IossNumber "" and flags null read as absent', () => {
    const order = mapped({ ...unshipped, IsPrime: null, IsBusinessOrder: '' }, [{ ...items[0], IossNumber: '', IsGift: null }]);
    expect(order.isPrime).toBeUndefined();
    expect(order.isBusiness).toBeUndefined();
    expect(order.lines[0]?.iossNumber).toBeUndefined();
    expect(order.lines[0]?.isGift).toBeUndefined();
  });
});

describe('dates and extra fields', () => {
  it('dates with milliseconds or an offset map to UTC; fields Amazon added later pass', () => {
    const order = mapped({
      ...unshipped,
      PurchaseDate: '2026-09-04T18:22:41.058Z',
      LastUpdateDate: '2026-09-04T20:53:07+02:00',
      FulfillmentInstruction: { FulfillmentSupplySourceId: 'sampleSupplySourceId' },
      ElectronicInvoiceStatus: 'NotRequired',
    });
    expect([order.purchasedAt, order.updatedAt]).toEqual(['2026-09-04T18:22:41.058Z', '2026-09-04T18:53:07Z']);
  });

  it('an impossible date, a comma decimal and an unknown currency are still rejected, each field named', () => {
    const r = rejected({ ...unshipped, PurchaseDate: '2026-02-30T10:00:00Z', OrderTotal: { CurrencyCode: 'USD', Amount: '24,99' } });
    expect(r.issues.map((i) => i.field)).toEqual(['PurchaseDate', 'OrderTotal.Amount']);
    expect(rejected({ ...unshipped, OrderTotal: { CurrencyCode: 'XYZ', Amount: '24.99' } }).field).toBe('OrderTotal.CurrencyCode');
  });
});
