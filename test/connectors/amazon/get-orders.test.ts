import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parseAmazonOrder } from '../../../connectors/amazon/index.js';
import {
  answer,
  EU_ENDPOINT,
  EXPECTED_LWA_FORM,
  fixtureJson,
  fixtureText,
  isolateNetworkPerTest,
  LWA_PATH,
  makeKit,
  mockLwa,
  rejection,
  type SeenRequest,
} from './amazon-test-kit.js';

const PATH = '/orders/v0/orders';
const KEY = { tenant: 'acme', vendor: 'amazon', operation: 'getOrders', scope: 'eu' };

isolateNetworkPerTest();

describe('getOrders request', () => {
  it('sends CreatedAfter and comma-separated MarketplaceIds with the access token header, and parses the recorded page', async () => {
    const lwaSeen: SeenRequest[] = [];
    const lwa = mockLwa(['FILTERED'], 3600, lwaSeen);
    const seen: SeenRequest[] = [];
    const api = nock(EU_ENDPOINT)
      .get(PATH)
      .query(true)
      .reply(
        answer(seen, 200, fixtureText('get-orders.peddler.json'), {
          'x-amzn-requestid': '9656a56d-9a1e-470d-93be-834183391387',
          'x-amzn-ratelimit-limit': '5.0',
        }),
      );
    const { client } = makeKit();

    const page = await client.getOrders({ marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'], createdAfter: '2026-03-01T00:00:00Z' });

    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.path).toBe('/orders/v0/orders?CreatedAfter=2026-03-01T00%3A00%3A00Z&MarketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P');
    const headers = seen[0]?.headers ?? {};
    expect(headers['x-amz-access-token']).toBe('FILTERED');
    expect(headers['user-agent']).toBe('Caravan/0.1 (Language=TypeScript)');
    expect(headers['accept']).toBe('application/json');
    expect(headers['authorization']).toBeUndefined();

    expect(lwaSeen).toHaveLength(1);
    expect(lwaSeen[0]?.path).toBe(LWA_PATH);
    expect(lwaSeen[0]?.body).toBe(EXPECTED_LWA_FORM);
    expect(lwaSeen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');

    expect(page).toEqual({
      orders: (fixtureJson('get-orders.peddler.json').payload as { Orders: unknown[] }).Orders,
      createdBefore: '1.569521782042E9',
      requestId: '9656a56d-9a1e-470d-93be-834183391387',
    });
    expect(page.orders).toHaveLength(2);
    const first = parseAmazonOrder(page.orders[0]);
    expect(first.ok && first.order.AmazonOrderId).toBe('902-1845936-5435065');
    expect(first.ok && first.order.OrderTotal).toEqual({ CurrencyCode: 'USD', Amount: '11.01' });
    expect(api.isDone() && lwa.isDone()).toBe(true);
  });

  it('sends LastUpdatedAfter/Before, OrderStatuses, FulfillmentChannels and MaxResultsPerPage exactly', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, fixtureJson('get-orders.next-token-page-1.model.json')));
    const { client } = makeKit();

    const page = await client.getOrders({
      marketplaceIds: ['A1PA6795UKMFR9'],
      lastUpdatedAfter: '2026-03-01T00:00:00Z',
      lastUpdatedBefore: '2026-03-02T00:00:00Z',
      orderStatuses: ['Unshipped', 'PartiallyShipped', 'Shipped'],
      fulfillmentChannels: ['MFN', 'AFN'],
      maxResultsPerPage: 100,
    });

    expect(seen.map((s) => s.path)).toEqual([
      '/orders/v0/orders?LastUpdatedAfter=2026-03-01T00%3A00%3A00Z&LastUpdatedBefore=2026-03-02T00%3A00%3A00Z' +
        '&OrderStatuses=Unshipped,PartiallyShipped,Shipped&MarketplaceIds=A1PA6795UKMFR9&FulfillmentChannels=MFN,AFN&MaxResultsPerPage=100',
    ]);
    expect(page.nextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    expect(page.orders).toHaveLength(1);
  });

  it('with a NextToken sends only MarketplaceIds and NextToken (the token carries the filters)', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, fixtureJson('get-orders.next-token-page-2.model.json')));
    const { client } = makeKit();

    const page = await client.getOrders({
      marketplaceIds: ['ATVPDKIKX0DER'],
      createdAfter: 'ignored-with-a-token',
      orderStatuses: ['Shipped'],
      nextToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4',
    });

    expect(seen.map((s) => s.path)).toEqual(['/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&NextToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4']);
    expect(page.nextToken).toBeUndefined();
    expect(page.orders).toHaveLength(1);
  });

  it('URL-encodes a NextToken with reserved characters', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, { payload: { Orders: [] } }));
    const { client } = makeKit();
    await client.getOrders({ nextToken: 'ab+c/d==' });
    expect(seen[0]?.path).toBe('/orders/v0/orders?MarketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P&NextToken=ab%2Bc%2Fd%3D%3D');
  });

  it("uses the connection's marketplaceIds when none are given", async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, { payload: { Orders: [] } }));
    const { client } = makeKit();
    const page = await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });
    expect(seen[0]?.path).toBe('/orders/v0/orders?CreatedAfter=2026-03-01T00%3A00%3A00Z&MarketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P');
    expect(page).toEqual({ orders: [] });
  });

  it.each([
    [{ marketplaceIds: ['A1PA6795UKMFR9'] }, 'either createdAfter or lastUpdatedAfter is required'],
    [{ createdAfter: '2026-03-01T00:00:00Z', lastUpdatedAfter: '2026-03-01T00:00:00Z' }, 'lastUpdatedAfter/lastUpdatedBefore cannot be set when createdAfter is set'],
    [{ createdAfter: '2026-03-01T00:00:00Z', lastUpdatedBefore: '2026-03-01T00:00:00Z' }, 'lastUpdatedAfter/lastUpdatedBefore cannot be set when createdAfter is set'],
    [{ lastUpdatedAfter: '2026-03-01T00:00:00Z', createdBefore: '2026-03-02T00:00:00Z' }, 'createdAfter/createdBefore cannot be set when lastUpdatedAfter is set'],
    [{ createdAfter: '2026-03-01T00:00:00Z', maxResultsPerPage: 101 }, 'maxResultsPerPage must be an integer from 1 to 100, got 101'],
    [{ createdAfter: '2026-03-01T00:00:00Z', maxResultsPerPage: 0 }, 'maxResultsPerPage must be an integer from 1 to 100, got 0'],
    [{ createdAfter: '2026-03-01T00:00:00Z', marketplaceIds: [] }, 'marketplaceIds needs at least 1 value(s)'],
    [{ createdAfter: '2026-03-01T00:00:00Z', marketplaceIds: Array.from({ length: 51 }, (_, i) => `M${i}`) }, 'marketplaceIds takes at most 50 values, got 51'],
    [{ createdAfter: '2026-03-01T00:00:00Z', orderStatuses: ['Shipped,Canceled'] }, 'orderStatuses items must be non-empty strings without commas'],
    [{ createdAfter: '' }, 'createdAfter must be a non-empty string'],
  ])('rejects %j locally as validation, before any request', async (params, message) => {
    const { client } = makeKit();
    const error = await rejection(client.getOrders(params));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe(`Amazon getOrders: ${message}`);
    expect(client.stats()).toEqual({ requests: 0, throttled: 0, rateLimitWaitMs: 0, retries: 0, tokenRefreshes: 0 });
  });
});

describe('getOrders response', () => {
  it('corrects the bucket rate from x-amzn-RateLimit-Limit and ignores a non-numeric value', async () => {
    mockLwa();
    nock(EU_ENDPOINT)
      .get(PATH)
      .query(true)
      .reply(200, fixtureText('get-orders.peddler.json'), { 'content-type': 'application/json', 'x-amzn-ratelimit-limit': '5.0' })
      .get(PATH)
      .query(true)
      .reply(200, { payload: { Orders: [] } }, { 'x-amzn-ratelimit-limit': 'string' });
    const { client, limiter } = makeKit();
    await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });
    expect(limiter.stats(KEY)).toMatchObject({ rate: 5, burst: 20, rateSource: 'header' });
    await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });
    expect(limiter.stats(KEY)).toMatchObject({ rate: 5, rateSource: 'header' });
  });

  it('keeps a page with a malformed order; parseAmazonOrder names the field', async () => {
    const body = fixtureJson<{ payload: { Orders: Record<string, unknown>[] } }>('get-orders.peddler.json');
    const [good, bad] = body.payload.Orders;
    const malformed = { ...bad, OrderTotal: { CurrencyCode: 'USD', Amount: 11.01 }, NumberOfItemsShipped: 'zero' };
    mockLwa();
    nock(EU_ENDPOINT).get(PATH).query(true).reply(200, { payload: { Orders: [good, malformed] } });
    const { client } = makeKit();

    const page = await client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' });

    expect(page.orders).toHaveLength(2);
    expect(parseAmazonOrder(page.orders[0]).ok).toBe(true);
    expect(parseAmazonOrder(page.orders[1])).toEqual({
      ok: false,
      id: '902-8745147-1934268',
      issues: [
        { path: 'OrderTotal.Amount', message: 'Invalid input: expected string, received number' },
        { path: 'NumberOfItemsShipped', message: 'Invalid input: expected number, received string' },
      ],
    });
  });

  it('parseAmazonOrder reports missing required fields and has no id when AmazonOrderId is missing', () => {
    expect(parseAmazonOrder({ PurchaseDate: '2026-03-01T10:00:00Z', OrderStatus: 'Shipped', PaymentMethodDetails: ['Standard', 7] })).toEqual({
      ok: false,
      issues: [
        { path: 'AmazonOrderId', message: 'Invalid input: expected string, received undefined' },
        { path: 'LastUpdateDate', message: 'Invalid input: expected string, received undefined' },
        { path: 'PaymentMethodDetails[1]', message: 'Invalid input: expected string, received number' },
      ],
    });
    expect(parseAmazonOrder('not an order')).toEqual({ ok: false, issues: [{ path: '', message: 'Invalid input: expected object, received string' }] });
  });

  it('passes unknown order fields through untouched', () => {
    const raw = { AmazonOrderId: '1', PurchaseDate: 'a', LastUpdateDate: 'b', OrderStatus: 'NewStatus2027', FutureField: { x: 1 } };
    expect(parseAmazonOrder(raw)).toEqual({ ok: true, order: raw });
  });

  it.each([
    ['Orders is not an array', { payload: { Orders: { AmazonOrderId: '1' } } }, 'response is not a GetOrdersResponse (payload.Orders: Invalid input: expected array, received object)'],
    ['no payload, no errors', { Orders: [] }, 'response is not a GetOrdersResponse (payload: Invalid input: expected object, received undefined)'],
    ['NextToken is a number', { payload: { Orders: [], NextToken: 5 } }, 'response is not a GetOrdersResponse (payload.NextToken: Invalid input: expected string, received number)'],
  ])('a 200 whose envelope is wrong (%s) is a contract error', async (_name, body, message) => {
    mockLwa();
    nock(EU_ENDPOINT).get(PATH).query(true).reply(200, body, { 'x-amzn-requestid': 'rid-1' });
    const { client } = makeKit();
    const error = await rejection(client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }));
    expect(error.kind).toBe('contract');
    expect(error.message).toBe(`Amazon getOrders: ${message}`);
    expect(error.requestId).toBe('rid-1');
  });

  it('a 200 with an HTML page or truncated JSON is a contract error, sent once', async () => {
    const html = fixtureText('error-502-gateway.synthetic.html');
    const truncated = fixtureText('get-orders.peddler.json').slice(0, 700);
    mockLwa();
    nock(EU_ENDPOINT)
      .get(PATH)
      .query(true)
      .reply(200, html, { 'content-type': 'text/html' })
      .get(PATH)
      .query(true)
      .reply(200, truncated, { 'content-type': 'application/json' });
    const { client } = makeKit();

    const htmlError = await rejection(client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }));
    expect(htmlError.kind).toBe('contract');
    expect(htmlError.message).toBe(
      'Amazon getOrders: HTTP 200 without a JSON body: <!DOCTYPE html> <html><head><title>502 Bad Gateway</title></head> <body><h1>502 Bad Gateway</h1><p>The server returned a…',
    );
    const truncatedError = await rejection(client.getOrders({ createdAfter: '2026-03-01T00:00:00Z' }));
    expect(truncatedError.kind).toBe('contract');
    expect(truncatedError.message).toBe(`Amazon getOrders: HTTP 200 without a JSON body: ${truncated.slice(0, 120)}…`);
    expect(client.stats().requests).toBe(2);
  });
});
