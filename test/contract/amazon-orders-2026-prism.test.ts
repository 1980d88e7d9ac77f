/**
 * Contract test: the connector's searchOrders requests checked against Amazon's own Orders API
 * 2026-01-01 model. Stoplight Prism serves test/fixtures/amazon/models/orders_2026-01-01.json
 * with --errors, so a request that breaks the model is answered 4xx with `sl-violations`; a
 * recording proxy keeps every status and violation header for the asserts. Prism answers with
 * the model's example, which then maps through `mapAmazon2026OrderRecord`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapAmazon2026OrderRecord } from '../../activities/amazon-records.js';
import { createAmazonClient, type AmazonClient } from '../../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const MODEL = fileURLToPath(new URL('../fixtures/amazon/models/orders_2026-01-01.json', import.meta.url));

let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let lwa: Server | undefined;
let exchanges: PrismExchange[] = [];
let client: AmazonClient;

/** A stand-in LWA endpoint (the only part of the flow the model does not describe). */
function lwaServer(): Server {
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json;charset=UTF-8');
      res.end(JSON.stringify({ access_token: 'Atza|contract-test', token_type: 'bearer', expires_in: 3600 }));
    });
  });
}

beforeAll(async () => {
  const tokenServer = lwaServer();
  lwa = tokenServer;
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  const lwaPort = (tokenServer.address() as AddressInfo).port;
  prism = await startPrism({ mode: 'mock', spec: MODEL, startTimeoutMs: 60_000 });
  proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
  client = createAmazonClient({
    tenant: 'contract',
    settings: { region: 'na', marketplaceIds: ['ATVPDKIKX0DER'], endpoint: proxy.url, tokenEndpoint: `http://127.0.0.1:${lwaPort}/auth/o2/token` },
    credentials: { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'secret', refreshToken: 'Atzr|refresh' },
    limiter: new RateLimiterRegistry(),
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
}, 90_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), proxy?.stop(), new Promise<void>((resolve) => lwa?.close(() => resolve()))]);
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
