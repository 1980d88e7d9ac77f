import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATED_ORDER_IDS, type AmazonSandbox, type SandboxOrder } from '../../../sandbox/amazon/index.js';
import { spGet, T0, walkOrders, type ItemsPayload, type OrdersPayload } from './sandbox-client.js';
import { ALL_MARKETPLACES, iso, seededSandbox } from './seeded-sandbox.js';
import { declaredHeaders, validateResponse } from './swagger-schema.js';

const DE = 'A1PA6795UKMFR9';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const { seed, start } = seededSandbox();
let sandbox: AmazonSandbox;
let token: string;

beforeAll(async () => {
  ({ sandbox, token } = await start());
});
afterAll(async () => {
  await sandbox.close();
});

const key = (o: SandboxOrder, mode: 'created' | 'updated'): number => {
  const raw = mode === 'created' ? o.order.PurchaseDate : o.order.LastUpdateDate;
  const parsed = Date.parse(raw);
  // The malformed PurchaseDate record sorts by its LastUpdateDate.
  return Number.isNaN(parsed) || raw.includes('-02-30T') ? Date.parse(o.order.LastUpdateDate) : parsed;
};
function expectedIds(filter: (o: SandboxOrder) => boolean, mode: 'created' | 'updated'): string[] {
  return seed
    .filter(filter)
    .sort((a, b) => key(a, mode) - key(b, mode) || (a.order.AmazonOrderId < b.order.AmazonOrderId ? -1 : 1))
    .map((o) => o.order.AmazonOrderId);
}

describe('getOrders paging', () => {
  it('walks every order exactly once, in PurchaseDate order, with NextToken only', async () => {
    const pages = await walkOrders(sandbox.url, token, {
      MarketplaceIds: ALL_MARKETPLACES,
      CreatedAfter: iso(T0 - 31 * 86_400_000),
      MaxResultsPerPage: '7',
    });
    expect(pages).toHaveLength(35); // ceil(240 / 7)
    const ids = pages.flatMap((p) => p.body.payload?.Orders.map((o) => o.AmazonOrderId) ?? []);
    expect(ids).toHaveLength(240);
    expect(new Set(ids).size).toBe(240);
    expect(ids).toEqual(expectedIds(() => true, 'created'));
    pages.forEach((p, i) => {
      expect(p.status).toBe(200);
      expect(p.body.payload?.Orders).toHaveLength(i < 34 ? 7 : 240 - 34 * 7);
      expect(p.body.payload?.NextToken === undefined).toBe(i === 34);
      // Without CreatedBefore the window ends two minutes before now, echoed on every page.
      expect(p.body.payload?.CreatedBefore).toBe('2026-03-15T11:58:00Z');
      expect(p.body.payload?.LastUpdatedBefore).toBeUndefined();
      expect(p.headers.get('content-type')).toBe('application/json');
      expect(p.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
      expect(p.headers.get('x-amzn-RequestId')).toMatch(UUID);
      expect(validateResponse('/orders/v0/orders', 200, p.body)).toEqual([]);
    });
  });

  it('filters by LastUpdatedAfter and orders by LastUpdateDate, then AmazonOrderId', async () => {
    const after = T0 - 3 * 86_400_000;
    const pages = await walkOrders(sandbox.url, token, { MarketplaceIds: ALL_MARKETPLACES, LastUpdatedAfter: iso(after), MaxResultsPerPage: '10' });
    const got = pages.flatMap((p) => p.body.payload?.Orders ?? []);
    const want = expectedIds((o) => Date.parse(o.order.LastUpdateDate) >= after, 'updated');
    expect(want.length).toBe(79);
    expect(got.map((o) => o.AmazonOrderId)).toEqual(want);
    for (const o of got) expect(Date.parse(o.LastUpdateDate)).toBeGreaterThanOrEqual(after);
    expect(pages[0]?.body.payload?.LastUpdatedBefore).toBe('2026-03-15T11:58:00Z');
  });

  it('honours an explicit LastUpdatedBefore', async () => {
    const after = T0 - 10 * 86_400_000;
    const before = T0 - 5 * 86_400_000;
    const pages = await walkOrders(sandbox.url, token, {
      MarketplaceIds: ALL_MARKETPLACES,
      LastUpdatedAfter: iso(after),
      LastUpdatedBefore: iso(before),
    });
    const want = expectedIds((o) => {
      const u = Date.parse(o.order.LastUpdateDate);
      return u >= after && u <= before;
    }, 'updated');
    expect(pages).toHaveLength(1);
    expect(pages[0]?.body.payload?.Orders.map((o) => o.AmazonOrderId)).toEqual(want);
    expect(pages[0]?.body.payload?.LastUpdatedBefore).toBe(iso(before));
  });

  it('filters by marketplace, status, fulfilment channel and AmazonOrderIds', async () => {
    const pages = await walkOrders(sandbox.url, token, {
      MarketplaceIds: DE,
      CreatedAfter: iso(T0 - 31 * 86_400_000),
      OrderStatuses: 'Unshipped,PartiallyShipped',
      FulfillmentChannels: 'MFN',
    });
    const want = expectedIds(
      (o) => o.order.MarketplaceId === DE && ['Unshipped', 'PartiallyShipped'].includes(o.order.OrderStatus) && o.order.FulfillmentChannel === 'MFN',
      'created',
    );
    expect(want.length).toBe(5);
    expect(pages.flatMap((p) => p.body.payload?.Orders.map((o) => o.AmazonOrderId) ?? [])).toEqual(want);

    const ids = [CURATED_ORDER_IDS.hebrewNameUk, CURATED_ORDER_IDS.arabicNameDe, CURATED_ORDER_IDS.japaneseAddressJp];
    const picked = await spGet<OrdersPayload>(sandbox.url, '/orders/v0/orders', token, {
      MarketplaceIds: `${DE},A1F83G8C2ARO7P`,
      CreatedAfter: iso(T0 - 31 * 86_400_000),
      AmazonOrderIds: ids.join(','),
    });
    // The JP order is not in the requested marketplaces.
    expect(picked.body.payload?.Orders.map((o) => o.AmazonOrderId).sort()).toEqual([CURATED_ORDER_IDS.arabicNameDe, CURATED_ORDER_IDS.hebrewNameUk].sort());
  });

  it('serves the seed records unchanged, right-to-left and malformed ones included', async () => {
    const pages = await walkOrders(sandbox.url, token, { MarketplaceIds: ALL_MARKETPLACES, CreatedAfter: iso(T0 - 31 * 86_400_000) });
    const served = new Map(pages.flatMap((p) => p.body.payload?.Orders ?? []).map((o) => [o.AmazonOrderId, o]));
    for (const id of Object.values(CURATED_ORDER_IDS)) {
      expect(served.get(id)).toEqual(seed.find((o) => o.order.AmazonOrderId === id)?.order);
    }
  });
});

describe('getOrders validation (400 InvalidInput, with the rate-limit header)', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['missing MarketplaceIds', { CreatedAfter: '2026-03-01T00:00:00Z' }, "Missing required parameter 'MarketplaceIds'."],
    ['neither CreatedAfter nor LastUpdatedAfter', { MarketplaceIds: DE }, 'Either CreatedAfter or LastUpdatedAfter must be specified.'],
    ['both CreatedAfter and LastUpdatedAfter', { MarketplaceIds: DE, CreatedAfter: '2026-03-01T00:00:00Z', LastUpdatedAfter: '2026-03-01T00:00:00Z' }, 'CreatedAfter and LastUpdatedAfter cannot both be specified.'],
    ['CreatedAfter with LastUpdatedBefore', { MarketplaceIds: DE, CreatedAfter: '2026-03-01T00:00:00Z', LastUpdatedBefore: '2026-03-02T00:00:00Z' }, 'LastUpdatedBefore cannot be specified when CreatedAfter is specified.'],
    ['LastUpdatedAfter with CreatedBefore', { MarketplaceIds: DE, LastUpdatedAfter: '2026-03-01T00:00:00Z', CreatedBefore: '2026-03-02T00:00:00Z' }, 'CreatedBefore cannot be specified when LastUpdatedAfter is specified.'],
    ['an impossible date', { MarketplaceIds: DE, CreatedAfter: '2026-02-30T00:00:00Z' }, 'CreatedAfter is not a valid ISO 8601 date: 2026-02-30T00:00:00Z.'],
    ['a non-ISO date', { MarketplaceIds: DE, LastUpdatedAfter: '03/01/2026' }, 'LastUpdatedAfter is not a valid ISO 8601 date: 03/01/2026.'],
    ['LastUpdatedBefore within two minutes of now', { MarketplaceIds: DE, LastUpdatedAfter: '2026-03-01T00:00:00Z', LastUpdatedBefore: '2026-03-15T11:59:00Z' }, 'LastUpdatedBefore must be at least 120 seconds before the current time.'],
    ['Before earlier than After', { MarketplaceIds: DE, CreatedAfter: '2026-03-10T00:00:00Z', CreatedBefore: '2026-03-09T00:00:00Z' }, 'CreatedBefore must be equal to or after CreatedAfter.'],
    ['CreatedAfter in the future', { MarketplaceIds: DE, CreatedAfter: '2026-03-16T00:00:00Z' }, 'CreatedAfter cannot be in the future.'],
    ['MaxResultsPerPage 0', { MarketplaceIds: DE, CreatedAfter: '2026-03-01T00:00:00Z', MaxResultsPerPage: '0' }, 'MaxResultsPerPage must be an integer between 1 and 100.'],
    ['MaxResultsPerPage 101', { MarketplaceIds: DE, CreatedAfter: '2026-03-01T00:00:00Z', MaxResultsPerPage: '101' }, 'MaxResultsPerPage must be an integer between 1 and 100.'],
    ['an unknown marketplace', { MarketplaceIds: 'XYZ', CreatedAfter: '2026-03-01T00:00:00Z' }, 'Invalid MarketplaceIds value: XYZ.'],
    ['51 marketplaces', { MarketplaceIds: Array(51).fill(DE).join(','), CreatedAfter: '2026-03-01T00:00:00Z' }, 'MarketplaceIds cannot contain more than 50 values.'],
    ['an unknown status', { MarketplaceIds: DE, CreatedAfter: '2026-03-01T00:00:00Z', OrderStatuses: 'Shipped,Lost' }, 'Invalid OrderStatuses value: Lost.'],
    ['a garbled NextToken', { MarketplaceIds: DE, NextToken: 'eyJvcCI6ImdldE9yZGVycyJ9.AAAAAAAAAAAAAAAAAAAAAA' }, 'Invalid NextToken.'],
  ];
  it.each(cases)('rejects %s', async (_name, query, message) => {
    const r = await spGet<OrdersPayload>(sandbox.url, '/orders/v0/orders', token, query);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]).toMatchObject({ code: 'InvalidInput', message });
    expect(r.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
    expect(validateResponse('/orders/v0/orders', 400, r.body)).toEqual([]);
  });

  it('accepts LastUpdatedBefore exactly two minutes before now, and date-only or offset dates', async () => {
    const queries: Record<string, string>[] = [
      { MarketplaceIds: DE, LastUpdatedAfter: '2026-03-01', LastUpdatedBefore: '2026-03-15T11:58:00Z' },
      { MarketplaceIds: DE, CreatedAfter: '2026-03-01T09:00:00+09:00', CreatedBefore: '2026-03-15T12:58:00+01:00' },
    ];
    for (const query of queries) {
      const r = await spGet<OrdersPayload>(sandbox.url, '/orders/v0/orders', token, query);
      expect(r.status).toBe(200);
    }
  });
});

describe('getOrder', () => {
  it('returns the order as payload', async () => {
    const r = await spGet<{ payload: unknown }>(sandbox.url, `/orders/v0/orders/${CURATED_ORDER_IDS.japaneseAddressJp}`, token);
    expect(r.status).toBe(200);
    expect(r.body.payload).toEqual(seed.find((o) => o.order.AmazonOrderId === CURATED_ORDER_IDS.japaneseAddressJp)?.order);
    expect(r.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5');
    expect(validateResponse('/orders/v0/orders/{orderId}', 200, r.body)).toEqual([]);
    expect(declaredHeaders('/orders/v0/orders/{orderId}', 200).sort()).toEqual(['x-amzn-RateLimit-Limit', 'x-amzn-RequestId']);
  });

  it('answers 404 NotFound for an unknown order, with the rate-limit header', async () => {
    const r = await spGet<OrdersPayload>(sandbox.url, '/orders/v0/orders/999-0000000-0000000', token);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ errors: [{ code: 'NotFound', message: 'Order 999-0000000-0000000 not found.', details: '' }] });
    expect(r.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5');
    expect(validateResponse('/orders/v0/orders/{orderId}', 404, r.body)).toEqual([]);
  });
});

describe('getOrderItems', () => {
  it('pages 47 items as 20 + 20 + 7 with NextToken', async () => {
    const id = CURATED_ORDER_IDS.manyLinesDe;
    const path = `/orders/v0/orders/${id}/orderItems`;
    const first = await spGet<ItemsPayload>(sandbox.url, path, token);
    const second = await spGet<ItemsPayload>(sandbox.url, path, token, { NextToken: first.body.payload?.NextToken ?? '' });
    const third = await spGet<ItemsPayload>(sandbox.url, path, token, { NextToken: second.body.payload?.NextToken ?? '' });
    expect([first, second, third].map((r) => r.body.payload?.OrderItems.length)).toEqual([20, 20, 7]);
    expect(third.body.payload?.NextToken).toBeUndefined();
    const ids = [first, second, third].flatMap((r) => r.body.payload?.OrderItems.map((i) => i.OrderItemId) ?? []);
    expect(ids).toEqual(seed.find((o) => o.order.AmazonOrderId === id)?.items.map((i) => i.OrderItemId));
    for (const r of [first, second, third]) {
      expect(r.body.payload?.AmazonOrderId).toBe(id);
      expect(r.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5');
      expect(validateResponse('/orders/v0/orders/{orderId}/orderItems', 200, r.body)).toEqual([]);
    }
  });

  it('returns a short order in one page and items exactly as seeded', async () => {
    const id = CURATED_ORDER_IDS.noSellerSkuFr;
    const r = await spGet<ItemsPayload>(sandbox.url, `/orders/v0/orders/${id}/orderItems`, token);
    expect(r.body).toEqual({ payload: { AmazonOrderId: id, OrderItems: seed.find((o) => o.order.AmazonOrderId === id)?.items } });
  });

  it('rejects a garbled NextToken and one issued for another order', async () => {
    const first = await spGet<ItemsPayload>(sandbox.url, `/orders/v0/orders/${CURATED_ORDER_IDS.manyLinesDe}/orderItems`, token);
    const foreign = await spGet<ItemsPayload>(sandbox.url, `/orders/v0/orders/${CURATED_ORDER_IDS.arabicNameDe}/orderItems`, token, {
      NextToken: first.body.payload?.NextToken ?? '',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors?.[0]?.code).toBe('InvalidInput');
    const garbled = await spGet<ItemsPayload>(sandbox.url, `/orders/v0/orders/${CURATED_ORDER_IDS.manyLinesDe}/orderItems`, token, { NextToken: 'not-a-token' });
    expect(garbled.status).toBe(400);
    expect(validateResponse('/orders/v0/orders/{orderId}/orderItems', 400, garbled.body)).toEqual([]);
  });

  it('validates every order and item response of the seed against ordersV0.json', async () => {
    const errors: string[] = [];
    for (const { order } of seed) {
      const o = await spGet(sandbox.url, `/orders/v0/orders/${order.AmazonOrderId}`, token);
      errors.push(...validateResponse('/orders/v0/orders/{orderId}', o.status, o.body));
      const items = await spGet(sandbox.url, `/orders/v0/orders/${order.AmazonOrderId}/orderItems`, token);
      errors.push(...validateResponse('/orders/v0/orders/{orderId}/orderItems', items.status, items.body));
    }
    expect(errors).toEqual([]);
  });
});
