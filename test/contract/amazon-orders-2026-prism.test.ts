/**
 * Contract test: the connector's searchOrders requests checked against Amazon's own Orders API
 * 2026-01-01 model. Stoplight Prism serves test/fixtures/amazon/models/orders_2026-01-01.json
 * with --errors, so a request that breaks the model is answered 4xx with `sl-violations`; a
 * recording proxy keeps every status and violation header for the asserts. Prism answers with
 * the model's example, which then maps through `mapAmazon2026OrderRecord`.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapAmazon2026OrderRecord } from '../../activities/amazon-records.js';
import { type AmazonClient } from '../../connectors/amazon/index.js';
import { contractAmazonClient, startLwaStandIn, type LwaStandIn } from '../support/amazon-contract.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const MODEL = fileURLToPath(new URL('../fixtures/amazon/models/orders_2026-01-01.json', import.meta.url));

let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let lwa: LwaStandIn | undefined;
let exchanges: PrismExchange[] = [];
let client: AmazonClient;

beforeAll(async () => {
  lwa = await startLwaStandIn();
  prism = await startPrism({ mode: 'mock', spec: MODEL, startTimeoutMs: 60_000 });
  proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
  client = contractAmazonClient(proxy.url, lwa.tokenEndpoint);
}, 90_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), proxy?.stop(), lwa?.stop()]);
});

beforeEach(() => {
  exchanges = [];
});

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const seen = exchanges.map((e) => `${e.method} ${e.url} → ${e.status} ${e.violations ?? ''}`).join('\n');
    throw new Error(`${(error as Error).message}\nPrism exchanges:\n${seen}`, { cause: error });
  }
}

function expectAllValid(count: number): void {
  expect(exchanges).toHaveLength(count);
  for (const e of exchanges) expect({ url: e.url, status: e.status, violations: e.violations }).toEqual({ url: e.url, status: 200, violations: undefined });
}

describe('Amazon Orders API 2026-01-01 requests against the official model (Prism --errors)', () => {
  it('searchOrders with createdAfter and the default includedData; the answer maps', async () => {
    const page = await call(() => client.searchOrders({ createdAfter: '2026-03-01T00:00:00Z', createdBefore: '2026-03-02T00:00:00Z' }));
    expectAllValid(1);
    expect(exchanges[0]?.url).toBe(
      '/orders/2026-01-01/orders?createdAfter=2026-03-01T00%3A00%3A00Z&createdBefore=2026-03-02T00%3A00%3A00Z&marketplaceIds=ATVPDKIKX0DER' +
        '&includedData=BUYER,RECIPIENT,PROCEEDS,PROMOTION,FULFILLMENT,TAX',
    );
    expect(page.nextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    const mapped = page.orders.map((o) => mapAmazon2026OrderRecord(o, 'contract'));
    expect(mapped.map((r) => r.ok && r.order.externalId)).toEqual(['123-4567890-1234567']);
  });

  it('searchOrders with lastUpdatedAfter, every filter, and a pagination token', async () => {
    await call(() =>
      client.searchOrders({
        lastUpdatedAfter: '2026-03-01T00:00:00Z',
        lastUpdatedBefore: '2026-03-01T06:00:00Z',
        fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'],
        fulfilledBy: ['MERCHANT', 'AMAZON'],
        maxResultsPerPage: 100,
        includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS'],
        paginationToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4',
      }),
    );
    expectAllValid(1);
  });
});
