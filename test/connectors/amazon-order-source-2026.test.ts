/**
 * Amazon as an order source on Orders API 2026-01-01 (settings.ordersApi): listOrders pages
 * through searchOrders over the window, the datasets the mapping reads asked for, the
 * paginationToken sent with the rest of the query; records carry their items (no orderLines)
 * and name their format. v0 stays the default.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { AMAZON_ORDERS_2026_FORMAT } from '../../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability } from '../../connectors/registry.js';
import { createLogger } from '../../worker/logger.js';
import { answer, CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, mockLwa, SETTINGS, type SeenRequest } from './amazon/amazon-test-kit.js';

const PATH = '/orders/2026-01-01/orders';
const DIR = new URL('../fixtures/amazon/orders-2026-01-01/', import.meta.url);
const fixture = (name: string): { orders: Record<string, unknown>[]; pagination?: { nextToken: string } } =>
  JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as { orders: Record<string, unknown>[] };
const WINDOW = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };

isolateNetworkPerTest();

function orderSource(ordersApi?: 'v0' | '2026-01-01') {
  const amazon = connectorFor('amazon');
  const settings = amazon.settings.parse({ ...SETTINGS, ...(ordersApi ? { ordersApi } : {}) });
  const connector = amazon.connect({ tenant: 'acme', settings, credentials: { ...CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: createLogger({ level: 'silent' }) });
  return requireCapability(connector, 'orderSource', 'acme/amazon-eu');
}

describe('amazon orderSource on Orders API 2026-01-01', () => {
  it('lists a window through searchOrders; the next page sends the paginationToken with the same query', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    const first = fixture('search-orders.example.200.json');
    const last = { ...fixture('search-orders.sandbox-2.200.json') };
    delete last.pagination;
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, first));
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, last));
    const source = orderSource('2026-01-01');

    const page1 = await source.listOrders({ window: WINDOW, pageSize: 100 });
    const page2 = await source.listOrders({ window: WINDOW, pageSize: 100, cursor: page1.cursor! });

    const query =
      'lastUpdatedAfter=2026-03-01T00%3A00%3A00Z&lastUpdatedBefore=2026-03-02T00%3A00%3A00Z&marketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P' +
      '&maxResultsPerPage=100&includedData=BUYER,RECIPIENT,PROCEEDS,PROMOTION,FULFILLMENT,TAX';
    expect(seen.map((s) => s.path)).toEqual([`${PATH}?${query}`, `${PATH}?${query}&paginationToken=${first.pagination!.nextToken}`]);
    expect(page1.cursor).toBe(first.pagination!.nextToken);
    expect(page2.cursor).toBeUndefined();
    expect(page1.records.map((r) => [r.id, r.updatedAt])).toEqual(first.orders.map((o) => [o.orderId, o.lastUpdatedTime]));
    // The order arrives whole, items inside: nothing to fetch per order.
    expect(page1.records[0]?.order).toEqual(first.orders[0]);
    expect(source.orderLines).toBeUndefined();
    expect(source.recordFormat).toBe(AMAZON_ORDERS_2026_FORMAT);
    expect(source.maxPageSize).toBe(100);
  });

  it('stays on v0 (getOrders, orderLines, no record format) unless the connection chooses 2026-01-01', () => {
    for (const source of [orderSource(), orderSource('v0')]) {
      expect(source.recordFormat).toBeUndefined();
      expect(source.orderLines).toEqual(expect.any(Function));
    }
    expect(() => connectorFor('amazon').settings.parse({ ...SETTINGS, ordersApi: '2025-01-01' })).toThrow(/ordersApi/);
  });

  it('keeps a record without a usable orderId in the page, without an id (it is dead-lettered, not dropped)', async () => {
    mockLwa();
    const body = fixture('search-orders.example.200.json');
    delete body.pagination;
    const orders = [{ ...body.orders[0], orderId: '' }];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(200, { orders }, { 'content-type': 'application/json' });
    const page = await orderSource('2026-01-01').listOrders({ window: WINDOW, pageSize: 10 });
    expect(page.records).toHaveLength(1);
    expect(page.records[0]?.id).toBeUndefined();
  });
});
