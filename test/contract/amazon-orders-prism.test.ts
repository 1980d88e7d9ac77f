/**
 * Contract test: the Amazon connector's requests checked against Amazon's own Orders v0 model.
 * Stoplight Prism serves test/fixtures/amazon/models/ordersV0.json with --errors, so a request
 * that breaks the model is answered 4xx with an `sl-violations` header. A recording proxy
 * between the connector and Prism keeps every status and violation header for the asserts.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAmazonClient, parseAmazonOrder, parseAmazonOrderItem, type AmazonClient } from '../../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const MODEL = fileURLToPath(new URL('../fixtures/amazon/models/ordersV0.json', import.meta.url));

let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let lwa: Server | undefined;
let exchanges: PrismExchange[] = [];
const lwaForms: string[] = [];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A stand-in LWA endpoint (the only part of the flow not described by ordersV0.json). */
function lwaServer(): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      lwaForms.push(body);
      res.setHeader('content-type', 'application/json;charset=UTF-8');
      res.end(JSON.stringify({ access_token: 'Atza|contract-test', refresh_token: 'Atzr|x', token_type: 'bearer', expires_in: 3600 }));
    });
  });
}

function makeClient(endpoint: string, tokenEndpoint: string): AmazonClient {
  return createAmazonClient({
    tenant: 'contract',
    settings: { region: 'na', marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], endpoint, tokenEndpoint },
    credentials: { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'secret', refreshToken: 'Atzr|refresh' },
    limiter: new RateLimiterRegistry(),
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
}

/** A raw GET straight to Prism, bypassing the connector's own checks. */
function rawGet(path: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  if (prism === undefined) throw new Error('prism not started');
  const { port } = prism;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { accept: 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

let client: AmazonClient;

beforeAll(async () => {
  const tokenServer = lwaServer();
  lwa = tokenServer;
  const [started, lwaPort] = await Promise.all([startPrism({ mode: 'mock', spec: MODEL }), listen(tokenServer)]);
  prism = started;
  proxy = await startPrismRecorder(started.url, (exchange) => exchanges.push(exchange));
  client = makeClient(proxy.url, `http://127.0.0.1:${lwaPort}/auth/o2/token`);
}, 30_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), proxy?.stop(), new Promise<void>((resolve) => lwa?.close(() => resolve()))]);
});

beforeEach(() => {
  exchanges = [];
});

/** Runs a connector call; if it fails, the error names Prism's violations (the connector only sees a 4xx). */
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
  for (const e of exchanges) {
    expect({ url: e.url, status: e.status, violations: e.violations }).toEqual({ url: e.url, status: 200, violations: undefined });
  }
}

describe('Amazon Orders v0 requests against the official model (Prism --errors)', () => {
  it('getOrders with CreatedAfter', async () => {
    const page = await call(() => client.getOrders({ createdAfter: '2026-03-01T00:00:00Z', createdBefore: '2026-03-02T00:00:00Z' }));
    expectAllValid(1);
    expect(exchanges[0]?.url).toBe(
      '/orders/v0/orders?CreatedAfter=2026-03-01T00%3A00%3A00Z&CreatedBefore=2026-03-02T00%3A00%3A00Z&MarketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2',
    );
    expect(page.nextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    expect(page.orders).toHaveLength(1);
    const order = parseAmazonOrder(page.orders[0]);
    expect(order.ok && [order.order.AmazonOrderId, order.order.OrderStatus]).toEqual(['902-3159896-1390916', 'Pending']);
    expect(lwaForms.at(-1)).toBe(
      'grant_type=refresh_token&refresh_token=Atzr%7Crefresh&client_id=amzn1.application-oa2-client.test&client_secret=secret',
    );
  });

  it('getOrders with LastUpdatedAfter and every filter the connector sends', async () => {
    const page = await call(() =>
      client.getOrders({
        lastUpdatedAfter: '2026-03-01T00:00:00Z',
        lastUpdatedBefore: '2026-03-01T06:00:00Z',
        orderStatuses: ['Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled'],
        fulfillmentChannels: ['AFN', 'MFN'],
        maxResultsPerPage: 100,
      }),
    );
    expectAllValid(1);
    expect(page.orders).toHaveLength(1);
  });

  it('getOrders next page by NextToken', async () => {
    const page = await call(() => client.getOrders({ nextToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4' }));
    expectAllValid(1);
    expect(exchanges[0]?.url).toBe('/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&NextToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    expect(page.orders).toHaveLength(1);
  });

  it('getOrder', async () => {
    const result = await call(() => client.getOrder('902-3159896-1390916'));
    expectAllValid(1);
    const order = parseAmazonOrder(result.order);
    expect(order.ok && order.order.AmazonOrderId).toBe('902-3159896-1390916');
  });

  it('getOrderItems, first page and by NextToken', async () => {
    const first = await call(() => client.getOrderItems('903-1671087-0812628'));
    const next = await call(() => client.getOrderItems('903-1671087-0812628', first.nextToken));
    expectAllValid(2);
    expect(exchanges[1]?.url).toBe('/orders/v0/orders/903-1671087-0812628/orderItems?NextToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    expect(first.amazonOrderId).toBe('903-1671087-0812628');
    expect(first.items.length).toBeGreaterThan(0);
    expect(next.items).toHaveLength(first.items.length);
    for (const raw of first.items) {
      const item = parseAmazonOrderItem(raw);
      expect(item.ok).toBe(true);
    }
  });
});

describe('the contract check can fail', () => {
  it('Prism rejects a getOrders request without MarketplaceIds', async () => {
    const response = await rawGet('/orders/v0/orders?CreatedAfter=2026-03-01T00%3A00%3A00Z');
    expect(response.status).toBe(400);
    expect(JSON.parse(String(response.headers['sl-violations']))).toEqual([
      { location: ['request', 'query'], severity: 'Error', code: 'required', message: "Request query must have required property 'marketplaceids'" },
    ]);
  });

  it('Prism rejects more than 50 MarketplaceIds and a non-integer MaxResultsPerPage', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `M${i}`).join(',');
    const tooMany = await rawGet(`/orders/v0/orders?CreatedAfter=x&MarketplaceIds=${ids}`);
    const notInt = await rawGet('/orders/v0/orders?CreatedAfter=x&MarketplaceIds=A&MaxResultsPerPage=ten');
    expect([tooMany.status, notInt.status]).toEqual([400, 400]);
    expect(String(tooMany.headers['sl-violations'])).toContain('must NOT have more than 50 items');
    expect(String(notInt.headers['sl-violations'])).toContain('maxresultsperpage must be integer');
  });
});
