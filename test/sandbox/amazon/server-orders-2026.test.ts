/**
 * Orders API 2026-01-01 in the sandbox: searchOrders pages the same seeded orders as getOrders
 * (same window, same order), every reply fits models/orders_2026-01-01.json, includedData
 * decides which datasets come, money is {amount, currencyCode}, malformed seeded records stay
 * malformed, bad parameters get Amazon's 400 ErrorList, and searchOrders has its own bucket.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATED_ORDER_IDS, startAmazonSandbox, type AmazonSandbox, type SandboxOrder } from '../../../sandbox/amazon/index.js';
import { requestToken, spGet, T0, testClock, walkOrders } from './sandbox-client.js';
import { ALL_MARKETPLACES, iso, seededSandbox } from './seeded-sandbox.js';
import { validate, type SwaggerModel } from './swagger-schema.js';

// The official model (origin in test/fixtures/amazon/models/SOURCE.md).
const MODEL: SwaggerModel = JSON.parse(
  readFileSync(new URL('../../fixtures/amazon/models/orders_2026-01-01.json', import.meta.url), 'utf8'),
) as SwaggerModel;
const SEARCH = '/orders/2026-01-01/orders';

function fits(path: string, status: number, body: unknown): string[] {
  const schema = MODEL.paths[path]?.get?.responses[String(status)]?.schema;
  return schema ? validate(MODEL, schema, body) : [`no schema for ${path} ${status}`];
}

interface Money {
  amount: string;
  currencyCode: string;
}
interface Order2026 {
  orderId: string;
  lastUpdatedTime: string;
  buyer?: unknown;
  recipient?: unknown;
  proceeds?: { grandTotal?: Money };
  fulfillment?: { fulfillmentStatus: string; fulfilledBy?: string };
  orderItems: { orderItemId: string; proceeds?: { breakdowns: { type: string; subtotal: Money }[] }; fulfillment?: unknown; tax?: unknown; product: { price?: { unitPrice?: Money } } }[];
}
interface SearchPage {
  orders: Order2026[];
  pagination?: { nextToken: string };
  lastUpdatedBefore?: string;
}
interface Errors {
  errors: { code: string; message: string; details?: string }[];
}

const ALL_DATA = 'BUYER,RECIPIENT,PROCEEDS,PROMOTION,FULFILLMENT,TAX,CANCELLATION';
const { seed, start } = seededSandbox();
const byId = new Map(seed.map((o) => [o.order.AmazonOrderId, o]));
let sandbox: AmazonSandbox;
let token: string;

beforeAll(async () => {
  ({ sandbox, token } = await start());
});
afterAll(async () => {
  await sandbox.close();
});

async function walkSearch(query: Record<string, string>) {
  const pages = [await spGet<SearchPage>(sandbox.url, SEARCH, token, query)];
  for (let last = pages[0]!; last.status === 200 && last.body.pagination; last = pages[pages.length - 1]!) {
    pages.push(await spGet<SearchPage>(sandbox.url, SEARCH, token, { ...query, paginationToken: last.body.pagination.nextToken }));
  }
  return pages;
}

describe('searchOrders', () => {
  it('pages the orders getOrders serves for the same window, in the same order, each page fitting the model', async () => {
    const from = iso(T0 - 10 * 86_400_000);
    const to = iso(T0 - 86_400_000);
    const v0 = await walkOrders(sandbox.url, token, { MarketplaceIds: ALL_MARKETPLACES, LastUpdatedAfter: from, LastUpdatedBefore: to, MaxResultsPerPage: '9' });
    const pages = await walkSearch({ marketplaceIds: ALL_MARKETPLACES, lastUpdatedAfter: from, lastUpdatedBefore: to, maxResultsPerPage: '9', includedData: ALL_DATA });
    const v0Ids = v0.flatMap((p) => p.body.payload?.Orders.map((o) => o.AmazonOrderId) ?? []);
    expect(v0Ids.length).toBeGreaterThan(20);
    expect(pages.flatMap((p) => p.body.orders.map((o) => o.orderId))).toEqual(v0Ids);
    expect(pages).toHaveLength(v0.length);
    for (const p of pages) {
      expect(p.status).toBe(200);
      expect(p.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0056');
      expect(p.body.lastUpdatedBefore).toBe(to);
      expect(fits(SEARCH, 200, p.body)).toEqual([]);
    }
  });

  it('sends only the datasets asked for', async () => {
    const window = { lastUpdatedAfter: iso(T0 - 30 * 86_400_000), maxResultsPerPage: '100' };
    const bare = await spGet<SearchPage>(sandbox.url, SEARCH, token, window);
    expect(bare.status).toBe(200);
    expect(bare.body.orders.length).toBe(100);
    for (const o of bare.body.orders) {
      expect(Object.keys(o).filter((k) => ['buyer', 'recipient', 'proceeds', 'fulfillment'].includes(k))).toEqual([]);
      for (const item of o.orderItems) expect(Object.keys(item).filter((k) => ['proceeds', 'fulfillment', 'tax', 'promotion'].includes(k))).toEqual([]);
    }
    const some = await spGet<SearchPage>(sandbox.url, SEARCH, token, { ...window, includedData: 'FULFILLMENT' });
    expect(some.body.orders.every((o) => o.fulfillment !== undefined && o.proceeds === undefined && o.buyer === undefined)).toBe(true);
    expect(fits(SEARCH, 200, some.body)).toEqual([]);
  });

  it('writes money as {amount, currencyCode}, taken over from the stored order unchanged', async () => {
    const reply = await spGet<SearchPage>(sandbox.url, SEARCH, token, { lastUpdatedAfter: iso(T0 - 30 * 86_400_000), includedData: 'PROCEEDS,FULFILLMENT' });
    const shipped = reply.body.orders.filter((o) => o.fulfillment?.fulfillmentStatus === 'SHIPPED');
    expect(shipped.length).toBeGreaterThan(5);
    for (const o of shipped) {
      const v0 = byId.get(o.orderId) as SandboxOrder;
      expect(o.proceeds?.grandTotal).toEqual({ amount: v0.order.OrderTotal?.Amount, currencyCode: v0.order.OrderTotal?.CurrencyCode });
      o.orderItems.forEach((item, i) => {
        const item0 = v0.items[i]!;
        expect(item.orderItemId).toBe(item0.OrderItemId);
        expect(item.proceeds?.breakdowns.find((b) => b.type === 'ITEM')?.subtotal).toEqual({ amount: item0.ItemPrice?.Amount, currencyCode: item0.ItemPrice?.CurrencyCode });
      });
    }
  });

  it('keeps malformed seeded records malformed: a decimal comma, a non-ISO currency, an impossible date', async () => {
    const get = async (id: string) => (await spGet<{ order: Order2026 & { createdTime: string } }>(sandbox.url, `${SEARCH}/${id}`, token, { includedData: 'PROCEEDS,FULFILLMENT' })).body.order;
    const comma = await get(CURATED_ORDER_IDS.commaDecimalDe);
    expect(comma.orderItems[0]?.proceeds?.breakdowns.find((b) => b.type === 'ITEM')?.subtotal.amount).toBe('19,99');
    expect((await get(CURATED_ORDER_IDS.nonIsoCurrencyFr)).proceeds?.grandTotal?.currencyCode).toBe('EURO');
    expect((await get(CURATED_ORDER_IDS.invalidPurchaseDateUk)).createdTime).toBe('2026-02-30T25:61:00Z');
  });

  it.each([
    [{ createdAfter: iso(T0 - 86_400_000), lastUpdatedAfter: iso(T0 - 86_400_000) }, /createdAfter and lastUpdatedAfter cannot both be specified/],
    [{}, /Either createdAfter or lastUpdatedAfter must be specified/],
    [{ lastUpdatedAfter: iso(T0 - 86_400_000), createdBefore: iso(T0 - 3_600_000) }, /createdBefore cannot be specified/],
    [{ lastUpdatedAfter: iso(T0 - 86_400_000), maxResultsPerPage: '101' }, /maxResultsPerPage must be an integer between 1 and 100/],
    [{ lastUpdatedAfter: iso(T0 - 86_400_000), includedData: 'BUYER,EVERYTHING' }, /Invalid includedData value: EVERYTHING/],
    [{ lastUpdatedAfter: iso(T0 - 86_400_000), fulfillmentStatuses: 'Shipped' }, /Invalid fulfillmentStatuses value: Shipped/],
    [{ lastUpdatedAfter: iso(T0 - 86_400_000), paginationToken: 'made-up' }, /Invalid paginationToken/],
  ])('answers 400 with an ErrorList for bad parameters: %j', async (query, message) => {
    const reply = await spGet<Errors>(sandbox.url, SEARCH, token, query);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]).toMatchObject({ code: 'InvalidInput', message: expect.stringMatching(message) });
    expect(fits(SEARCH, 400, reply.body)).toEqual([]);
  });

  it('filters by fulfillmentStatuses and fulfilledBy in the 2026 vocabulary', async () => {
    const reply = await spGet<SearchPage>(sandbox.url, SEARCH, token, {
      lastUpdatedAfter: iso(T0 - 30 * 86_400_000),
      fulfillmentStatuses: 'SHIPPED',
      fulfilledBy: 'AMAZON',
      includedData: 'FULFILLMENT',
    });
    expect(reply.body.orders.length).toBeGreaterThan(0);
    for (const o of reply.body.orders) expect(o.fulfillment).toMatchObject({ fulfillmentStatus: 'SHIPPED', fulfilledBy: 'AMAZON' });
  });
});

describe('getOrder (2026-01-01)', () => {
  it('returns one order with its items inside, fitting the model; 404 for an unknown id', async () => {
    const id = seed.find((o) => o.items.length > 2 && o.order.OrderStatus === 'Shipped')!.order.AmazonOrderId;
    const reply = await spGet<{ order: Order2026 }>(sandbox.url, `${SEARCH}/${id}`, token, { includedData: ALL_DATA });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5');
    expect(reply.body.order.orderItems.map((i) => i.orderItemId)).toEqual(byId.get(id)!.items.map((i) => i.OrderItemId));
    expect(fits(`${SEARCH}/{orderId}`, 200, reply.body)).toEqual([]);
    const missing = await spGet<Errors>(sandbox.url, `${SEARCH}/999-0000000-0000000`, token);
    expect(missing.status).toBe(404);
    expect(fits(`${SEARCH}/{orderId}`, 404, missing.body)).toEqual([]);
  });
});

describe('searchOrders usage plan', () => {
  it('throttles after the burst of 20 and refills at 0.0056 requests per second (time-scaled)', async () => {
    const clock = testClock();
    const limited = await startAmazonSandbox({ orders: seed.slice(0, 5), now: clock.now, timeScale: 10 });
    try {
      const t = await requestToken(limited.url);
      const query = { lastUpdatedAfter: iso(T0 - 86_400_000) };
      for (let i = 0; i < 20; i++) expect((await spGet(limited.url, SEARCH, t, query)).status).toBe(200);
      const throttled = await spGet<Errors>(limited.url, SEARCH, t, query);
      expect(throttled.status).toBe(429);
      expect(throttled.body.errors[0]?.code).toBe('QuotaExceeded');
      // One token every 1 / (0.0056 × 10) ≈ 17.9 s.
      clock.advanceSeconds(17);
      expect((await spGet(limited.url, SEARCH, t, query)).status).toBe(429);
      clock.advanceSeconds(1);
      expect((await spGet(limited.url, SEARCH, t, query)).status).toBe(200);
      expect(limited.stats().operations.searchOrders).toMatchObject({ requests: 23, throttled: 2 });
      expect(limited.stats().operations.getOrders.requests).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
