/** Per-record parsing is lenient where real payloads vary and strict where the model is. */
import { describe, expect, it } from 'vitest';
import { parseAmazonOrder, parseAmazonOrderItem } from '../../../connectors/amazon/index.js';
import { AmazonGetOrdersResponseSchema } from '../../../connectors/amazon/schemas.js';

const order = {
  AmazonOrderId: '303-1234567-1234567',
  PurchaseDate: '2026-03-01T10:00:00Z',
  LastUpdateDate: '2026-03-01T10:05:00Z',
  OrderStatus: 'Shipped',
  MarketplaceId: 'A1PA6795UKMFR9',
};

describe('parseAmazonOrder', () => {
  it('reads explicit nulls (re-serialised payloads) as absent fields', () => {
    const r = parseAmazonOrder({ ...order, SellerOrderId: null, IsPrime: null, ShippingAddress: { CountryCode: 'DE', AddressLine2: null } });
    expect(r.ok).toBe(true);
    expect(r.ok && r.order.ShippingAddress).toEqual({ CountryCode: 'DE' });
    expect(r.ok && 'SellerOrderId' in r.order).toBe(false);
  });
  it('keeps fields Amazon adds later', () => {
    const r = parseAmazonOrder({ ...order, SomeNewField2027: { x: 1 } });
    expect(r.ok && (r.order as Record<string, unknown>).SomeNewField2027).toEqual({ x: 1 });
  });
  it('names the field and the order of a structurally wrong record', () => {
    expect(parseAmazonOrder({ ...order, NumberOfItemsShipped: 'one' })).toEqual({
      ok: false,
      id: '303-1234567-1234567',
      issues: [expect.objectContaining({ path: 'NumberOfItemsShipped' })],
    });
    const missing = parseAmazonOrder({ AmazonOrderId: 'x' });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.issues.map((i) => i.path).sort()).toEqual(['LastUpdateDate', 'OrderStatus', 'PurchaseDate']);
  });
});

describe('parseAmazonOrderItem', () => {
  it('requires ASIN, OrderItemId and an integer QuantityOrdered', () => {
    expect(parseAmazonOrderItem({ ASIN: 'B0ABCDEFGH', OrderItemId: '12345678901234', QuantityOrdered: 2, ItemPrice: null }).ok).toBe(true);
    const bad = parseAmazonOrderItem({ ASIN: 'B0ABCDEFGH', OrderItemId: '12345678901234', QuantityOrdered: '2.5' });
    expect(bad).toEqual({ ok: false, id: '12345678901234', issues: [expect.objectContaining({ path: 'QuantityOrdered' })] });
  });
});

describe('getOrders envelope', () => {
  it('reads NextToken, LastUpdatedBefore and errors written as null as absent; Orders must still be an array', () => {
    const page = AmazonGetOrdersResponseSchema.safeParse({ payload: { Orders: [], NextToken: null, LastUpdatedBefore: null }, errors: null });
    expect(page.success && page.data.payload).toEqual({ Orders: [], NextToken: undefined, LastUpdatedBefore: undefined });
    expect(AmazonGetOrdersResponseSchema.safeParse({ payload: { Orders: null } }).success).toBe(false);
  });
});
