/**
 * Orders API 2026-01-01 wire schemas on the model's own replies (examples and static-sandbox
 * answers), and its error replies (the ErrorList of the model's 400 sandbox answers) recognised
 * by the same recogniser the v0 calls and `caravan map` use.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Amazon2026ErrorListSchema,
  Amazon2026GetOrderResponseSchema,
  Amazon2026SearchOrdersResponseSchema,
  isAmazon2026Order,
  parseAmazon2026Order,
  recogniseAmazonErrorReply,
} from '../../../connectors/amazon/index.js';

const DIR = new URL('../../fixtures/amazon/orders-2026-01-01/', import.meta.url);
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, unknown>;

describe('Orders 2026-01-01 replies parse', () => {
  it.each(['search-orders.example.200.json', 'search-orders.sandbox-1.200.json', 'search-orders.sandbox-2.200.json', 'search-orders.sandbox-3.200.json'])('%s: SearchOrdersResponse, each order an Order', (file) => {
    const reply = Amazon2026SearchOrdersResponseSchema.parse(load(file));
    expect(reply.orders).toHaveLength(1);
    const order = parseAmazon2026Order(reply.orders[0]);
    expect(order.ok).toBe(true);
  });

  it('the searchOrders example: pagination token, lastUpdatedBefore, the order values', () => {
    const reply = Amazon2026SearchOrdersResponseSchema.parse(load('search-orders.example.200.json'));
    expect(reply.pagination?.nextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    expect(reply.lastUpdatedBefore).toBe('2024-12-25T15:00:00Z');
    const r = parseAmazon2026Order(reply.orders[0]);
    if (!r.ok) throw new Error('expected an order');
    expect(r.order.orderId).toBe('123-4567890-1234567');
    expect(r.order.salesChannel.marketplaceId).toBe('ATVPDKIKX0DER');
    expect(r.order.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
    expect(r.order.proceeds?.grandTotal).toEqual({ amount: '154.99', currencyCode: 'USD' });
    expect(r.order.orderItems?.map((i) => [i.orderItemId, i.quantityOrdered, i.product?.sellerSku])).toEqual([
      ['12345678901234', 2, 'ECHO-DOT-4-CHARCOAL'],
      ['12345678901235', 1, 'FIRE-TV-4K-2021'],
    ]);
  });

  it.each(['get-order.example.200.json', 'get-order.sandbox-1.200.json', 'get-order.sandbox-2.200.json', 'get-order.sandbox-3.200.json'])('%s: GetOrderResponse holding an Order', (file) => {
    const reply = Amazon2026GetOrderResponseSchema.parse(load(file));
    expect(isAmazon2026Order(reply.order)).toBe(true);
    expect(parseAmazon2026Order(reply.order).ok).toBe(true);
  });

  it('a v0 order is not a 2026 order', () => {
    expect(isAmazon2026Order({ AmazonOrderId: '902-3159896-1390916', orderId: 'x' })).toBe(false);
    expect(isAmazon2026Order({ AmazonOrderId: '902-3159896-1390916' })).toBe(false);
  });

  it('a malformed order names its id and the field path', () => {
    const order = structuredClone((load('get-order.example.200.json') as { order: { orderItems: Record<string, unknown>[] } }).order);
    order.orderItems[0]!.quantityOrdered = -1;
    expect(parseAmazon2026Order(order)).toEqual({ ok: false, id: '202-1234567-8901234', issues: [{ path: 'orderItems[0].quantityOrdered', message: expect.stringContaining('>=0') }] });
  });
});

describe('Orders 2026-01-01 error replies', () => {
  it.each([
    ['search-orders.sandbox-1.400.json', 'searchOrders', 'Amazon searchOrders: HTTP 400 InvalidInput: Invalid Input (Invalid Input)'],
    ['get-order.sandbox-1.400.json', 'getOrder', 'Amazon getOrder: HTTP 400 InvalidInput: Invalid Input'],
  ])('%s is an ErrorList, recognised as a validation error', (file, operation, message) => {
    const body = load(file);
    expect(Amazon2026ErrorListSchema.safeParse(body).success).toBe(true);
    const error = recogniseAmazonErrorReply(body, { operation, status: 400, headers: { 'x-amzn-RequestId': 'rid-2026' } });
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: 'InvalidInput', requestId: 'rid-2026', message });
    // Without a status (a file holding only the body) it is still Amazon's error.
    expect(recogniseAmazonErrorReply(body, { operation })).toMatchObject({ kind: 'validation', vendorCode: 'InvalidInput' });
  });

  it('the 2026 success replies are not errors', () => {
    expect(recogniseAmazonErrorReply(load('search-orders.example.200.json'), { operation: 'searchOrders', status: 200 })).toBeUndefined();
    expect(recogniseAmazonErrorReply(load('get-order.example.200.json'), { operation: 'getOrder' })).toBeUndefined();
  });
});
