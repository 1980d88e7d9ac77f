import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parseAmazonOrder, parseAmazonOrderItem } from '../../../connectors/amazon/index.js';
import {
  answer,
  EU_ENDPOINT,
  fixtureJson,
  fixtureText,
  isolateNetworkPerTest,
  makeKit,
  mockLwa,
  rejection,
  type SeenRequest,
} from './amazon-test-kit.js';

isolateNetworkPerTest();

const ITEMS_BODY = fixtureJson<{ payload: { AmazonOrderId: string; OrderItems: Record<string, unknown>[] } }>('get-order-items.model.json');

describe('getOrder', () => {
  it('GETs the order by URL-encoded id and returns the raw order', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get(/^\/orders\/v0\/orders\//)
      .reply(answer(seen, 200, fixtureText('get-order.iba.model.json'), { 'x-amzn-requestid': 'rid-o' }));
    const { client } = makeKit();

    const result = await client.getOrder('921-3175655/0452641 x');

    expect(seen.map((s) => [s.method, s.path])).toEqual([['GET', '/orders/v0/orders/921-3175655%2F0452641%20x']]);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(result.requestId).toBe('rid-o');
    const parsed = parseAmazonOrder(result.order);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.order.AmazonOrderId).toBe('921-3175655-0452641');
      expect(parsed.order.OrderTotal).toEqual({ CurrencyCode: 'EUR', Amount: '100.00' });
      expect(parsed.order.IsIBA).toBe(true);
    }
  });

  it('rejects an empty id locally', async () => {
    const { client } = makeKit();
    const error = await rejection(client.getOrder(''));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe('Amazon getOrder: orderId must be a non-empty string');
  });

  it('a 200 without a payload object is a contract error', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get('/orders/v0/orders/1').reply(200, { payload: [] });
    const { client } = makeKit();
    const error = await rejection(client.getOrder('1'));
    expect(error.kind).toBe('contract');
  });
});

describe('getOrderItems', () => {
  it('GETs the items of an order and parses them', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders/902-1845936-5435065/orderItems')
      .reply(answer(seen, 200, ITEMS_BODY, { 'x-amzn-requestid': 'rid-i' }));
    const { client } = makeKit();

    const page = await client.getOrderItems('902-1845936-5435065');

    expect(seen.map((s) => s.path)).toEqual(['/orders/v0/orders/902-1845936-5435065/orderItems']);
    expect(page).toEqual({ amazonOrderId: '902-1845936-5435065', items: ITEMS_BODY.payload.OrderItems, requestId: 'rid-i' });
    const item = parseAmazonOrderItem(page.items[0]);
    expect(item.ok).toBe(true);
    if (item.ok) {
      expect([item.item.ASIN, item.item.OrderItemId, item.item.QuantityOrdered]).toEqual(['B00551Q3CS', '05015851154158', 1]);
      expect(item.item.ItemPrice).toEqual({ CurrencyCode: 'USD', Amount: '10.00' });
      expect(item.item.IsGift).toBe(false);
    }
  });

  it('sends NextToken as the only query parameter', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get('/orders/v0/orders/1/orderItems').query(true).reply(answer(seen, 200, ITEMS_BODY));
    const { client } = makeKit();
    await client.getOrderItems('1', '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4=');
    expect(seen.map((s) => s.path)).toEqual(['/orders/v0/orders/1/orderItems?NextToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4%3D']);
  });

  it('getAllOrderItems follows NextToken to the last page', async () => {
    const [first] = ITEMS_BODY.payload.OrderItems;
    const second = { ...first, OrderItemId: '05015851154159', ASIN: 'B000000002' };
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders/902-1845936-5435065/orderItems')
      .query(true)
      .reply(answer(seen, 200, { payload: { AmazonOrderId: '902-1845936-5435065', OrderItems: [first], NextToken: 'page-2' } }))
      .get('/orders/v0/orders/902-1845936-5435065/orderItems')
      .query(true)
      .reply(answer(seen, 200, { payload: { AmazonOrderId: '902-1845936-5435065', OrderItems: [second] } }));
    const { client } = makeKit();

    const items = await client.getAllOrderItems('902-1845936-5435065');

    expect(seen.map((s) => s.path)).toEqual([
      '/orders/v0/orders/902-1845936-5435065/orderItems',
      '/orders/v0/orders/902-1845936-5435065/orderItems?NextToken=page-2',
    ]);
    expect(items).toEqual([first, second]);
  });

  it('getAllOrderItems stops with a contract error when NextToken repeats', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders/1/orderItems')
      .query(true)
      .times(3)
      .reply(200, { payload: { AmazonOrderId: '1', OrderItems: [], NextToken: 'same' } });
    const { client } = makeKit();
    const error = await rejection(client.getAllOrderItems('1'));
    expect(error.kind).toBe('contract');
    expect(error.message).toBe('Amazon getOrderItems: NextToken does not advance after 2 page(s) of order 1');
    expect(client.stats().requests).toBe(2);
  });

  it('a page without AmazonOrderId is a contract error; a malformed item is not', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get('/orders/v0/orders/1/orderItems')
      .reply(200, { payload: { OrderItems: [] } })
      .get('/orders/v0/orders/1/orderItems')
      .reply(200, { payload: { AmazonOrderId: '1', OrderItems: [{ ASIN: 'B1', OrderItemId: '9', QuantityOrdered: 'one' }] } });
    const { client } = makeKit();

    const error = await rejection(client.getOrderItems('1'));
    expect(error.kind).toBe('contract');
    expect(error.message).toBe(
      'Amazon getOrderItems: response is not a GetOrderItemsResponse (payload.AmazonOrderId: Invalid input: expected string, received undefined)',
    );

    const page = await client.getOrderItems('1');
    expect(parseAmazonOrderItem(page.items[0])).toEqual({
      ok: false,
      id: '9',
      issues: [{ path: 'QuantityOrdered', message: 'Invalid input: expected number, received string' }],
    });
  });
});
