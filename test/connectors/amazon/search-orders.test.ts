/**
 * searchOrders (Orders API 2026-01-01) — GET /orders/2026-01-01/orders: the request per the
 * model (camelCase query, csv arrays, includedData, paginationToken), the model's replies
 * parsed, its 400 answered as a validation error, its usage plan on the bucket.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parseAmazon2026Order } from '../../../connectors/amazon/index.js';
import { answer, EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, type SeenRequest } from './amazon-test-kit.js';

const PATH = '/orders/2026-01-01/orders';
const KEY = { tenant: 'acme', vendor: 'amazon', operation: 'searchOrders', scope: 'eu' };
const DIR = new URL('../../fixtures/amazon/orders-2026-01-01/', import.meta.url);
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, unknown>;

isolateNetworkPerTest();

describe('searchOrders request', () => {
  it('sends the model sandbox query (createdAfter, marketplaceIds, includedData) with the access token, and parses the reply', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, fixture('search-orders.sandbox-1.200.json'), { 'x-amzn-requestid': 'rid-search' }));
    const { client } = makeKit();

    // The model's first static-sandbox request (JP).
    const page = await client.searchOrders({
      createdAfter: '2024-12-25T00:00:00Z',
      marketplaceIds: ['A1VC38T7YXB528'],
      includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES'],
    });

    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.path).toBe(
      '/orders/2026-01-01/orders?createdAfter=2024-12-25T00%3A00%3A00Z&marketplaceIds=A1VC38T7YXB528' +
        '&includedData=BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES',
    );
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(seen[0]?.headers['user-agent']).toBe('Caravan/0.1 (Language=TypeScript)');
    expect(page).toEqual({
      orders: (fixture('search-orders.sandbox-1.200.json') as { orders: unknown[] }).orders,
      nextToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4',
      createdBefore: '2024-12-25T03:00:00Z',
      requestId: 'rid-search',
    });
    const order = parseAmazon2026Order(page.orders[0]);
    expect(order.ok && [order.order.orderId, order.order.orderItems?.length]).toEqual(['250-1234567-8901234', 2]);
  });

  it('sends lastUpdatedAfter/Before, fulfillmentStatuses, fulfilledBy, maxResultsPerPage, paginationToken; the default includedData; follows nextToken', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, fixture('search-orders.example.200.json')));
    const { client } = makeKit();

    const page = await client.searchOrders({
      lastUpdatedAfter: '2026-03-01T00:00:00Z',
      lastUpdatedBefore: '2026-03-02T00:00:00Z',
      fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
      fulfilledBy: ['MERCHANT'],
      maxResultsPerPage: 50,
      paginationToken: 'ab+c/d==',
    });

    expect(seen.map((s) => s.path)).toEqual([
      '/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-01T00%3A00%3A00Z&lastUpdatedBefore=2026-03-02T00%3A00%3A00Z' +
        '&fulfillmentStatuses=UNSHIPPED,PARTIALLY_SHIPPED&marketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P&fulfilledBy=MERCHANT&maxResultsPerPage=50' +
        '&includedData=BUYER,RECIPIENT,PROCEEDS,PROMOTION,FULFILLMENT,TAX&paginationToken=ab%2Bc%2Fd%3D%3D',
    ]);
    expect(page.nextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    expect(page.lastUpdatedBefore).toBe('2024-12-25T15:00:00Z');
  });

  it.each([
    [{}, 'exactly one of createdAfter and lastUpdatedAfter is required'],
    [{ createdAfter: '2026-03-01T00:00:00Z', lastUpdatedAfter: '2026-03-01T00:00:00Z' }, 'exactly one of createdAfter and lastUpdatedAfter is required'],
    [{ createdAfter: '2026-03-01T00:00:00Z', lastUpdatedBefore: '2026-03-02T00:00:00Z' }, 'lastUpdatedBefore cannot be set when createdAfter is set'],
    [{ lastUpdatedAfter: '2026-03-01T00:00:00Z', createdBefore: '2026-03-02T00:00:00Z' }, 'createdBefore cannot be set when lastUpdatedAfter is set'],
    [{ createdAfter: '2026-03-01T00:00:00Z', maxResultsPerPage: 101 }, 'maxResultsPerPage must be an integer from 1 to 100, got 101'],
    [{ createdAfter: '2026-03-01T00:00:00Z', marketplaceIds: Array.from({ length: 51 }, (_, i) => `M${i}`) }, 'marketplaceIds takes at most 50 values, got 51'],
    [{ createdAfter: '2026-03-01T00:00:00Z', fulfillmentStatuses: ['Shipped'] }, 'fulfillmentStatuses: "Shipped" is not one of PENDING_AVAILABILITY, PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, UNFULFILLABLE'],
    [{ createdAfter: '2026-03-01T00:00:00Z', fulfilledBy: ['AFN'] }, 'fulfilledBy: "AFN" is not one of MERCHANT, AMAZON'],
    [{ createdAfter: '2026-03-01T00:00:00Z', includedData: ['ITEMS'] }, 'includedData: "ITEMS" is not one of BUYER, RECIPIENT, PROCEEDS, EXPENSE, PROMOTION, CANCELLATION, FULFILLMENT, PACKAGES, TAX, PAYMENT, FULFILLMENT_ORDERS'],
    [{ createdAfter: '2026-03-01T00:00:00Z', paginationToken: '' }, 'paginationToken must be a non-empty string'],
  ])('rejects %j locally as validation, before any request', async (params, message) => {
    const { client } = makeKit();
    const error = await rejection(client.searchOrders(params as never));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe(`Amazon searchOrders: ${message}`);
    expect(client.stats().requests).toBe(0);
  });
});

describe('searchOrders response', () => {
  it('answers the model 400 (InvalidInput) as a validation error, sent once', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 400, fixture('search-orders.sandbox-1.400.json'), { 'x-amzn-requestid': 'rid-400' }));
    const { client } = makeKit();
    const error = await rejection(client.searchOrders({ createdAfter: 'TEST_CASE_400' }));
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: 'InvalidInput', requestId: 'rid-400' });
    expect(error.message).toBe('Amazon searchOrders: HTTP 400 InvalidInput: Invalid Input (Invalid Input)');
    expect(seen).toHaveLength(1);
  });

  it('a 200 that is not a SearchOrdersResponse is a contract error', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(PATH).query(true).reply(200, { payload: { Orders: [] } });
    const { client } = makeKit();
    const error = await rejection(client.searchOrders({ createdAfter: '2026-03-01T00:00:00Z' }));
    expect(error.kind).toBe('contract');
    expect(error.message).toContain('response is not a SearchOrdersResponse (orders:');
  });

  it('takes its bucket from the model usage plan (0.0056/s, burst 20), corrected by x-amzn-RateLimit-Limit', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(PATH).query(true).reply(200, { orders: [], pagination: null }, { 'x-amzn-ratelimit-limit': '0.0056' });
    const { client, limiter } = makeKit();
    expect(await client.searchOrders({ createdAfter: '2026-03-01T00:00:00Z' })).toEqual({ orders: [] });
    expect(limiter.stats(KEY)).toMatchObject({ rate: 0.0056, burst: 20 });
  });
});
